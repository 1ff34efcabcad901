import type { ScalarPrimitiveName } from '../../engine/primitives/types';
import type { Language } from '../../ir/nodes';
import type { Expr } from './expr';
import { libraryName, pythonLibraryOf, type PythonLibrary } from '../../codegen/spelling';

/**
 * Formulas written out: as code in the function's own language (`np.exp(x)`, `Math.exp(x)`,
 * `exp(x)`), for hovers and copying, and as TeX for the graph panel. Precedence decides the
 * parentheses, never a guess about what "looks" grouped.
 */

/** A Python file's library spelling (`np.exp`, `math.exp`, `torch.exp`, bare `exp`): codegen/spelling.ts. */
export type Spelling = { readonly language: 'python'; readonly python: PythonLibrary } | { readonly language: Exclude<Language, 'python'> };

export function spellingFor(language: Language, text: string): Spelling {
  return language === 'python' ? { language, python: pythonLibraryOf(text) } : { language };
}

function functionName(op: ScalarPrimitiveName, s: Spelling): string {
  return libraryName(op, s.language === 'python' ? { language: 'python', library: s.python } : { language: s.language }) ?? op;
}

// Precedence: higher binds tighter.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

function numberText(v: number): string {
  return Object.is(v, -0) ? '-0.0' : String(v);
}

/** The formula as code in the function's language, with `names` for its parameters. */
export function codeText(e: Expr, names: readonly string[], s: Spelling): string {
  const powSymbol = s.language === 'math' ? '^' : '**';
  const module = s.language === 'python' ? (s.python.math === '' ? 'math' : s.python.math) : '';
  const pi = s.language === 'typescript' ? 'Math.PI' : s.language === 'math' ? 'π' : `${module}.pi`;
  const eConstant = s.language === 'typescript' ? 'Math.E' : s.language === 'math' ? 'e' : `${module}.e`;
  const go = (x: Expr): [string, number] => {
    switch (x.kind) {
      case 'number':
        return x.value < 0 ? [numberText(x.value), UNARY] : [numberText(x.value), ATOM];
      case 'parameter':
        return [names[x.index]!, ATOM];
      case 'constant':
        return [x.name === 'pi' ? pi : eConstant, ATOM];
      case 'call':
        return callText(x.op, x.args.map(go), (op) => functionName(op, s), powSymbol, s.language === 'typescript');
    }
  };
  return go(e)[0];
}

function wrap([text, level]: [string, number], atLeast: number): string {
  return level >= atLeast ? text : `(${text})`;
}

function callText(op: ScalarPrimitiveName, args: readonly [string, number][], name: (op: ScalarPrimitiveName) => string, powSymbol: string, javascript: boolean): [string, number] {
  const [a, b] = args;
  // JavaScript's remainder is its own operator; elsewhere it is the function fmod.
  if (op === 'fmod' && javascript) return [`${wrap(a!, PRODUCT)} % ${wrap(b!, UNARY)}`, PRODUCT];
  switch (op) {
    case 'add':
      return [`${wrap(a!, SUM)} + ${wrap(b!, SUM)}`, SUM];
    case 'sub':
      return [`${wrap(a!, SUM)} - ${wrap(b!, PRODUCT)}`, SUM];
    case 'mul':
      return [`${wrap(a!, PRODUCT)}*${wrap(b!, UNARY)}`, PRODUCT];
    case 'div':
      return [`${wrap(a!, PRODUCT)}/${wrap(b!, UNARY)}`, PRODUCT];
    case 'neg':
      // `-x ** 2` is a syntax error in TypeScript and easy to misread in Python: a power is wrapped.
      return [`-${a![1] === POWER ? `(${a![0]})` : wrap(a!, PRODUCT)}`, UNARY];
    case 'pow':
      // `-x ** 2` is −(x²) in Python and a syntax error in TypeScript: a signed base is always wrapped.
      return [`${wrap(a!, ATOM)}${powSymbol}${wrap(b!, ATOM)}`, POWER];
    default:
      return [`${name(op)}(${args.map((x) => x[0]).join(', ')})`, ATOM];
  }
}

// ---------------------------------------------------------------------------------------------------
// TeX

const GREEK = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
const GREEK_LETTERS = 'αβγδεζηθικλμνξπρστυφχψω';
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/**
 * Letters TeX writes as a command besides the lowercase Greek above: the capitals that differ from
 * Latin ones, the variants, ℓ and ℏ, and the micro sign (TypeScript keeps it; Python reads it as μ).
 */
const TEX_LETTERS: ReadonlyMap<string, string> = new Map([
  ...[...'ΓΔΘΛΞΠΣΥΦΨΩ'].map((c, i) => [c, ['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'][i]!] as const),
  ['ϵ', 'epsilon'], ['ϑ', 'vartheta'], ['ϕ', 'phi'], ['ϖ', 'varpi'], ['ϱ', 'varrho'], ['ς', 'varsigma'], ['ℓ', 'ell'], ['ℏ', 'hbar'], ['µ', 'mu'],
]);

/**
 * Combining accents TeX writes as a command over the letter: `x̂` (x, U+0302) → \hat{x}, `ȳ` → \bar{y},
 * `ṽ`, `ẋ`, `ẍ`, `v⃗` (U+20D7) → \vec{v}; a precomposed letter (é) reads as its decomposition, as Python's
 * NFKC makes both spellings one name.
 */
const TEX_ACCENTS: ReadonlyMap<string, string> = new Map([
  ['\u0300', 'grave'], ['\u0301', 'acute'], ['\u0302', 'hat'], ['\u0303', 'tilde'], ['\u0304', 'bar'], ['\u0305', 'bar'],
  ['\u0306', 'breve'], ['\u0307', 'dot'], ['\u0308', 'ddot'], ['\u030C', 'check'], ['\u0332', 'underline'], ['\u20D7', 'vec'],
]);

/** One letter's TeX command (`sigma`, `ell`), or undefined for a letter written as it is. */
function letterCommand(c: string): string | undefined {
  const g = GREEK_LETTERS.indexOf(c);
  return g >= 0 ? GREEK[g] : TEX_LETTERS.get(c);
}

/**
 * A letter and its combining marks (`x̂`, `θ̂`, `é`): its accent commands around the letter, innermost
 * first, or undefined when there is no mark. A mark with no command is kept by its code point
 * (`y\text{(U+0323)}`), never dropped.
 */
function accented(cluster: string): string | undefined {
  const [base, ...marks] = [...cluster.normalize('NFD')];
  // (a Hangul syllable decomposes into letters, not marks: it stays as it is)
  if (marks.length === 0 || base === undefined || !/\p{L}/u.test(base) || !marks.every((m) => /\p{M}/u.test(m))) return undefined;
  const command = letterCommand(base);
  let tex = command !== undefined ? `\\${command}` : /^[A-Za-z]$/.test(base) ? base : `\\text{${base}}`;
  for (const m of marks) {
    const accent = TEX_ACCENTS.get(m);
    tex = accent !== undefined ? `\\${accent}{${tex}}` : `${tex}\\text{(U+${m.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})}`;
  }
  return tex;
}

/** A name as TeX: `x1` → x_{1}, `sigma` and `σ` → \sigma, `x_hat` → x_{\mathrm{hat}}, `rate` → \mathrm{rate}, `ℓ` → \ell, `x̂` → \hat{x}. */
export function texName(name: string): string {
  // \u0000…\u0000 holds finished TeX (a command, an accented letter) through the split below
  const plain = (name.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [])
    .map((c) => {
      const accent = accented(c);
      if (accent !== undefined) return `\u0000${accent}\u0000`;
      const letter = letterCommand(c);
      if (letter !== undefined) return `\u0000\\${letter}\u0000`;
      const d = SUBSCRIPT_DIGITS.indexOf(c);
      return d >= 0 ? String(d) : c;
    })
    .join('');
  const m = /^([^_\d]+?)_?(\d+|_.+)?$/.exec(plain);
  const stem = m?.[1] ?? plain;
  const sub = m?.[2]?.replace(/^_/, '');
  return sub ? `${texWord(stem)}_{${texWord(sub)}}` : texWord(stem);
}

/**
 * One part of a name: a letter's command (`\ell`, `\hat{x}`) or a letter alone as it is, else the word
 * upright. A letter TeX has no command for (ж) is kept as text (`\text{ж}`): never dropped, since a
 * name typeset as nothing (`{\mathrm{}}^{2}`) says nothing.
 */
function texWord(word: string): string {
  const whole = /^\u0000([^\u0000]+)\u0000$/.exec(word);
  if (whole) return whole[1]!;
  if (GREEK.includes(word)) return `\\${word}`;
  const escaped = word
    .split(/\u0000([^\u0000]*)\u0000/)
    .map((part, i) => (i % 2 === 1 ? `${part} ` : part.replace(/[^A-Za-z0-9 ]/gu, (c) => (c === '_' ? '\\_' : /\p{L}|\p{N}/u.test(c) ? `\\text{${c}}` : ''))))
    .join('');
  if (/^\d+$/.test(escaped) || /^[A-Za-z]$/.test(escaped) || /^\\text\{.\}$/u.test(escaped)) return escaped;
  return `\\mathrm{${escaped.trimEnd()}}`;
}

/** TeX for each primitive called as a function: its usual symbol where mathematics has one. */
const TEX_FUNCTIONS: Partial<Record<ScalarPrimitiveName, (args: readonly string[]) => string>> = {
  exp: ([a]) => `e^{${a}}`,
  expm1: ([a]) => `\\left(e^{${a}} - 1\\right)`,
  log: ([a]) => `\\ln\\left(${a}\\right)`,
  log1p: ([a]) => `\\ln\\left(1 + ${a}\\right)`,
  log2: ([a]) => `\\log_{2}\\left(${a}\\right)`,
  log10: ([a]) => `\\log_{10}\\left(${a}\\right)`,
  sqrt: ([a]) => `\\sqrt{${a}}`,
  cbrt: ([a]) => `\\sqrt[3]{${a}}`,
  abs: ([a]) => `\\left|${a}\\right|`,
  floor: ([a]) => `\\left\\lfloor ${a}\\right\\rfloor`,
  ceil: ([a]) => `\\left\\lceil ${a}\\right\\rceil`,
  gamma: ([a]) => `\\Gamma\\left(${a}\\right)`,
  gammaln: ([a]) => `\\ln\\left|\\Gamma\\left(${a}\\right)\\right|`,
  digamma: ([a]) => `\\psi\\left(${a}\\right)`,
  polygamma: ([n, x]) => `\\psi^{(${n})}\\left(${x}\\right)`,
  jn: ([n, x]) => `J_{${n}}\\left(${x}\\right)`,
  yn: ([n, x]) => `Y_{${n}}\\left(${x}\\right)`,
  jv: ([v, x]) => `J_{${v}}\\left(${x}\\right)`,
  yv: ([v, x]) => `Y_{${v}}\\left(${x}\\right)`,
  iv: ([v, x]) => `I_{${v}}\\left(${x}\\right)`,
  kv: ([v, x]) => `K_{${v}}\\left(${x}\\right)`,
  ndtr: ([a]) => `\\Phi\\left(${a}\\right)`,
  log_ndtr: ([a]) => `\\ln\\Phi\\left(${a}\\right)`,
  ndtri: ([a]) => `\\Phi^{-1}\\left(${a}\\right)`,
  erfinv: ([a]) => `\\operatorname{erf}^{-1}\\left(${a}\\right)`,
  erfcinv: ([a]) => `\\operatorname{erfc}^{-1}\\left(${a}\\right)`,
  i0: ([a]) => `I_0\\left(${a}\\right)`,
  i1: ([a]) => `I_1\\left(${a}\\right)`,
  i0e: ([a]) => `e^{-\\left|${a}\\right|} I_0\\left(${a}\\right)`,
  i1e: ([a]) => `e^{-\\left|${a}\\right|} I_1\\left(${a}\\right)`,
  j0: ([a]) => `J_0\\left(${a}\\right)`,
  j1: ([a]) => `J_1\\left(${a}\\right)`,
  y0: ([a]) => `Y_0\\left(${a}\\right)`,
  y1: ([a]) => `Y_1\\left(${a}\\right)`,
  minimum: ([a, b]) => `\\min\\left(${a}, ${b}\\right)`,
  maximum: ([a, b]) => `\\max\\left(${a}, ${b}\\right)`,
};
const TEX_OPERATOR_NAMES: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh']);
const TEX_OPERATORNAME: Partial<Record<ScalarPrimitiveName, string>> = { arcsinh: 'arsinh', arccosh: 'arcosh', arctanh: 'artanh', arctan2: 'atan2' };

function texNumber(v: number): string {
  const s = String(Math.abs(v));
  const m = /^(\d(?:\.\d+)?)e([+-]\d+)$/.exec(s);
  const body = m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
  return v < 0 || Object.is(v, -0) ? `-${body}` : body;
}

/** The formula as TeX, with `names` for its parameters (already TeX, see `texName`). */
export function texText(e: Expr, names: readonly string[]): string {
  const go = (x: Expr): [string, number] => {
    switch (x.kind) {
      case 'number':
        return [texNumber(x.value), x.value < 0 ? UNARY : ATOM];
      case 'parameter':
        return [names[x.index]!, ATOM];
      case 'constant':
        return [x.name === 'pi' ? '\\pi' : 'e', ATOM];
      case 'call':
        return x.op === 'div' ? [texFraction(x, go), ATOM] : texCall(x.op, x.args.map(go), x.args);
    }
  };
  return go(e)[0];
}

/** Factors of a product or quotient, flattened: (a/b)/c is one fraction a over b·c. */
function collectFactors(e: Expr, over: Expr[], under: Expr[]): void {
  if (e.kind === 'call' && e.op === 'div') {
    collectFactors(e.args[0]!, over, under);
    collectFactors(e.args[1]!, under, over);
  } else if (e.kind === 'call' && e.op === 'mul') {
    collectFactors(e.args[0]!, over, under);
    collectFactors(e.args[1]!, over, under);
  } else if (!(e.kind === 'number' && e.value === 1)) over.push(e);
}

function texFraction(e: Expr, go: (x: Expr) => [string, number]): string {
  const over: Expr[] = [];
  const under: Expr[] = [];
  collectFactors(e, over, under);
  const product = (factors: readonly Expr[]): string => {
    if (factors.length === 0) return '1';
    if (factors.length === 1) return go(factors[0]!)[0];
    return factors.reduce<string>((text, f, i) => {
      const shown = texWrap(go(f), i === 0 ? PRODUCT : UNARY);
      if (i === 0) return shown;
      const joint = /^[\d-]/.test(shown) ? ' \\cdot ' : factors[i - 1]!.kind === 'number' ? ' ' : ' \\, ';
      return `${text}${joint}${shown}`;
    }, '');
  };
  return `\\frac{${product(over)}}{${product(under)}}`;
}

function texWrap([text, level]: [string, number], atLeast: number): string {
  return level >= atLeast ? text : `\\left(${text}\\right)`;
}

function texCall(op: ScalarPrimitiveName, args: readonly [string, number][], raw: readonly Expr[]): [string, number] {
  const [a, b] = args;
  switch (op) {
    case 'add':
      return [`${texWrap(a!, SUM)} + ${texWrap(b!, SUM)}`, SUM];
    case 'sub':
      return [`${texWrap(a!, SUM)} - ${texWrap(b!, PRODUCT)}`, SUM];
    case 'mul': {
      // A number before anything but a number reads as a coefficient (2x); elsewhere a thin space, or a dot before a digit.
      const right = texWrap(b!, UNARY);
      const joint = /^[\d-]/.test(right) ? ' \\cdot ' : raw[0]!.kind === 'number' ? ' ' : ' \\, ';
      return [`${texWrap(a!, PRODUCT)}${joint}${right}`, PRODUCT];
    }
    case 'neg':
      return [`-${texWrap(a!, PRODUCT)}`, UNARY];
    case 'pow':
      return [`{${raw[0]!.kind === 'call' && raw[0]!.op === 'div' ? `\\left(${a![0]}\\right)` : texWrap(a!, ATOM)}}^{${b![0]}}`, POWER];
    default: {
      const texts = args.map((x) => x[0]);
      const special = TEX_FUNCTIONS[op];
      if (special) return [special(texts), op === 'expm1' || op === 'exp' ? POWER : ATOM];
      const name = TEX_OPERATOR_NAMES.has(op) ? `\\${op}` : `\\operatorname{${(TEX_OPERATORNAME[op] ?? op).replace(/_/g, '\\_')}}`;
      return [`${name}\\left(${texts.join(', ')}\\right)`, ATOM];
    }
  }
}
