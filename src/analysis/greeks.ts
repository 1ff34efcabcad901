import type { IrFunction } from '../ir/nodes';
import type { DerivativeKind } from './pairing';

/**
 * Option greeks paired by name: a function named by a Greek letter is a partial of the module's
 * price function with the same parameters, in the parameter whose role the letter names.
 *
 * - delta ∂V/∂S and gamma ∂²V/∂S² (the spot: S, S0, St, spot, F, x, …); vega ∂V/∂σ (sigma, vol, v, …);
 *   rho ∂V/∂r (r, rate, …); theta −∂V/∂T when T is the time to expiry (the calendar convention: value
 *   lost as a day passes), ∂V/∂t when the function takes both the date t and the expiry T.
 * - The letter is one word of the name, in snake_case or CamelCase, beside others that are not Greek
 *   letters (`delta`, `call_delta`, `delta_put`, `bs_vega`, `BlackScholesGamma`, `calculate_rho`); a word
 *   `call` or `put` picks the price function of that kind (`delta_put` ↔ `put_price`).
 * - The price function takes the same parameters (up to ones with defaults, which keep them: a
 *   greek's `option_type='put'` picks the put's price), is not itself a greek and is not a helper (`d1`,
 *   `d2`). Of several, one whose name says the same option kind, else a call, else one named a
 *   price or value, else the first; the check says which and how to ask for another.
 * - Desks quote some greeks per unit: theta per calendar day (÷ 365) or trading day (÷ 252), vega and
 *   rho per percentage point (÷ 100). A greek that equals the partial times one of these factors at
 *   every point compared matches and says so (`checks.ts`); another constant factor is a mismatch
 *   that names the factor.
 *
 * A name with a Greek letter but no spot, volatility, rate or time parameter, or no price function
 * beside it, is not a greek (`delta(a, b)` in a finite-difference helper is left alone).
 */
export interface Convention {
  readonly factor: number;
  /** How the lens says it: `÷ 365 (per calendar day)`. */
  readonly says: string;
}

export interface GreekPairing {
  readonly base: string;
  readonly what: DerivativeKind;
  readonly wrt?: readonly string[];
  /** The greek is this multiple of the partial (theta: −1). */
  readonly scale?: number;
  readonly conventions: readonly Convention[];
  readonly reason: string;
  readonly notes: readonly string[];
}

type Role = 'spot' | 'volatility' | 'rate' | 'time';

const ROLE_NAMES: Readonly<Record<Role, readonly string[]>> = {
  spot: ['S', 'S0', 's', 's0', 'St', 'S_t', 'spot', 'spot_price', 'stock', 'stock_price', 'underlying', 'F', 'F0', 'x'],
  volatility: ['sigma', 'vol', 'volatility', 'sig', 'v', 'sd', 'iv', 'σ'],
  rate: ['r', 'rate', 'rf', 'r_f', 'risk_free', 'risk_free_rate', 'interest_rate', 'R'],
  time: ['T', 't', 'tau', 'τ', 'time', 'ttm', 'maturity', 'expiry', 'time_to_expiry', 'time_to_maturity'],
};

const PER_DAY: readonly Convention[] = [
  { factor: 1 / 365, says: '÷ 365 (per calendar day)' },
  { factor: 1 / 252, says: '÷ 252 (per trading day)' },
];
const PER_POINT = (of: string): readonly Convention[] => [{ factor: 1 / 100, says: `÷ 100 (per percentage point of ${of})` }];

const GREEKS: Readonly<Record<string, { role: Role; second?: true; conventions: readonly Convention[] }>> = {
  delta: { role: 'spot', conventions: [] },
  gamma: { role: 'spot', second: true, conventions: [] },
  vega: { role: 'volatility', conventions: PER_POINT('volatility') },
  theta: { role: 'time', conventions: PER_DAY },
  rho: { role: 'rate', conventions: PER_POINT('the rate') },
};

/** `BlackScholesDelta` → black, scholes, delta; `delta_call` → delta, call. */
const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const ownParams = (fn: IrFunction): string[] => fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'this');

const greekOf = (name: string): string | undefined => {
  const found = words(name).filter((w) => Object.hasOwn(GREEKS, w));
  return found.length === 1 ? found[0] : undefined;
};

const isHelper = (name: string): boolean => words(name).some((w) => /^d[12]$|^(?:pdf|cdf|npdf|ncdf)$/.test(w)) || /^(?:N|n|phi|Phi|d_?[12])$/.test(name);

const optionKind = (name: string): 'call' | 'put' | undefined => {
  const w = words(name);
  return w.includes('call') ? 'call' : w.includes('put') ? 'put' : undefined;
};

/** The same parameters, but for ones with defaults either side (`bs_delta(S, K, T, r, sigma, option_type='call')`). */
function sameParameters(a: IrFunction, b: IrFunction): boolean {
  const required = (f: IrFunction): string[] => f.params.filter((p) => !p.default && p.name !== 'self' && p.name !== 'this').map((p) => p.name);
  const x = ownParams(a);
  const y = ownParams(b);
  return required(a).every((n) => y.includes(n)) && required(b).every((n) => x.includes(n));
}

/** `option_type='call'`, `kind="put"`, `is_call=True`: the option kind a greek computes when its switch keeps its default. */
function defaultKind(fn: IrFunction): 'call' | 'put' | undefined {
  for (const p of fn.params) {
    const d = p.default;
    if (d?.kind === 'string' && (d.value === 'call' || d.value === 'put')) return d.value;
    if (d?.kind === 'string' && (d.value === 'c' || d.value === 'p')) return d.value === 'c' ? 'call' : 'put';
    if (d?.kind === 'bool' && /^(?:is_?)?call$/i.test(p.name)) return d.value ? 'call' : 'put';
  }
  return undefined;
}

/** The price function a greek differentiates, and what the check should say about the choice. */
function priceFor(greek: IrFunction, variable: string, functions: ReadonlyMap<string, IrFunction>): { fn: IrFunction; note?: string } | undefined {
  const owner = greek.name.includes('.') ? greek.name.slice(0, greek.name.lastIndexOf('.') + 1) : '';
  const kind = optionKind(greek.name) ?? defaultKind(greek);
  const candidates = [...functions.values()].filter(
    (f) =>
      f !== greek &&
      f.name.startsWith(owner) &&
      !f.name.slice(owner.length).includes('.') &&
      !greekOf(f.name) &&
      !isHelper(f.name.slice(owner.length)) &&
      sameParameters(f, greek) &&
      (!kind || optionKind(f.name) !== (kind === 'call' ? 'put' : 'call')),
  );
  if (candidates.length === 0) return undefined;
  const score = (f: IrFunction): number => {
    const k = optionKind(f.name);
    const w = words(f.name);
    return (kind && k === kind ? 8 : 0) + (!kind && k === 'call' ? 4 : 0) + (w.some((x) => x === 'price' || x === 'value' || x === 'premium') ? 2 : 0) + (k === 'put' && !kind ? -1 : 0);
  };
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0]!;
  const others = candidates.filter((f) => f !== best).map((f) => f.name);
  if (others.length === 0) return { fn: best };
  const note = `${best.name} chosen as the price (${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} the same parameters; "@gradient-of ${others[0]} wrt ${variable}" above ${greek.name} says another)`;
  return { fn: best, note };
}

function parameterFor(role: Role, params: readonly string[]): string | undefined {
  return ROLE_NAMES[role].find((n) => params.includes(n));
}

export function greekPairing(fn: IrFunction, functions: ReadonlyMap<string, IrFunction>): GreekPairing | undefined {
  const greek = greekOf(fn.name);
  if (!greek) return undefined;
  const spec = GREEKS[greek]!;
  const params = ownParams(fn);
  // Both the date t and the expiry T: theta is ∂V/∂t, the value's change as the date moves on.
  const calendar = spec.role === 'time' && params.includes('t') && params.includes('T');
  const variable = calendar ? 't' : parameterFor(spec.role, params);
  if (!variable) return undefined;
  const price = priceFor(fn, variable, functions);
  if (!price) return undefined;
  const p = price.fn.name;
  const notes: string[] = [];
  const roleText = { spot: 'the spot', volatility: 'the volatility', rate: 'the rate', time: calendar ? 'the date' : 'the time to expiry' }[spec.role];
  const named = fn.name === greek ? greek : `${fn.name} is ${greek}`;
  if (spec.second) notes.push(`${named} = ∂²${p}/∂${variable}² (${variable} is ${roleText})`);
  else if (spec.role === 'time' && !calendar) notes.push(`${named} = −∂${p}/∂${variable}, the value lost as time passes (${variable} is ${roleText})`);
  else notes.push(`${named} = ∂${p}/∂${variable} (${variable} is ${roleText})`);
  if (price.note) notes.push(price.note);
  const what: DerivativeKind = spec.second ? { kind: 'hessian' } : { kind: 'partial', variable };
  return {
    base: p,
    what,
    ...(spec.second ? { wrt: [variable] } : {}),
    ...(spec.role === 'time' && !calendar ? { scale: -1 } : {}),
    conventions: spec.conventions,
    reason: `by name (${greek} of ${p})`,
    notes,
  };
}
