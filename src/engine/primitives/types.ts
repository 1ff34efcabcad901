/**
 * The contract every primitive meets. A primitive is defined once — its value, its partial
 * derivatives, its domain and its special points — and every mode comes from that one definition:
 *
 * - evaluation calls `value`;
 * - recording a tape stores the partials (the local linearisation) with each `TapeEntry`, and the
 *   forward sweep (tangents, ẏ = Σ ∂ᵢ·ẋᵢ) and the reverse sweep (adjoints, x̄ᵢ += ∂ᵢ·ȳ) both read them;
 * - the Hessian (forward over reverse) evaluates the same `partials` over dual numbers, so a rule is
 *   differentiated again by the registry's own operations and needs nothing extra.
 *
 * That is why partials are written against `Ops<T>` rather than on plain numbers: `T` is `number`
 * when taping, a dual number for second order, and a string when the webview prints a rule.
 */

export type UnaryPrimitiveName =
  | 'neg' | 'exp' | 'expm1' | 'log' | 'log1p' | 'log2' | 'log10' | 'sqrt' | 'cbrt'
  | 'sin' | 'cos' | 'tan' | 'arcsin' | 'arccos' | 'arctan'
  | 'sinh' | 'cosh' | 'tanh' | 'arcsinh' | 'arccosh' | 'arctanh'
  | 'abs' | 'sign' | 'floor' | 'ceil' | 'round' | 'trunc' | 'erf'
  | 'erfc' | 'erfinv' | 'erfcinv' | 'ndtr' | 'log_ndtr' | 'ndtri' | 'gammaln' | 'gamma' | 'digamma' | 'expit' | 'i0' | 'i1' | 'i0e' | 'i1e' | 'j0' | 'j1' | 'y0' | 'y1'
  | 'fround';

export type BinaryPrimitiveName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'arctan2' | 'minimum' | 'maximum' | 'hypot' | 'polygamma' | 'jn' | 'yn' | 'jv' | 'yv' | 'iv' | 'kv' | 'imul' | 'fmod';

export type ScalarPrimitiveName = UnaryPrimitiveName | BinaryPrimitiveName;

/** The registry's own operations over some number-like `T`. */
export type Ops<T> = { readonly [P in UnaryPrimitiveName]: (a: T) => T } & {
  readonly [P in BinaryPrimitiveName]: (a: T, b: T) => T;
} & {
  /** Lifts a constant into `T`. */
  constant(c: number): T;
  /** The primal value of `t`, so a rule can choose a branch (conventions at special points). */
  primal(t: T): number;
};

/**
 * ∂out/∂(input i). `b` is ignored by unary primitives; `out` is the primitive's value, passed so
 * rules such as d/dx eˣ = eˣ reuse it.
 */
export type PartialRule = <T>(k: Ops<T>, a: T, b: T, out: T) => T;

/**
 * What a primitive says about its arguments. An error stops the evaluation (log of a negative
 * number); a warning keeps the value and a gradient under a documented convention (abs at 0) and
 * gives the one-sided derivatives; `zero-derivative` flags floor-like operations.
 */
/** `message` names its numbers `{0}`, `{1}` …, which are `values` (formatted where shown: core/diagnosticText.ts). */
export type DomainVerdict =
  | { readonly kind: 'error'; readonly message: string; readonly values?: readonly number[] }
  | {
      readonly kind: 'non-differentiable';
      readonly message: string;
      readonly values?: readonly number[];
      /** One-sided derivatives with respect to the offending argument, as [left, right]. */
      readonly oneSided?: readonly [number, number];
    };

export interface ScalarPrimitive {
  readonly name: ScalarPrimitiveName;
  /** Its index in the registry: the op code a `TapeEntry` stores. */
  readonly opcode: number;
  readonly arity: 1 | 2;
  /** How the textbook tables print it: `v₁ / v₀`, `sin(v₁)`. */
  readonly notation: { readonly kind: 'infix'; readonly symbol: string } | { readonly kind: 'call' };
  readonly value: (a: number, b: number) => number;
  /** One rule per argument. */
  readonly partials: readonly PartialRule[];
  /**
   * Checked on every application. `tracked` says which arguments carry derivatives, so that e.g.
   * ∂(xʸ)/∂y at x < 0 is an error only when y is differentiated.
   */
  readonly domain: ((a: number, b: number, out: number, trackedA: boolean, trackedB: boolean) => DomainVerdict | undefined) | undefined;
  /**
   * True when, with this second argument held fixed (and differentiated or not as `trackedB` says),
   * `domain` has no verdict for any first argument: pow with an untracked whole exponent ≥ 0
   * (`x ** 2`). An array operation with such a constant then skips the per-element domain pass.
   */
  readonly domainQuietForSecond: ((b: number, trackedB: boolean) => boolean) | undefined;
  /** True when `value(a, b)` is `a` itself for every a (pow's exponent 1): rules skip the loop. */
  readonly identityForSecond: ((b: number) => boolean) | undefined;
  /**
   * `value` is exactly this one IEEE-754 operation on (a, b), so array loops may run it as a SIMD
   * kernel (array/lanewise.ts); lanewise.test.ts checks the kernels against `value` bit for bit.
   */
  readonly lanewise: 'add' | 'sub' | 'mul' | 'div' | undefined;
  /** True when `value(a, b)` is exactly a·a for every a (pow's exponent 2): the square kernel. */
  readonly squareForSecond: ((b: number) => boolean) | undefined;
  /**
   * The first argument is an order, a non-negative integer that is never differentiated (polygamma's
   * n): its domain refuses a tracked or non-integer order, and the rule tests sample it from integers.
   */
  readonly integerOrderFirst: boolean;
  /**
   * The first argument is a real order that is never differentiated (jv's ν): a limit of GradLens,
   * its domain refuses a tracked order; the rule tests hold it constant at real values.
   */
  readonly realOrderFirst: boolean;
  /** Derivative zero wherever it exists (floor, round…): flagged to the user once per site. */
  readonly zeroDerivative: boolean;
  /** Arguments where something special happens, exercised by the rule tests. */
  readonly specialPoints: readonly (readonly number[])[];
  /** A box inside the domain where the rule tests sample ordinary points. */
  readonly sampleBox: readonly (readonly [number, number])[];
}
