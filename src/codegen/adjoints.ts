import type { IrExpr, IrStmt } from '../ir/nodes';
import { arrayAdjoint, elementwise, unbroadcast } from './arrays';
import { reverseBranch } from './branches';
import { mul, num, ref, symbolicPartial } from './expressions';
import { zeroList } from './lists';
import type { Lowering } from './lowering';
import { reverseLoop } from './loops';
import { assign, refuse, type Step } from './steps';

/**
 * The adjoint pass: the lowered steps walked backwards, each adding ∂step/∂operand · (the step's
 * adjoint) to its operands' adjoints (`dx = …` the first time, `dx += …` after; an array's
 * `dx = dx + …`, never in place, as adjoints may share buffers). Branches and loops have their own
 * adjoints (branches.ts, loops.ts); each statement made is mapped to the step it came from, for the
 * printers' `# from line N` comments. `assigned`: the names whose adjoints exist so far.
 */
export function reverseSteps(t: Lowering, steps: readonly Step[], assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
  const accumulate = (name: string, contribution: IrExpr, origin: IrStmt, target: IrStmt[] = out): void => {
    const range = origin.range;
    const negative = contribution.kind === 'unary' && contribution.op === '-';
    // An array adjoint is never added to in place: `dx = dz` then `dx += …` would change dz too.
    const inPlace = (t.shapeOf(name)?.length ?? 1) === 0;
    const value = negative ? contribution.operand : contribution;
    const stmt: IrStmt = !assigned.has(name)
      ? assign(adjointOf(name), contribution, range)
      : inPlace
        ? { kind: 'augAssign', target: { kind: 'name', name: adjointOf(name), range }, op: negative ? '-' : '+', value, range }
        : assign(adjointOf(name), { kind: 'binary', op: negative ? '-' : '+', left: ref(adjointOf(name), range), right: value, range }, range);
    assigned.add(name);
    t.origins.set(stmt, origin);
    target.push(stmt);
  };
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.kind === 'plain') continue;
    if (s.kind === 'if') {
      reverseBranch(t, s, assigned, out, adjointOf);
      continue;
    }
    if (s.kind === 'loop') {
      reverseLoop(t, s, assigned, out, adjointOf);
      continue;
    }
    if (!assigned.has(s.target)) continue;
    const bar = ref(adjointOf(s.target), s.stmt.range);
    if (s.kind === 'pack') {
      // Each item gets its entry of the list's adjoint.
      s.items.forEach((item, k) => {
        if (item.active) accumulate((item.expr as { name: string }).name, { kind: 'index', object: bar, index: num(k, s.stmt.range), range: s.stmt.range }, s.stmt);
      });
      continue;
    }
    if (s.kind === 'element') {
      // x[i]'s adjoint goes to entry i of x's: a list of zeros first, if nothing reached it yet.
      const r = s.stmt.range;
      const listBar = adjointOf(s.list);
      if (!assigned.has(s.list)) {
        const zeros = assign(listBar, zeroList(s.length, r), r);
        t.origins.set(zeros, s.stmt);
        out.push(zeros);
        assigned.add(s.list);
      }
      const add: IrStmt = { kind: 'augAssign', target: { kind: 'index', object: ref(listBar, r), index: s.index, range: r }, op: '+', value: bar, range: r };
      t.origins.set(add, s.stmt);
      out.push(add);
      continue;
    }
    if (s.kind === 'carry') {
      // The head is overwritten: its adjoint passes to the value written, and starts again at zero.
      accumulate((s.source.expr as { name: string }).name, bar, s.stmt);
      const reset = assign(adjointOf(s.target), num(0, s.stmt.range), s.stmt.range);
      t.origins.set(reset, s.stmt);
      out.push(reset);
      continue;
    }
    if (s.kind === 'copy') {
      accumulate((s.source.expr as { name: string }).name, bar, s.stmt);
      continue;
    }
    if (s.kind === 'array') {
      const scratch: IrStmt[] = [];
      const scratchFor = (n: string): { name: string; direct: boolean } => {
        if (assigned.has(n)) return { name: t.names.temp(), direct: false };
        assigned.add(n);
        return { name: adjointOf(n), direct: true };
      };
      const parts = arrayAdjoint(s, bar, (n) => t.shapeOf(n), scratchFor, scratch);
      scratch.forEach((x) => t.origins.set(x, s.stmt));
      out.push(...scratch);
      parts.forEach((p) => accumulate(p.name, p.contribution, s.stmt));
      continue;
    }
    const [a, b] = [s.args[0]!, s.args[1] ?? s.args[0]!];
    const outShape = t.shapeOf(s.target);
    s.args.forEach((arg, k) => {
      if (!arg.active) return;
      const name = (arg.expr as { name: string }).name;
      const partial = symbolicPartial(s.p, k, a.expr, b.expr, ref(s.target, s.stmt.range), s.stmt.range);
      const argShape = t.shapeOf(name);
      if (!outShape || !argShape) refuse('the shape of this value is not known here (array code inside a loop or branch is not written yet)', s.stmt.range);
      const each = outShape!.length > 0 ? elementwise(partial) : partial;
      accumulate(name, unbroadcast(mul(each, bar, s.stmt.range), outShape!, argShape!, s.stmt.range), s.stmt);
    });
  }
}
