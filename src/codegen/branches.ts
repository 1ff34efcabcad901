import type { IrIf, IrStmt } from '../ir/nodes';
import { ref } from './expressions';
import type { Lowering } from './lowering';
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
  for (const key of new Set([...thenEnv.keys(), ...elseEnv.keys()])) {
    const a = thenEnv.get(key);
    const b = elseEnv.get(key);
    if (!a || !b) {
      env.delete(key);
      continue;
    }
    if (sameOperand(a, b)) {
      env.set(key, a);
      continue;
    }
    const target = t.names.fresh(key.startsWith(RESULT) ? 'out' : key);
    const joined: Operand = { expr: ref(target, s.range), active: a.active || b.active };
    thenSteps.push(t.copy(target, a, s.range));
    elseSteps.push(t.copy(target, b, s.range));
    env.set(key, joined);
  }
  out.push({ kind: 'if', test, then: thenSteps, else: elseSteps, range: s.range });
  return thenEnds;
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
