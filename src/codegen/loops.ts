import type { IrAssign, IrStmt, IrTarget } from '../ir/nodes';
import { assignedNames } from '../ir/walk';
import { namesLiveAfter } from './liveness';
import { ref } from './expressions';
import type { Lowering } from './lowering';
import { overPositions } from './positions';
import { elementWriteTargets } from './elementWrites';
import { jumpsOut, straighten } from './jumps';
import { assign, definedIn, mayReturn, mentionsActive, refuse, targetNames, type Env, type Operand, type Step } from './steps';

/**
 * Loops in reverse mode: the primal loop pushes each iteration's values on a stack after its body;
 * the reverse loop pops them, last iteration first, and runs the body's adjoint with the values of
 * that iteration (Tangent's approach).
 */

/**
 * A `for` or `while` loop. Names the body assigns that exist before the loop are carried: a head
 * version (`s_2 = s` before the loop) that the body reads, written back at the end of each iteration.
 * Which carried values are differentiated can change after one pass over the body (`s = 0.0`, then
 * `s += x`), so the body is lowered again until that settles.
 */
export function lowerLoop(t: Lowering, loop: IrStmt & { kind: 'for' | 'while' }, env: Env, out: Step[]): void {
  // `for z in x` over a list of differentiated numbers: a loop over its positions (lists.ts); a
  // list written out in the loop's head (`for p in (a, b)`) is made first.
  let written = loop;
  if (loop.kind === 'for' && (loop.iterable.kind === 'list' || loop.iterable.kind === 'tuple') && mentionsActive(loop.iterable, env)) {
    const list = t.value(loop.iterable, env, out);
    if (list.items && list.expr.kind === 'name') {
      env.set(list.expr.name, list);
      written = { ...loop, iterable: list.expr };
    }
  }
  const s = (written.kind === 'for' ? overPositions(written, env, t.arrays, (base) => t.names.unused(base)) : undefined) ?? written;
  if (mayReturn(s.body)) refuse('a return inside a loop is not written yet', s.range);
  // A C-style `for (init; test; update)`: its update ends every path through the body but a break's.
  const update = s.kind === 'while' ? (s.update ?? []) : [];
  const jumps = jumpsOut(s.body);
  const source = jumps ? straighten(s.body, update, s.label) : [...s.body, ...update];
  // A break sets the exit flag, which ends the loop once the iteration's values are pushed (jumps.ts).
  const exit = jumps && hasBreak(source) ? t.names.fresh('stop') : undefined;
  if (exit) out.push({ kind: 'plain', stmt: assign(exit, { kind: 'bool', value: false, range: s.range }, s.range) });
  const assignedInBody = new Set([...assignedNames(source), ...elementWriteTargets(source)]);
  // What the loop makes that is read outside it (its target, a name only its body sets) is carried
  // too, from None before the loop: after it, it holds the last iteration's value, as in Python.
  const targets = s.kind === 'for' ? [...assignedNames([{ ...s, body: [] }])] : [];
  const liveAfter = namesLiveAfter(t.currentFunction().body, loop);
  const made = [...new Set([...assignedInBody, ...targets])].filter((n) => (!env.has(n) || !assignedInBody.has(n)) && liveAfter.has(n));
  const carriedNames = [...[...assignedInBody].filter((n) => env.has(n)), ...made];
  const before = (n: string): Operand => env.get(n) ?? { expr: { kind: 'none', range: s.range }, active: false };
  const list = carriedNames.find((n) => before(n).items);
  if (list) refuse(`${list}: a list of differentiated values reassigned in a loop or branch is not written yet`, s.range);
  const object = carriedNames.find((n) => before(n).object);
  if (object) refuse(`${object}: an object reassigned in a loop is not written yet`, s.range);
  const activeHeads = new Set(carriedNames.filter((n) => before(n).active));
  for (let pass = 0; ; pass++) {
    const snapshot = t.names.snapshot();
    const headSteps: Step[] = [];
    const heads = new Map<string, Operand>();
    for (const n of carriedNames) {
      const head = t.names.fresh(n);
      const operand: Operand = { expr: ref(head, s.range), active: activeHeads.has(n) };
      headSteps.push({ kind: 'plain', stmt: assign(head, before(n).expr, s.range) });
      heads.set(n, operand);
    }
    const bodyEnv: Env = new Map(env);
    for (const [n, op] of heads) bodyEnv.set(n, op);
    let head: Extract<Step, { kind: 'loop' }>['head'];
    const targetNames: string[] = [];
    if (s.kind === 'for') {
      const iterable = t.inactive(s.iterable, env, false);
      const target = loopTarget(t, s.target, bodyEnv, targetNames);
      head = { kind: 'for', target, iterable };
    } else {
      head = { kind: 'while', test: t.inactive(s.test, bodyEnv, true) };
    }
    const body: Step[] = [];
    t.inLoop(exit, () => t.block(source, bodyEnv, body));
    const grew = carriedNames.filter((n) => bodyEnv.get(n)!.active && !activeHeads.has(n));
    if (grew.length > 0 && pass < 3) {
      grew.forEach((n) => activeHeads.add(n));
      t.names.restore(snapshot);
      continue;
    }
    // A carried value whose head is active must have its pre-loop copy differentiated.
    const madeInside = made.find((n) => bodyEnv.get(n)!.items || bodyEnv.get(n)!.object || bodyEnv.get(n)!.fn);
    if (madeInside) refuse(`${madeInside} is a list, object or function made inside the loop and read after it: not written yet`, s.range);
    const preLoop = headSteps.map((step, i): Step => {
      const n = carriedNames[i]!;
      const source = before(n);
      return source.active ? { kind: 'copy', target: heads.get(n)!.expr.kind === 'name' ? (heads.get(n)!.expr as { name: string }).name : '', source, stmt: (step as { stmt: IrAssign }).stmt } : step;
    });
    const carries: Step[] = carriedNames.flatMap((n) => {
      const headName = (heads.get(n)!.expr as { name: string }).name;
      const last = bodyEnv.get(n)!;
      if (last.expr.kind === 'name' && last.expr.name === headName) return [];
      const stmt = assign(headName, last.expr, s.range);
      return [last.active ? { kind: 'carry', target: headName, source: last, stmt } : { kind: 'plain', stmt }];
    });
    const stack = t.names.fresh('stack');
    const saved = [...new Set([...targetNames, ...[...heads.values()].map((h) => (h.expr as { name: string }).name), ...madeForReverse(body)])].filter((n) => n !== exit);
    // A name only a branch or an inner loop makes may be unassigned when the iteration's values are
    // pushed: it starts each iteration as None (the reverse pass reads it only where it was made).
    const always = new Set([...targetNames, ...[...heads.values()].map((h) => (h.expr as { name: string }).name), ...definedIn(body.filter((b) => b.kind !== 'if' && b.kind !== 'loop'))]);
    const placeholders: Step[] = saved.filter((n) => !always.has(n)).map((n) => ({ kind: 'plain', stmt: assign(n, { kind: 'none', range: s.range }, s.range) }));
    body.unshift(...placeholders);
    out.push({ kind: 'plain', stmt: assign(stack, { kind: 'list', elements: [], range: s.range }, s.range) }, ...preLoop);
    out.push({ kind: 'loop', head, body, carries, stack, saved, ...(exit ? { exit } : {}), range: s.range });
    // After the loop a carried name is its head; a name only the body makes is not kept.
    for (const n of new Set([...assignedInBody, ...made])) {
      if (heads.has(n)) env.set(n, heads.get(n)!);
      else env.delete(n);
    }
    return;
  }
}

/**
 * The names an iteration makes that its reverse needs back: all it defines, except what an inner
 * loop makes, which that loop's own stack (saved here) gives back.
 */
function madeForReverse(steps: readonly Step[], into = new Set<string>()): Set<string> {
  for (const s of steps) {
    if (s.kind === 'loop') into.add(s.stack);
    else if (s.kind === 'if') {
      madeForReverse(s.then, into);
      madeForReverse(s.else, into);
    } else definedIn([s], into);
  }
  return into;
}

function loopTarget(lowering: Lowering, t: IrTarget, env: Env, names: string[]): IrTarget {
  if (t.kind === 'name') {
    const name = lowering.names.fresh(t.name);
    names.push(name);
    env.set(t.name, { expr: ref(name, t.range), active: false });
    return { ...t, name };
  }
  if (t.kind === 'tuple') return { ...t, elements: t.elements.map((e) => loopTarget(lowering, e, env, names)) };
  return refuse('a loop target that is an element or attribute is not written yet', t.range);
}

/**
 * The reverse loop: `while stack:` pops an iteration's values (last iteration first) and runs the
 * body's adjoint on them. Adjoints of values from outside the body, which every iteration adds to,
 * start at zero before it; the body's own start afresh in each iteration.
 */
export function reverseLoop(t: Lowering, s: Extract<Step, { kind: 'loop' }>, assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
  const r = s.range;
  const steps = [...s.body, ...s.carries];
  const local = definedIn(s.body);
  if (s.head.kind === 'for') targetNames(s.head.target, local);
  // Dry runs until the set settles: an adjoint one iteration starts can feed the next iteration's
  // carried values, so a later pass may reach more of the body.
  const outside = new Set<string>();
  let reached = false;
  for (;;) {
    const probe = new Set([...assigned, ...outside]);
    const scratch: IrStmt[] = [];
    t.reverse(steps, probe, scratch, adjointOf);
    reached ||= scratch.length > 0;
    const grown = [...probe].filter((n) => !assigned.has(n) && !local.has(n) && !outside.has(n));
    if (grown.length === 0) break;
    grown.forEach((n) => outside.add(n));
  }
  if (!reached) return;
  for (const n of outside) {
    out.push(assign(adjointOf(n), t.zeroOf(n, r), r));
    assigned.add(n);
  }
  const pop: IrStmt = {
    kind: 'assign',
    target: { kind: 'tuple', elements: s.saved.map((n) => ({ kind: 'name', name: n, range: r })), range: r },
    value: { kind: 'call', callee: { kind: 'attribute', object: ref(s.stack, r), name: 'pop', range: r }, args: [], keywords: [], range: r },
    range: r,
  };
  const body: IrStmt[] = [pop];
  t.reverse(steps, new Set(assigned), body, adjointOf);
  out.push({ kind: 'while', test: ref(s.stack, r), body, range: r });
}

/** True when a straightened body (jumps.ts) ends some path with a `break`. */
function hasBreak(stmts: readonly IrStmt[]): boolean {
  return stmts.some((s) => s.kind === 'break' || (s.kind === 'if' && (hasBreak(s.then) || hasBreak(s.else))));
}
