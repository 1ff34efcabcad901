import { evaluate, size, type Expr } from './expr';

/**
 * A long formula written short: its repeated sub-expressions named (`where u = v_1/v0`), the way a
 * person rewrites a derivative by hand. The named sub-expressions are formula parameters numbered
 * after the real ones, so the printers and the evaluator need nothing new; a binding may use the
 * names before it.
 */

export interface NamedForm {
  /** The formula with each named sub-expression replaced by its name. */
  readonly main: Expr;
  /** The sub-expressions, in an order where each uses only those before it; binding k is parameter `parameters + k`. */
  readonly bindings: readonly Expr[];
}

/** At most this many names: more is a program to read, not a formula. */
const MAX_NAMES = 4;

const key = (e: Expr): string => JSON.stringify(e);

/** Sub-expressions worth a name: calls of some size, each key with how often it occurs and its size. */
function repeated(e: Expr, counts = new Map<string, { expr: Expr; count: number }>()): Map<string, { expr: Expr; count: number }> {
  if (e.kind !== 'call') return counts;
  // A call of one parameter is worth a name (`np.exp(v0)`), a bare minus is not.
  if (size(e) >= 3 || (size(e) === 2 && e.op !== 'neg')) {
    const k = key(e);
    const seen = counts.get(k);
    if (seen) seen.count++;
    else counts.set(k, { expr: e, count: 1 });
  }
  e.args.forEach((a) => repeated(a, counts));
  return counts;
}

function replaced(e: Expr, target: string, by: Expr): Expr {
  if (key(e) === target) return by;
  return e.kind === 'call' ? { ...e, args: e.args.map((a) => replaced(a, target, by)) } : e;
}

function uses(e: Expr, index: number): boolean {
  return (e.kind === 'parameter' && e.index === index) || (e.kind === 'call' && e.args.some((a) => uses(a, index)));
}

/**
 * Names the sub-expressions that occur more than once, the one saving the most text first (its count
 * less one, times its size), until none repeats or `MAX_NAMES` are named. Undefined when nothing
 * repeats.
 */
export function namedSubexpressions(e: Expr, parameters: number): NamedForm | undefined {
  let main = e;
  const bindings: Expr[] = [];
  while (bindings.length < MAX_NAMES) {
    const candidates = [...repeated(main).values(), ...bindings.flatMap((b) => [...repeated(b).values()])];
    // Occurrences across the formula and the bindings so far (a sub-expression a binding shares counts too).
    const totals = new Map<string, { expr: Expr; count: number }>();
    for (const c of candidates) {
      const k = key(c.expr);
      const t = totals.get(k);
      if (t) t.count += c.count;
      else totals.set(k, { ...c });
    }
    const best = [...totals.values()].filter((c) => c.count > 1).sort((a, b) => (b.count - 1) * size(b.expr) - (a.count - 1) * size(a.expr))[0];
    if (!best) break;
    const name: Expr = { kind: 'parameter', index: parameters + bindings.length };
    const target = key(best.expr);
    main = replaced(main, target, name);
    for (let k = 0; k < bindings.length; k++) bindings[k] = replaced(bindings[k]!, target, name);
    bindings.push(best.expr);
  }
  if (bindings.length === 0) return undefined;
  return ordered(main, bindings, parameters);
}

/** The bindings renumbered so each uses only earlier ones (a later name can sit inside an earlier one's expression). */
function ordered(main: Expr, bindings: readonly Expr[], parameters: number): NamedForm {
  const order: number[] = [];
  const visit = (k: number): void => {
    if (order.includes(k)) return;
    bindings.forEach((_, j) => {
      if (j !== k && uses(bindings[k]!, parameters + j)) visit(j);
    });
    order.push(k);
  };
  bindings.forEach((_, k) => visit(k));
  const renumber = (e: Expr): Expr => {
    if (e.kind === 'parameter' && e.index >= parameters) return { kind: 'parameter', index: parameters + order.indexOf(e.index - parameters) };
    return e.kind === 'call' ? { ...e, args: e.args.map(renumber) } : e;
  };
  return { main: renumber(main), bindings: order.map((k) => renumber(bindings[k]!)) };
}

/** The named form's value at `values` (the real parameters'): each binding evaluated in order, then the formula. */
export function evaluateNamed(form: NamedForm, values: readonly number[]): number {
  const all = [...values];
  for (const b of form.bindings) all.push(evaluate(b, all));
  return evaluate(form.main, all);
}

/** Names for the bindings: u, v, w, … skipping any the formula's own names already use. */
export function bindingNames(count: number, taken: readonly string[]): string[] {
  const pool = ['u', 'v', 'w', 's', 'r', 'q', 'p', 'h', 'k', 'm'];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const name = i < pool.length ? pool[i]! : `u${i - pool.length + 1}`;
    if (!taken.includes(name)) out.push(name);
  }
  return out;
}
