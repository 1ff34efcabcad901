import type { IrIf, IrStmt } from '../ir/nodes';
import { ref } from './expressions';
import type { Lowering } from './lowering';
import { objectOperand } from './objects';
import { namesLiveAfter } from './liveness';
import { assign, definedIn, refuse, RESULT, sameOperand, type Env, type Operand, type Step } from './steps';

/** Branches in reverse mode: an `if` stays an `if`, and a name its branches leave different is joined. */

export function lowerBranch(t: Lowering, s: IrIf, thenBody: readonly IrStmt[], elseBody: readonly IrStmt[], env: Env, out: Step[]): boolean {
  const test = t.inactive(s.test, env, true);
  const thenEnv: Env = new Map(env);
  const elseEnv: Env = new Map(env);
  const thenSteps: Step[] = [];
  const elseSteps: Step[] = [];
  const thenEnds = t.nested(() => t.block(thenBody, thenEnv, thenSteps));
  const elseEnds = t.nested(() => t.block(elseBody, elseEnv, elseSteps));
  if (thenEnds !== elseEnds) refuse('only one branch of this if returns', s.range);
  // Join: a name the branches left different gets a new version, copied in each branch.
  let liveAfter: Set<string> | undefined;
  for (const key of new Set([...thenEnv.keys(), ...elseEnv.keys()])) {
    const a = thenEnv.get(key);
    const b = elseEnv.get(key);
    if (!a || !b) {
      // A number one branch sets and the code after the if reads: None on the other branch, as
      // Python leaves it unset there (a read after it fails there, so AD has no gradient there).
      const one = (a ?? b)!;
      liveAfter ??= namesLiveAfter(t.currentFunction().body, s);
      if (env.has(key) || one.items || one.object || one.fn || !liveAfter.has(key)) {
        env.delete(key);
        continue;
      }
      const unset: Operand = { expr: { kind: 'none', range: s.range }, active: false };
      env.set(key, join(t, key, a ?? unset, b ?? unset, thenSteps, elseSteps, s));
      continue;
    }
    if (sameOperand(a, b)) {
      env.set(key, a);
      continue;
    }
    if (a.object && b.object) {
      env.set(key, joinObjects(t, key, a, b, thenSteps, elseSteps, s));
      continue;
    }
    env.set(key, join(t, key.startsWith(RESULT) ? 'out' : key, a, b, thenSteps, elseSteps, s));
  }
  out.push({ kind: 'if', test, then: thenSteps, else: elseSteps, range: s.range });
  return thenEnds;
}

/** A new version of a name the branches left different, copied at the end of each branch. */
function join(t: Lowering, base: string, a: Operand, b: Operand, thenSteps: Step[], elseSteps: Step[], s: IrIf): Operand {
  const target = t.names.fresh(base);
  thenSteps.push(t.copy(target, a, s.range));
  elseSteps.push(t.copy(target, b, s.range));
  return { expr: ref(target, s.range), active: a.active || b.active };
}

/**
 * Two objects of one class the branches left under one name (`y = y * 2` of a Value in one branch):
 * a new object whose fields are joined one by one (objects.ts writes objects as their fields).
 */
function joinObjects(t: Lowering, key: string, a: Operand, b: Operand, thenSteps: Step[], elseSteps: Step[], s: IrIf): Operand {
  const [x, y] = [a.object!, b.object!];
  if (!x.cls || x.cls !== y.cls || x.isClass || y.isClass) refuse(`${key} is a different kind of object in each branch: not written yet`, s.range);
  const joined = objectOperand(x.cls, t.depth(), s.range, key);
  for (const field of new Set([...x.fields.keys(), ...y.fields.keys()])) {
    const [p, q] = [x.fields.get(field), y.fields.get(field)];
    if (!p || !q) refuse(`${key}.${field} is set in one branch only: not written yet`, s.range);
    // Objects kept together but never read (micrograd's `_prev`) stay unread.
    const unread = p!.object && q!.object && !p!.object.cls && !q!.object.cls && !p!.object.isClass && !q!.object.isClass;
    const value = sameOperand(p!, q!) ? p! : unread ? objectOperand(undefined, t.depth(), s.range) : join(t, `${key}_${field}`, p!, q!, thenSteps, elseSteps, s);
    joined.object!.fields.set(field, value);
  }
  return joined;
}

/**
 * The adjoint of an `if`: the same test (every value it reads is still there, never overwritten),
 * each branch's adjoint inside. An adjoint only one branch starts is zero on the other; values made
 * inside a branch have their adjoints there only.
 */
export function reverseBranch(t: Lowering, s: Extract<Step, { kind: 'if' }>, assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
  const thenSet = new Set(assigned);
  const elseSet = new Set(assigned);
  const thenOut: IrStmt[] = [];
  const elseOut: IrStmt[] = [];
  t.reverse(s.then, thenSet, thenOut, adjointOf);
  t.reverse(s.else, elseSet, elseOut, adjointOf);
  if (thenOut.length === 0 && elseOut.length === 0) return;
  const local = definedIn([...s.then, ...s.else]);
  for (const n of new Set([...thenSet, ...elseSet])) {
    if (assigned.has(n) || local.has(n)) continue;
    if (!thenSet.has(n) || !elseSet.has(n)) out.push(assign(adjointOf(n), t.zeroOf(n, s.range), s.range));
    assigned.add(n);
  }
  out.push({ kind: 'if', test: s.test, then: thenOut, else: elseOut, range: s.range });
}
