/**
 * A hand-written derivative against the engine, component by component, at the function's point and
 * at more deterministic points near it (a wrong formula can agree at one point).
 *
 * Two numbers agree when |yours − AD| ≤ 1e-10 + 1e-8·max(|yours|, |AD|): float64 formulas that are
 * algebraically equal but evaluated in another order differ by far less, while a wrong coefficient,
 * sign or chain-rule factor differs by far more. A component that is not finite never agrees.
 *
 * On its own (no engine imports) because the extension host's hovers use it too.
 */
export const CHECK_TOLERANCE = { relative: 1e-8, absolute: 1e-10 } as const;

/** The tolerance above, as a test. */
export const agrees = (y: number, a: number): boolean =>
  Number.isFinite(y) && Number.isFinite(a) && Math.abs(y - a) <= CHECK_TOLERANCE.absolute + CHECK_TOLERANCE.relative * Math.max(Math.abs(y), Math.abs(a));
