import type { MathNode } from 'mathjs';
import { PRIMITIVES } from '../../engine/primitives/registry';
import type { ScalarPrimitiveName } from '../../engine/primitives/types';
import { apply, call, num, type Expr } from './expr';

/**
 * Simplification by mathjs's `simplify` (only it and the parser are instantiated: a fraction of the
 * library, loaded and made on first use; see mathjsSimplify.ts). Formulas go in as text over the registry's own names — parameters
 * renamed `p0, p1, …` so a parameter called `e` or `pi` cannot turn into a constant — and come back
 * as `Expr`. Anything mathjs answers with that is not a registry primitive makes the simplification
 * fail, and the caller keeps the formula unsimplified or shows none. The caller checks the value.
 */

let instance: { simplify: (expr: string, check: () => void) => MathNode; rulesPerPass: number } | undefined;

/**
 * Loads mathjs now if it is not loaded yet; the milliseconds that took (0 when it was). The worker's
 * document report calls it before its functions' time budgets run, so that loading the library once
 * is not charged to the first function that has a formula.
 */
export function loadSimplifier(): number {
  if (instance) return 0;
  const t0 = Date.now();
  mathjs();
  return Date.now() - t0;
}

function mathjs(): { simplify: (expr: string, check: () => void) => MathNode; rulesPerPass: number } {
  if (!instance) {
    // Required here, not imported at the top: the bundles then evaluate mathjs on the first formula
    // (esbuild defers a module reached only through require until the call), not when they load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { makeSimplifier } = require('./mathjsSimplify') as typeof import('./mathjsSimplify');
    instance = makeSimplifier();
    // A first simplification compiles mathjs's rules and code: part of loading, not of the first
    // formula's time budget.
    instance.simplify('p0 + p0', () => undefined);
  }
  return instance;
}

const OPERATORS: Partial<Record<ScalarPrimitiveName, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** mathjs text for a formula; every operation in parentheses, so no precedence is ever guessed. */
export function toMathjs(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.value < 0 || Object.is(e.value, -0) ? `(${String(e.value)})` : String(e.value);
    case 'parameter':
      return `p${e.index}`;
    case 'constant':
      return e.name;
    case 'call': {
      const symbol = OPERATORS[e.op];
      if (symbol) return `(${toMathjs(e.args[0]!)} ${symbol} ${toMathjs(e.args[1]!)})`;
      if (e.op === 'neg') return `(-${toMathjs(e.args[0]!)})`;
      return `${e.op}(${e.args.map(toMathjs).join(', ')})`;
    }
  }
}

const MATHJS_OPERATORS: Readonly<Record<string, ScalarPrimitiveName>> = { add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', pow: 'pow', unaryMinus: 'neg' };

class Unreadable extends Error {}

interface NodeLike {
  readonly type: string;
  readonly fn?: string | { readonly name: string };
  readonly name?: string;
  readonly args?: readonly NodeLike[];
  readonly value?: unknown;
  readonly content?: NodeLike;
}

/** mathjs's answer back as an `Expr`, in the display order a reader expects (`−x/2`, not `x·−1/2`). */
function fromMathjs(n: NodeLike, parameters: number): Expr {
  switch (n.type) {
    case 'ParenthesisNode':
      return fromMathjs(n.content!, parameters);
    case 'ConstantNode': {
      const v = Number(n.value);
      if (typeof n.value !== 'number' && typeof n.value !== 'string') throw new Unreadable();
      if (!Number.isFinite(v)) throw new Unreadable();
      return num(v);
    }
    case 'SymbolNode': {
      const name = n.name!;
      if (name === 'pi' || name === 'e') return { kind: 'constant', name };
      const m = /^p(\d+)$/.exec(name);
      if (!m || Number(m[1]) >= parameters) throw new Unreadable();
      return { kind: 'parameter', index: Number(m[1]) };
    }
    case 'OperatorNode': {
      const fn = typeof n.fn === 'string' ? n.fn : '';
      const args = (n.args ?? []).map((a) => fromMathjs(a, parameters));
      if (fn === 'unaryPlus' && args.length === 1) return args[0]!;
      const op = MATHJS_OPERATORS[fn];
      if (!op || args.length !== PRIMITIVES[op].arity) throw new Unreadable();
      return tidy(op, args);
    }
    case 'FunctionNode': {
      const name = typeof n.fn === 'object' ? n.fn.name : '';
      const args = (n.args ?? []).map((a) => fromMathjs(a, parameters));
      if (!Object.hasOwn(PRIMITIVES, name) || PRIMITIVES[name as ScalarPrimitiveName].arity !== args.length) throw new Unreadable();
      return call(name as ScalarPrimitiveName, ...args);
    }
    default:
      throw new Unreadable();
  }
}

/** Rewrites that change no float64 value: a product's number first, × −1 as a minus, x^(1/2) as √x. */
function tidy(op: ScalarPrimitiveName, args: readonly Expr[]): Expr {
  const [a, b] = args as [Expr, Expr];
  if (op === 'mul') {
    if (b.kind === 'number' && a.kind !== 'number') return tidy('mul', [b, a]);
    if (a.kind === 'number' && a.value === -1) return apply('neg', b);
    if (a.kind === 'number' && a.value < 0) return apply('neg', apply('mul', num(-a.value), b));
  }
  if (op === 'div' && a.kind === 'call' && a.op === 'neg') return apply('neg', apply('div', a.args[0]!, b));
  return args.length === 1 ? apply(op, a) : apply(op, a, b);
}

/**
 * Answers by mathjs's input text: its simplify takes milliseconds per formula, and an edit elsewhere
 * in a file has every function's formula derived again, the same text as before.
 */
const answers = new Map<string, Expr | undefined>();
const MAX_ANSWERS = 512;

/**
 * How much work mathjs's first rule, simplifyCore, does on `e`, in nodes visited: it simplifies the
 * first operand of every + and × twice (once as the "trivial" operator's only child, once as an
 * operand), so a chain nested down its first operands costs 2^depth — seconds for a formula of 70
 * nodes nested ten deep, in one rule that nothing can stop. Counted up to `limit` (then `limit + 1`).
 */
export function simplifyCoreWork(e: Expr, limit: number): number {
  if (e.kind !== 'call') return 1;
  let work = 1;
  const doubled = e.op === 'add' || e.op === 'mul';
  for (let i = 0; i < e.args.length && work <= limit; i++) work += (doubled && i === 0 ? 2 : 1) * simplifyCoreWork(e.args[i]!, limit);
  return Math.min(work, limit + 1);
}

/**
 * The most simplifyCore work a formula may ask of mathjs (about 20 ms here); a formula over it is
 * not simplified. The rules after simplifyCore are stopped by the clock.
 */
export const MAX_SIMPLIFY_WORK = 20_000;

/**
 * Passes of mathjs's rules a formula may take (it repeats them all until nothing changes): the
 * seeds' and Black-Scholes' formulas take 1 to 6. A count, so the answer is the same on a loaded
 * machine and an idle one; past it the formula is not simplified.
 */
export const MAX_SIMPLIFY_PASSES = 24;

/** Thrown by the clock between mathjs's rules once the deadline has passed. */
class OutOfTime extends Error {}
/** Thrown by the clock once the formula has taken MAX_SIMPLIFY_PASSES passes. */
class OutOfPasses extends Error {}

/**
 * mathjs's simplification of `e`, or undefined when mathjs fails, answers with something we cannot
 * read, takes more than MAX_SIMPLIFY_PASSES passes of its rules, or is still working at `deadline`
 * (Date.now()): then it is stopped between two of its rules, and the answer is not remembered, so a
 * later call with time to spare simplifies it.
 */
export function simplified(e: Expr, parameters: number, deadline = Infinity): Expr | undefined {
  const text = toMathjs(e);
  const key = `${parameters}\u0000${text}`;
  if (answers.has(key)) return answers.get(key);
  if (Date.now() > deadline) return undefined;
  if (simplifyCoreWork(e, MAX_SIMPLIFY_WORK) > MAX_SIMPLIFY_WORK) return remember(key, undefined);
  const maxReads = MAX_SIMPLIFY_PASSES * mathjs().rulesPerPass;
  let reads = 0;
  const check = (): void => {
    if (++reads > maxReads) throw new OutOfPasses();
    if (Date.now() > deadline) throw new OutOfTime();
  };
  let answer: Expr | undefined;
  try {
    answer = fromMathjs(mathjs().simplify(text, check) as unknown as NodeLike, parameters);
  } catch (error) {
    if (error instanceof OutOfTime) return undefined;
    answer = undefined;
  }
  return remember(key, answer);
}

function remember(key: string, answer: Expr | undefined): Expr | undefined {
  if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return answer;
}
