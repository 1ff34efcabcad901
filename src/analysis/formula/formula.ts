import type { IrExpr, IrFunction, IrStmt, Language } from '../../ir/nodes';
import { childExprs, stmtExprs } from '../../ir/walk';
import { PRIMITIVES } from '../../engine/primitives/registry';
import type { PointValue, Trace } from '../../engine/run';
import { evaluate, size, type Expr } from './expr';
import { codeText, spellingFor, texName, texText } from './notation';
import { loadSimplifier, simplified } from './simplify';
import { deriveSymbolically } from './symbolic';
import { bindingNames, evaluateNamed, namedSubexpressions } from './where';

/**
 * A formula for a function that is one expression of scalars (or a short chain of assignments):
 * `∂f/∂x1 = 1/x1 + x2`, in the function's own language and as TeX. Derived from the recorded tape
 * with the registry's own rules (symbolic.ts), simplified by mathjs (simplify.ts), and shown only
 * when it gives AD's value at the point (1e-10 relative) and the unsimplified formula's value at
 * points around it: simplification must never change a number.
 */

export interface FormulaLine {
  /** As code: `1/x1 + x2`, `np.exp(x)`, `Math.exp(x)`. */
  readonly text: string;
  readonly tex: string;
}

export interface PartialFormula extends FormulaLine {
  readonly parameter: string;
  /** The parameter as TeX (`x_{1}`, `\\sigma`), for the panel's `\\frac{∂f}{∂x_1}`. */
  readonly texParameter: string;
  /** A long formula written short, its repeated sub-expressions named (`u*(1 - u)`, where `u = …`); checked as the formula is. */
  readonly short?: ShortFormula;
}

export interface ShortFormula extends FormulaLine {
  /** The names it uses, each defined by a line that uses only the names before it. */
  readonly where: readonly (FormulaLine & { readonly name: string })[];
}

export interface ExpressionFormula {
  /** The function itself (`f = …`). */
  readonly value: FormulaLine;
  /** One per parameter whose formula passed the check, in parameter order. */
  readonly partials: readonly PartialFormula[];
  /** The function's name as TeX. */
  readonly texFunction: string;
}

/** Statements of a "short chain": more is a program, whose formula nobody reads. */
const MAX_STATEMENTS = 8;
/** Tape rows the output reads: the formula of a longer computation is a wall of text. */
const MAX_ROWS = 60;
/** Nodes of a formula handed to mathjs (its simplify is quadratic or worse in size). */
const MAX_NODES = 600;
/** Characters of a simplified formula worth showing (its short form's, when it has one). */
const MAX_TEXT = 400;
/** Past this many characters a formula also gets a short form with `where` names (where.ts). */
const LONG_TEXT = 72;
/**
 * The least wall-clock time mathjs gets for one function's formulas: a simplification takes about
 * 150 ms for seed 001 on an idle machine, and over a second on a loaded one.
 */
export const FORMULA_MILLIS = 5_000;
/** Relative agreement with AD and with the unsimplified formula. */
export const FORMULA_TOLERANCE = 1e-10;

/** Library functions with one primitive each or written with such primitives and no branch. */
const SMOOTH_INTRINSICS: ReadonlySet<string> = new Set([
  ...Object.keys(PRIMITIVES).filter((n) => n !== 'minimum' && n !== 'maximum'),
  'sigmoid', 'square', 'reciprocal', 'negative', 'exp2', 'deg2rad', 'rad2deg', 'add', 'subtract', 'multiply', 'divide', 'float',
]);
const ARITHMETIC = new Set(['+', '-', '*', '/', '**']);

function isStraightExpression(e: IrExpr): boolean {
  switch (e.kind) {
    case 'number':
    case 'name':
      return true;
    case 'intrinsic':
      return SMOOTH_INTRINSICS.has(e.name);
    case 'binary':
      return ARITHMETIC.has(e.op) && isStraightExpression(e.left) && isStraightExpression(e.right);
    case 'sum':
      return e.terms.every(isStraightExpression);
    case 'unary':
      return e.op !== 'not' && isStraightExpression(e.operand);
    case 'call':
      return e.callee.kind === 'intrinsic' && e.keywords.length === 0 && childExprs(e).every(isStraightExpression);
    default:
      return false;
  }
}

function isStraightStatement(s: IrStmt, last: boolean): boolean {
  switch (s.kind) {
    case 'assign':
    case 'augAssign':
      return !last && s.target.kind === 'name' && (s.kind === 'assign' || ARITHMETIC.has(s.op)) && isStraightExpression(s.value);
    case 'return':
      return last && s.value !== undefined && isStraightExpression(s.value);
    case 'expr':
      // A docstring.
      return !last && stmtExprs(s).every((e) => e.kind === 'string');
    case 'pass':
      return !last;
    default:
      return false;
  }
}

/** Whether `fn` is one expression, or a short chain of assignments, of smooth library functions and arithmetic. */
export function isExpressionFunction(fn: IrFunction): boolean {
  const body = fn.body;
  return body.length > 0 && body.length <= MAX_STATEMENTS && body.every((s, i) => isStraightStatement(s, i === body.length - 1));
}

const agrees = (x: number, y: number): boolean => x === y || Math.abs(x - y) <= FORMULA_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));

/**
 * Where the simplified formula must give the unsimplified one's value (wherever that is finite): points
 * around `at`, and points far from it with other signs, because mathjs's rules are not all true for
 * every real number (it rewrites (x²)^½ as x) and a formula is read as true everywhere.
 */
function samplePoints(at: readonly number[]): number[][] {
  const moves = [0.013, -0.021, 0.034];
  const near = moves.map((m, k) => at.map((v, i) => v + m * ((i + k) % 2 === 0 ? 1 : -1) * Math.max(Math.abs(v), 0.1)));
  const far = [(v: number) => -v, (v: number) => 2 * v + 0.5, (v: number) => v / 3 - 0.7, (v: number) => -3 * v - 1.3].map((f) => at.map(f));
  // Fixed pseudo-random points in [−3, 3] (a linear congruential sequence: the same every run).
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648) * 6 - 3;
  };
  const spread = Array.from({ length: 6 }, () => at.map(() => next()));
  return [...near, ...far, ...spread];
}

/**
 * The simplified formula, checked: it gives `ad` at `at` and the unsimplified formula's value at the
 * sample points (where that is finite). The unsimplified one if simplification changes a value (it
 * also must give `ad`); undefined if neither does.
 */
export function checkedFormula(
  raw: Expr,
  at: readonly number[],
  ad: number,
  simplify: (e: Expr, parameters: number, deadline: number) => Expr | undefined = simplified,
  deadline = Infinity,
): Expr | undefined {
  if (size(raw) > MAX_NODES) return undefined;
  const rawAt = evaluate(raw, at);
  if (!agrees(rawAt, ad)) return undefined;
  const simple = simplify(raw, at.length, deadline);
  if (!simple || !agrees(evaluate(simple, at), ad)) return raw;
  for (const p of samplePoints(at)) {
    const expected = evaluate(raw, p);
    if (Number.isFinite(expected) && !agrees(evaluate(simple, p), expected)) return raw;
  }
  return simple;
}

/**
 * The short form of a checked formula (where.ts), itself checked: it gives AD's value at the point and
 * the formula's value at the sample points (where that is finite). Undefined when nothing repeats or
 * the check fails. `taken` are the formula's parameter names then any other name it must not reuse.
 */
export function shortForm(
  formula: Expr,
  at: readonly number[],
  ad: number,
  taken: readonly string[],
  print: (e: Expr, names: readonly string[]) => FormulaLine,
): ShortFormula | undefined {
  const form = namedSubexpressions(formula, at.length);
  if (!form || !agrees(evaluateNamed(form, at), ad)) return undefined;
  for (const p of samplePoints(at)) {
    const expected = evaluate(formula, p);
    if (Number.isFinite(expected) && !agrees(evaluateNamed(form, p), expected)) return undefined;
  }
  const names = [...taken.slice(0, at.length), ...bindingNames(form.bindings.length, taken)];
  return { ...print(form.main, names), where: form.bindings.map((b, k) => ({ name: names[at.length + k]!, ...print(b, names) })) };
}

/**
 * The formula of `fn` at the recorded point, or undefined when it is not one expression of scalars,
 * or when no formula passes the check. `text` is the function's source (its library spelling).
 */
export function expressionFormula(fn: IrFunction, trace: Trace, gradient: Readonly<Record<string, PointValue>>, language: Language, text: string): ExpressionFormula | undefined {
  if (!trace.output.isScalar || !isExpressionFunction(fn)) return undefined;
  const outputId = trace.output.ids[0] ?? -1;
  if (outputId < 0 || trace.parameters.length === 0) return undefined;
  if (trace.parameters.some((p) => typeof p.value !== 'number' || p.ids.length !== 1)) return undefined;
  if (outputId - Math.min(...trace.parameters.map((p) => p.ids[0]!)) > MAX_ROWS) return undefined;
  const names = trace.parameters.map((p) => p.name);
  const at = trace.parameters.map((p) => p.value as number);
  const derived = deriveSymbolically(trace.tape, trace.parameters.map((p) => p.ids[0]!), outputId);
  if (typeof derived === 'string') return undefined;
  const spelling = spellingFor(language, text);
  const texNames = names.map(texName);
  const line = (e: Expr): FormulaLine => ({ text: codeText(e, names, spelling), tex: texText(e, texNames) });
  // mathjs's simplify shares one time budget over the function's formulas (loading the library is not
  // part of it): past it mathjs is stopped, and a formula it did not finish is shown unsimplified, if
  // it passes the check. A backstop: passes are counted (simplify.ts), so a formula's answer does not
  // depend on the machine's load unless that load is extreme.
  loadSimplifier();
  const deadline = Date.now() + Math.max(trace.budget.maxMillis, FORMULA_MILLIS);
  const value = checkedFormula(derived.value, at, trace.output.values[0]!, simplified, deadline);
  if (!value) return undefined;
  const partials: PartialFormula[] = [];
  derived.partials.forEach((raw, i) => {
    const ad = gradient[names[i]!];
    if (typeof ad !== 'number') return;
    const checked = checkedFormula(raw, at, ad, simplified, deadline);
    if (!checked) return;
    const full = line(checked);
    const short = full.text.length > LONG_TEXT ? shortForm(checked, at, ad, [...names, fn.name], (e, all) => ({ text: codeText(e, all, spelling), tex: texText(e, all.map(texName)) })) : undefined;
    partials.push({ parameter: names[i]!, texParameter: texNames[i]!, ...full, ...(short ? { short } : {}) });
  });
  if (partials.length === 0) return undefined;
  const shown = line(value);
  const longest = (p: PartialFormula): number => (p.short ? Math.max(p.short.text.length, ...p.short.where.map((w) => w.text.length)) : p.text.length);
  if (shown.text.length > MAX_TEXT || partials.some((p) => longest(p) > MAX_TEXT)) return undefined;
  return { value: shown, partials, texFunction: texName(fn.name) };
}
