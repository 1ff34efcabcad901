/**
 * The seeds' textbook notation for the graph view's tables: how each primitive's primal, tangent and
 * adjoint rules read on paper (seed 001: `v̇₁ = (v₀v̇₋₁ − v₋₁v̇₀)/v₀²`, `v̄₀ = v̄₃ v₃ − v̄₁ v₋₁/v₀²`).
 * Text only: every number shown beside these comes from the tape's stored partials and the engine's
 * sweeps, never from here. An op without a template reads in the generic form `Σ ∂vᵢ/∂vⱼ · v̇ⱼ`.
 */

import { DEFAULT_PRECISION, formatNumber } from '../core/numberText';

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** `v₋₁`, `v₀`, `v₁₂`: the seeds' numbering (inputs ≤ 0, operations from 1). */
export function nodeName(index: number): string {
  const digits = [...String(Math.abs(index))].map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('');
  return `v${index < 0 ? '₋' : ''}${digits}`;
}

/** `v₁` → `v̇₁` (tangent). */
export const dotted = (name: string): string => name.slice(0, 1) + '\u0307' + name.slice(1);
/** `v₁` → `v̄₁` (adjoint). */
export const barred = (name: string): string => name.slice(0, 1) + '\u0304' + name.slice(1);

/** One argument of an operation: a node (`v₁`, differentiated) or a constant (`3`). */
export interface Operand {
  readonly text: string;
  readonly tracked: boolean;
  /** A constant's number and the precision its text was written with (`x³` reads `3 × x^2`). */
  readonly constant?: { readonly value: number; readonly precision: number };
}

/** How a constant operand prints: the one number format at the panel's precision (`gradlens.precision`). */
export function constantText(x: number, precision: number = DEFAULT_PRECISION): string {
  return formatNumber(x, precision);
}

/** Wraps a negative or compound operand before it is squared or raised: `(−2)²`. */
const atom = (s: string): string => (/^[\p{L}\p{N}\u0304\u0307₀-₉₋.]+$/u.test(s) ? s : `(${s})`);
const squared = (s: string): string => `${atom(s)}²`;

/** Names as they read in a call: `ln`, not numpy's `log`. */
const CALL_NAMES: Readonly<Record<string, string>> = {
  log: 'ln', arcsin: 'asin', arccos: 'acos', arctan: 'atan', arctan2: 'atan2',
  arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh', minimum: 'min', maximum: 'max',
};

const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '−', mul: '×', div: '/' };

/** The right-hand side of `vᵢ = …`: `v₋₁/v₀`, `sin(v₁)`, `v₂ + v₄`, `−v₁`, `v₁^2`. */
export function primalExpression(op: string, args: readonly Operand[]): string {
  const [a, b] = args.map((x) => x.text);
  if (op === 'neg') return `−${atom(a!)}`;
  if (op === 'div') return `${atom(a!)}/${atom(b!)}`;
  if (op === 'pow') return `${atom(a!)}^${atom(b!)}`;
  const infix = INFIX[op];
  if (infix && b !== undefined) return `${a} ${infix} ${b}`;
  return `${CALL_NAMES[op] ?? op}(${args.map((x) => x.text).join(', ')})`;
}

/**
 * Unary rules as one derivative factor: `times` reads ẏ = F × ȧ and ā += ȳ F; `over` reads ẏ = ȧ/F
 * and ā += ȳ/F. `{a}` is the argument, `{v}` the result.
 */
type UnaryRule = { readonly times: string } | { readonly over: string } | { readonly zero: true } | { readonly negate: true };

const UNARY: Readonly<Record<string, UnaryRule>> = {
  neg: { negate: true },
  exp: { times: '{v}' }, // d eˣ = eˣ dx
  expm1: { times: '({v} + 1)' },
  log: { over: '{a}' }, // d ln x = dx/x
  log1p: { over: '(1 + {a})' },
  log2: { over: '({a} ln 2)' },
  log10: { over: '({a} ln 10)' },
  sqrt: { over: '(2{v})' }, // d √x = dx/(2√x)
  cbrt: { over: '(3{v}²)' },
  sin: { times: 'cos({a})' },
  cos: { times: '(−sin({a}))' },
  tan: { times: '(1 + {v}²)' }, // d tan x = (1 + tan² x) dx
  arcsin: { over: '√(1 − {a}²)' },
  arccos: { over: '(−√(1 − {a}²))' },
  arctan: { over: '(1 + {a}²)' },
  sinh: { times: 'cosh({a})' },
  cosh: { times: 'sinh({a})' },
  tanh: { times: '(1 − {v}²)' },
  arcsinh: { over: '√({a}² + 1)' },
  arccosh: { over: '√({a}² − 1)' },
  arctanh: { over: '(1 − {a}²)' },
  abs: { times: 'sign({a})' },
  erf: { times: '(2/√π) exp(−{a}²)' },
  erfc: { times: '(−(2/√π) exp(−{a}²))' },
  expit: { times: '{v}(1 − {v})' },
  erfinv: { times: '(√π/2) exp({v}²)' },
  erfcinv: { times: '(−(√π/2) exp({v}²))' },
  ndtr: { times: 'φ({a})' }, // the standard normal density
  log_ndtr: { times: 'φ({a})/Φ({a})' },
  ndtri: { over: 'φ({v})' },
  gammaln: { times: 'ψ({a})' },
  gamma: { times: '{v} ψ({a})' },
  digamma: { times: 'ψ′({a})' },
  i0: { times: 'I₁({a})' },
  i1: { times: '(I₀({a}) − {v}/{a})' },
  i0e: { times: '(I₁e({a}) − sign({a})·{v})' },
  i1e: { times: '(I₀e({a}) − {v}/{a} − sign({a})·{v})' },
  j0: { times: '(−J₁({a}))' },
  j1: { times: '(J₀({a}) − {v}/{a})' },
  y0: { times: '(−Y₁({a}))' },
  y1: { times: '(Y₀({a}) − {v}/{a})' },
  sign: { zero: true },
  floor: { zero: true },
  ceil: { zero: true },
  round: { zero: true },
  trunc: { zero: true },
};

function fill(template: string, a: string, v: string): string {
  return template.replace(/\{a\}²/g, squared(a)).replace(/\{v\}²/g, squared(v)).replace(/\{a\}/g, a).replace(/\{v\}/g, v);
}

/** Joins signed terms: `x`, `−y` → `x − y`. */
export function sumOfTerms(terms: readonly string[]): string {
  if (terms.length === 0) return '0';
  return terms.map((t, i) => (i === 0 ? t : t.startsWith('−') ? ` − ${t.slice(1)}` : ` + ${t}`)).join('');
}

/** Σ ∂v/∂a · ȧ over the differentiated arguments: the form for an op without a template. */
function genericTangent(self: string, args: readonly Operand[]): string {
  return sumOfTerms(args.filter((x) => x.tracked).map((x) => `∂${self}/∂${x.text} × ${dotted(x.text)}`));
}

/**
 * b − 1 for the exponent of d(aᵇ): a number when b is a known constant (x³ gives 3 × x^2), else
 * written out — a variable, or an array operation's constant, which the graph shows as `const`.
 */
function exponentLessOne(b: Operand): string {
  const c = b.constant;
  return !b.tracked && c && Number.isFinite(c.value) ? constantText(c.value - 1, c.precision) : `(${b.text} − 1)`;
}

/** The right-hand side of `v̇ᵢ = …` (`self` is vᵢ). */
export function tangentRule(op: string, self: string, args: readonly Operand[]): string {
  const [a, b] = args;
  const da = a?.tracked ? dotted(a.text) : undefined;
  const db = b?.tracked ? dotted(b.text) : undefined;
  const unary = UNARY[op];
  if (unary && a) {
    if ('zero' in unary) return '0';
    if ('negate' in unary) return `−${da}`;
    if ('times' in unary) return `${fill(unary.times, a.text, self)} × ${da}`;
    return `${da}/${fill(unary.over, a.text, self)}`;
  }
  if (!a || !b) return genericTangent(self, args);
  switch (op) {
    case 'add':
      return sumOfTerms([da, db].filter((t): t is string => t !== undefined));
    case 'sub':
      return da && db ? `${da} − ${db}` : da ?? `−${db}`;
    case 'mul': // d(ab) = ȧ b + ḃ a (seed 001 prints "−"; see seeds-errata.md)
      return sumOfTerms([da ? `${da} × ${b.text}` : undefined, db ? `${db} × ${a.text}` : undefined].filter((t): t is string => t !== undefined));
    case 'div': // d(a/b) = (b ȧ − a ḃ)/b²
      if (da && db) return `(${b.text}${da} − ${a.text}${db})/${squared(b.text)}`;
      if (da) return `${da}/${atom(b.text)}`;
      return `−${a.text}${db}/${squared(b.text)}`;
    case 'pow': {
      // d(aᵇ) = b aᵇ⁻¹ ȧ + aᵇ ln(a) ḃ
      const terms: string[] = [];
      if (da) terms.push(`${b.text} × ${atom(a.text)}^${exponentLessOne(b)} × ${da}`);
      if (db) terms.push(`${self} ln(${a.text}) × ${db}`);
      return sumOfTerms(terms);
    }
    case 'arctan2': // d atan2(a, b) = (b ȧ − a ḃ)/(a² + b²)
      if (da && db) return `(${b.text}${da} − ${a.text}${db})/(${squared(a.text)} + ${squared(b.text)})`;
      break;
    case 'hypot': // d hypot(a, b) = (a ȧ + b ḃ)/hypot(a, b)
      if (da && db) return `(${a.text}${da} + ${b.text}${db})/${self}`;
      break;
  }
  return genericTangent(self, args);
}

/**
 * The term vᵢ contributes to v̄ⱼ, where vⱼ is argument `k` of vᵢ (`self`): `v₄ × v̄₆` for
 * v₆ = v₅ × v₄ and k = 0. Seed 001's forms: `v̄₂ cos(v₁)`, `v̄₃ v₃`, `−v̄₁ v₋₁/v₀²`.
 */
export function adjointTerm(op: string, self: string, args: readonly Operand[], k: number): string {
  const bar = barred(self);
  const [a, b] = args;
  const unary = UNARY[op];
  if (unary && a) {
    if ('zero' in unary) return '0';
    if ('negate' in unary) return `−${bar}`;
    if ('times' in unary) return `${bar} ${fill(unary.times, a.text, self)}`;
    return `${bar}/${fill(unary.over, a.text, self)}`;
  }
  if (a && b) {
    switch (op) {
      case 'add':
        return bar;
      case 'sub':
        return k === 0 ? bar : `−${bar}`;
      case 'mul':
        return `${(k === 0 ? b : a).text} × ${bar}`;
      case 'div':
        return k === 0 ? `${bar}/${atom(b.text)}` : `−${bar} ${a.text}/${squared(b.text)}`;
      case 'pow':
        return k === 0
          ? `${bar} ${b.text} × ${atom(a.text)}^${exponentLessOne(b)}`
          : `${bar} ${self} ln(${a.text})`;
    }
  }
  const wrt = args[k]?.text ?? '?';
  return `∂${self}/∂${wrt} × ${bar}`;
}
