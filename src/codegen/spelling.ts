import { balancedSum } from '../ir/sums';
import { GradLensError, diagnostic } from '../core/diagnostic';
import type { IrExpr } from '../ir/nodes';

/**
 * How each target language writes an expression: operators with their precedence, literals, and the
 * library functions by the intrinsic names the IR uses. One expression printer (printExpression)
 * serves Python, TypeScript/JavaScript and math notation through these tables.
 */
export interface Spelling {
  /** Precedence of each binary operator (higher binds tighter); `**` is right-associative everywhere. */
  readonly binary: Readonly<Record<string, number>>;
  readonly unaryMinus: number;
  readonly not: { readonly text: string; readonly precedence: number };
  readonly compare: number;
  readonly compareOps: Readonly<Record<string, string>>;
  readonly and: string;
  readonly or: string;
  readonly bool: (v: boolean) => string;
  readonly none: string;
  readonly conditional: (test: string, then: string, otherwise: string) => string;
  readonly tuple: (elements: readonly string[]) => string;
  readonly list: (elements: readonly string[]) => string;
  /** The call of a library function, or undefined when the language has none of that name. */
  readonly call: (intrinsic: string, args: readonly string[]) => string | undefined;
  /** `x ** y` as written (math: `x^y`). */
  readonly power: string;
  /** Whether a unary minus may stand as the left operand of the power operator (TypeScript forbids it). */
  readonly minusBeforePower: boolean;
}

const PRECEDENCE = { conditional: 1, or: 2, and: 3, not: 4, compare: 5, additive: 9, multiplicative: 10, unary: 11, power: 12, atom: 14 };

const ARITHMETIC = { '+': PRECEDENCE.additive, '-': PRECEDENCE.additive, '*': PRECEDENCE.multiplicative, '/': PRECEDENCE.multiplicative, '//': PRECEDENCE.multiplicative, '%': PRECEDENCE.multiplicative, '@': PRECEDENCE.multiplicative, '**': PRECEDENCE.power };

// --- the library table: one for generated code (printSource.ts) and formulas (analysis/formula) ---

/** How a Python file spells its library: `np.exp`, `math.exp`, `torch.exp` or a bare `exp`. */
export interface PythonLibrary {
  /** Prefix of elementwise functions (`np`, `math`, `torch`; '' for bare names). */
  readonly math: string;
  /** Prefix of scipy.special's functions (`scipy.special`, `special`, '' for bare). */
  readonly special: string;
}

const ELEMENTWISE = ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'asinh', 'acosh', 'atanh', 'arctan2', 'atan2', 'hypot', 'erf', 'abs', 'sign', 'floor', 'ceil', 'trunc', 'tanh'];
const SPECIAL = ['erfc', 'erfinv', 'erfcinv', 'ndtr', 'log_ndtr', 'ndtri', 'gammaln', 'digamma', 'polygamma', 'expit', 'gamma', 'erf', 'logit', 'i0', 'i1', 'i0e', 'i1e', 'j0', 'j1', 'y0', 'y1', 'jn', 'yn', 'jv', 'yv', 'iv', 'kv'];

/** The spelling a text uses (its first qualified call), numpy's when it shows none. */
export function pythonLibraryOf(text: string): PythonLibrary {
  const alternatives = (names: readonly string[]): string => names.join('|');
  const qualified = (names: readonly string[]): string | undefined => new RegExp(`([A-Za-z_][\\w.]*)\\.(?:${alternatives(names)})\\s*\\(`).exec(text)?.[1];
  const bare = (names: readonly string[]): boolean => new RegExp(`(?<![\\w.])(?:${alternatives(names)})\\s*\\(`).test(text);
  const math = qualified(ELEMENTWISE) ?? (bare(ELEMENTWISE) ? '' : 'np');
  const special = qualified(SPECIAL.filter((n) => n !== 'erf' && n !== 'gamma')) ?? (bare(SPECIAL) ? '' : 'scipy.special');
  return { math, special };
}

/** Python's `math` module and torch spell these differently from numpy. */
const MATH_MODULE: Readonly<Record<string, string>> = {
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh', arctan2: 'atan2', gammaln: 'lgamma',
};
const PYTHON_SPECIAL: ReadonlySet<string> = new Set(['erfc', 'erfinv', 'erfcinv', 'ndtr', 'log_ndtr', 'ndtri', 'gammaln', 'digamma', 'polygamma', 'expit', 'logit', 'i0', 'i1', 'i0e', 'i1e', 'j0', 'j1', 'y0', 'y1', 'jn', 'yn', 'jv', 'yv', 'iv', 'kv']);
/** What Python's math module has; the rest are numpy's (or scipy's) even in a math-module file. */
const MATH_HAS: ReadonlySet<string> = new Set(['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'arctan2', 'hypot', 'erf', 'erfc', 'gamma', 'gammaln', 'floor', 'ceil', 'trunc']);
/** numpy's own names for the scalar functions (the IR's intrinsic names are numpy's where there is a choice). */
const NUMPY_SCALAR: ReadonlySet<string> = new Set([
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan',
  'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'abs', 'sign', 'floor', 'ceil', 'trunc', 'round',
  'arctan2', 'hypot', 'minimum', 'maximum', 'square', 'reciprocal', 'negative', 'exp2', 'logaddexp',
]);
/** JavaScript's Math by the IR's names (round is not Math.round: the IR's rounds half to even). */
const MATH_OBJECT: Readonly<Record<string, string>> = {
  exp: 'exp', expm1: 'expm1', log: 'log', log1p: 'log1p', log2: 'log2', log10: 'log10', sqrt: 'sqrt', cbrt: 'cbrt',
  sin: 'sin', cos: 'cos', tan: 'tan', arcsin: 'asin', arccos: 'acos', arctan: 'atan', arctan2: 'atan2',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh',
  pow: 'pow', abs: 'abs', sign: 'sign', floor: 'floor', ceil: 'ceil', trunc: 'trunc', hypot: 'hypot', minimum: 'min', maximum: 'max', min: 'min', max: 'max',
  fround: 'fround', imul: 'imul',
};
/** The notes' notation (src/frontends/math reads both `ln` and `log`, `atan2` and `arctan2`). */
const NOTATION: Readonly<Record<string, string>> = { log: 'ln', arctan2: 'atan2' };

export type LibraryTarget = { readonly language: 'python'; readonly library: PythonLibrary } | { readonly language: 'typescript' | 'math' };

/**
 * A scalar library function as a language writes it (`np.exp`, `math.lgamma`, `special.erfc`,
 * `Math.atan2`, `ln`), or undefined when the language has no function of that name.
 */
export function libraryName(intrinsic: string, target: LibraryTarget): string | undefined {
  const own = (table: Readonly<Record<string, string>>): string | undefined => (Object.prototype.hasOwnProperty.call(table, intrinsic) ? table[intrinsic] : undefined);
  if (target.language !== 'python') {
    if (target.language === 'math') return own(NOTATION) ?? intrinsic;
    return own(MATH_OBJECT) === undefined ? undefined : `Math.${own(MATH_OBJECT)}`;
  }
  const { math, special } = target.library;
  const qualify = (prefix: string, name: string): string => (prefix ? `${prefix}.${name}` : name);
  if (intrinsic === 'abs' && (math === 'math' || math === '')) return 'abs';
  if (math === 'math' && MATH_HAS.has(intrinsic)) return `math.${own(MATH_MODULE) ?? intrinsic}`;
  if (math === 'torch' && !PYTHON_SPECIAL.has(intrinsic)) return `torch.${own(MATH_MODULE) ?? intrinsic}`;
  if (PYTHON_SPECIAL.has(intrinsic) || ((intrinsic === 'erf' || intrinsic === 'gamma') && math !== 'math')) return qualify(special, intrinsic);
  if (!NUMPY_SCALAR.has(intrinsic)) return undefined;
  return qualify(math === 'math' || math === 'torch' ? 'np' : math, intrinsic);
}

/** numpy's array functions generated code uses, and those the IR names differently (its `sum` is Python's). */
const NUMPY_ARRAY: ReadonlySet<string> = new Set(['where', 'zeros_like', 'ones_like', 'expand_dims', 'outer', 'dot', 'matmul', 'transpose', 'mean', 'array', 'zeros', 'ones', 'eye', 'trace']);
const NUMPY_RENAMED: Readonly<Record<string, string>> = { reduce_sum: 'sum', reduce_max: 'max', reduce_min: 'min', norm: 'linalg.norm', solve: 'linalg.solve', inv: 'linalg.inv', det: 'linalg.det', slogdet: 'linalg.slogdet' };

/** Python builtins the IR names as intrinsics, written as they are. */
const PYTHON_BUILTINS = new Set(['pow', 'len', 'float', 'int', 'min', 'max', 'sum', 'range', 'bool']);

export interface PythonModules {
  /** The name numpy is imported as in the file (`np`): array functions, and scalar ones unless `library` says otherwise. */
  readonly numpy: string;
  /** How the function spells its scalar functions (`math.exp`, `special.erf`), with numpy's prefix where it shows none. */
  readonly library: PythonLibrary;
}

export function pythonSpelling(modules: PythonModules): Spelling {
  return {
    binary: ARITHMETIC,
    unaryMinus: PRECEDENCE.unary,
    not: { text: 'not ', precedence: PRECEDENCE.not },
    compare: PRECEDENCE.compare,
    compareOps: { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=', in: 'in', 'not in': 'not in', is: 'is', 'is not': 'is not' },
    and: 'and',
    or: 'or',
    bool: (v) => (v ? 'True' : 'False'),
    none: 'None',
    conditional: (t, a, b) => `${a} if ${t} else ${b}`,
    tuple: (xs) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`),
    list: (xs) => `[${xs.join(', ')}]`,
    call: (name, args) => {
      if (PYTHON_BUILTINS.has(name)) return `${name}(${args.join(', ')})`;
      if (NUMPY_ARRAY.has(name)) return `${modules.numpy}.${name}(${args.join(', ')})`;
      if (Object.prototype.hasOwnProperty.call(NUMPY_RENAMED, name)) return `${modules.numpy}.${NUMPY_RENAMED[name]}(${args.join(', ')})`;
      const spelled = libraryName(name, { language: 'python', library: modules.library });
      return spelled === undefined ? undefined : `${spelled}(${args.join(', ')})`;
    },
    power: '**',
    minusBeforePower: true,
  };
}

export const TYPESCRIPT_SPELLING: Spelling = {
  binary: { ...ARITHMETIC, '//': Infinity, '@': Infinity },
  unaryMinus: PRECEDENCE.unary,
  not: { text: '!', precedence: PRECEDENCE.unary },
  compare: PRECEDENCE.compare,
  compareOps: { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' },
  and: '&&',
  or: '||',
  bool: (v) => (v ? 'true' : 'false'),
  none: 'null',
  conditional: (t, a, b) => `${t} ? ${a} : ${b}`,
  tuple: (xs) => `[${xs.join(', ')}]`,
  list: (xs) => `[${xs.join(', ')}]`,
  call: (name, args) => {
    // JavaScript's `%` is the fmod primitive (the host's exact remainder); it has no Math function.
    if (name === 'fmod' && args.length === 2) return `((${args[0]}) % (${args[1]}))`;
    const spelled = libraryName(name, { language: 'typescript' });
    return spelled === undefined ? undefined : `${spelled}(${args.join(', ')})`;
  },
  power: '**',
  minusBeforePower: false,
};

/** The notation of GradLens's notes files (src/frontends/math): `ln`, `^`, plain function names. */
export const MATH_SPELLING: Spelling = {
  binary: { '+': PRECEDENCE.additive, '-': PRECEDENCE.additive, '*': PRECEDENCE.multiplicative, '/': PRECEDENCE.multiplicative, '**': PRECEDENCE.power },
  unaryMinus: PRECEDENCE.unary,
  not: { text: 'not ', precedence: PRECEDENCE.not },
  compare: PRECEDENCE.compare,
  compareOps: { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠' },
  and: 'and',
  or: 'or',
  bool: (v) => (v ? 'true' : 'false'),
  none: 'none',
  conditional: (t, a, b) => `(${a} if ${t}, else ${b})`,
  tuple: (xs) => `(${xs.join(', ')})`,
  list: (xs) => `(${xs.join(', ')})`,
  call: (name, args) => `${libraryName(name, { language: 'math' })}(${args.join(', ')})`,
  power: '^',
  minusBeforePower: false,
};

/** Prints one expression in a language; what the language cannot say is a located error. */
export function printExpression(e: IrExpr, s: Spelling, language: string): string {
  return print(e, s, language).text;
}

interface Printed {
  readonly text: string;
  readonly precedence: number;
}

const atom = (text: string): Printed => ({ text, precedence: PRECEDENCE.atom });

function cannot(what: string, e: IrExpr, language: string): never {
  throw new GradLensError(diagnostic('error', 'unsupported', `GradLens cannot write ${what} in ${language} yet`, e.range));
}

function numberText(v: number, e: IrExpr, language: string): Printed {
  if (!Number.isFinite(v)) cannot(`the number ${v}`, e, language);
  const text = Object.is(v, -0) ? '-0.0' : String(v);
  return { text, precedence: v < 0 || Object.is(v, -0) ? PRECEDENCE.unary : PRECEDENCE.atom };
}

/** `floats`: inside np.array(…), where `1` and `1.0` make arrays of different types, whole numbers keep their `.0`. */
function print(e: IrExpr, s: Spelling, language: string, floats = false): Printed {
  const sub = (x: IrExpr, min: number, inside = floats): string => {
    const p = print(x, s, language, inside);
    return p.precedence < min ? `(${p.text})` : p.text;
  };
  switch (e.kind) {
    case 'number':
      if (floats && Number.isInteger(e.value) && !Object.is(e.value, -0)) return { text: `${e.value}.0`, precedence: e.value < 0 ? PRECEDENCE.unary : PRECEDENCE.atom };
      return numberText(e.value, e, language);
    case 'bool':
      return atom(s.bool(e.value));
    case 'none':
      return atom(s.none);
    case 'string':
      return atom(JSON.stringify(e.value));
    case 'name':
      return atom(e.name);
    case 'sum':
      return print(balancedSum(e), s, language, floats);
    case 'binary': {
      const prec = s.binary[e.op];
      if (prec === undefined || prec === Infinity) return cannot(`the operator ${e.op}`, e, language);
      if (e.op === '**') {
        // Right-associative; a negative or negated base needs brackets (TypeScript requires them).
        const left = print(e.left, s, language);
        const base = left.precedence <= prec || (!s.minusBeforePower && left.precedence === PRECEDENCE.unary) ? `(${left.text})` : left.text;
        return { text: `${base} ${s.power} ${sub(e.right, PRECEDENCE.unary)}`, precedence: prec };
      }
      return { text: `${sub(e.left, prec)} ${e.op} ${sub(e.right, prec + 1)}`, precedence: prec };
    }
    case 'unary':
      if (e.op === 'not') return { text: `${s.not.text}${sub(e.operand, s.not.precedence)}`, precedence: s.not.precedence };
      // `--x` would be a decrement in TypeScript: a negated negative gets brackets.
      return { text: `${e.op}${sub(e.operand, PRECEDENCE.unary + (e.operand.kind === 'unary' || (e.operand.kind === 'number' && e.operand.value < 0) ? 1 : 0))}`, precedence: PRECEDENCE.unary };
    case 'compare': {
      const parts = [sub(e.operands[0]!, PRECEDENCE.compare + 1)];
      e.ops.forEach((op, i) => {
        const spelled = s.compareOps[op] ?? cannot(`the comparison ${op}`, e, language);
        parts.push(spelled, sub(e.operands[i + 1]!, PRECEDENCE.compare + 1));
      });
      if (e.ops.length > 1 && s === TYPESCRIPT_SPELLING) cannot('a chained comparison', e, language);
      return { text: parts.join(' '), precedence: PRECEDENCE.compare };
    }
    case 'logical': {
      const prec = e.op === 'and' ? PRECEDENCE.and : PRECEDENCE.or;
      return { text: `${sub(e.left, prec)} ${e.op === 'and' ? s.and : s.or} ${sub(e.right, prec + 1)}`, precedence: prec };
    }
    case 'conditional':
      return { text: s.conditional(sub(e.test, PRECEDENCE.conditional + 1), sub(e.then, PRECEDENCE.conditional + 1), sub(e.else, PRECEDENCE.conditional)), precedence: PRECEDENCE.conditional };
    case 'call': {
      // Keyword arguments are Python's (numpy's axis=, keepdims=); the other languages have none.
      if (e.keywords.length > 0 && s.none !== 'None') return cannot('a call with keyword arguments', e, language);
      const arrayOf = e.callee.kind === 'intrinsic' && e.callee.name === 'array' && s.none === 'None';
      const args = [...e.args.map((a) => sub(a, PRECEDENCE.conditional, arrayOf)), ...e.keywords.map((k) => `${k.name}=${sub(k.value, PRECEDENCE.conditional, false)}`)];
      if (e.callee.kind === 'intrinsic') return atom(s.call(e.callee.name, args) ?? cannot(`the function ${e.callee.name}`, e, language));
      if (e.callee.kind === 'name') return atom(`${e.callee.name}(${args.join(', ')})`);
      if (e.callee.kind === 'attribute') return atom(`${print(e.callee, s, language).text}(${args.join(', ')})`);
      return cannot('this call', e, language);
    }
    case 'attribute':
      if (s !== TYPESCRIPT_SPELLING && s !== MATH_SPELLING) return atom(`${sub(e.object, PRECEDENCE.atom)}.${e.name}`);
      // A field of the instance a method's gradient runs on (reverse.ts reads each once, at the start).
      if (s === TYPESCRIPT_SPELLING && e.object.kind === 'name' && e.object.name === 'this') return atom(`this.${e.name}`);
      return cannot(`.${e.name}`, e, language);
    case 'index': {
      const python = s.none === 'None';
      const one = (x: IrExpr): string => {
        if (x.kind !== 'slice') return sub(x, PRECEDENCE.conditional, false);
        if (!python) return cannot('a slice', x, language);
        const part = (y: IrExpr | undefined): string => (y ? sub(y, PRECEDENCE.conditional, false) : '');
        return `${part(x.lower)}:${part(x.upper)}${x.step ? `:${part(x.step)}` : ''}`;
      };
      const inside = e.index.kind === 'tuple' && python ? e.index.elements.map(one).join(', ') : one(e.index);
      return atom(`${sub(e.object, PRECEDENCE.atom)}[${inside}]`);
    }
    case 'tuple':
      return atom(s.tuple(e.elements.map((x) => sub(x, PRECEDENCE.conditional))));
    case 'list':
      return atom(s.list(e.elements.map((x) => sub(x, PRECEDENCE.conditional))));
    default:
      return cannot(`a ${e.kind} expression`, e, language);
  }
}
