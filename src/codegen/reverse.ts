import { GradLensError, diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { IrAssign, IrExpr, IrFunction, IrIf, IrStmt, IrTarget } from '../ir/nodes';
import { assignedNames, childExprs } from '../ir/walk';
import { PRIMITIVES } from '../engine/primitives/registry';
import type { ScalarPrimitive } from '../engine/primitives/types';
import { add, mul, num, primitiveNamed, ref, symbolicPartial } from './expressions';
import { NameSource, namesIn } from './names';
import type { GradientProgram } from './program';

/**
 * Reverse mode as a source-to-source transform, IR to IR. The function's body is lowered to steps
 * of one primitive each, every value named once (a reassigned name gets a new version; after an
 * `if`, a name the branches left different is joined by a copy in each branch); then the steps are
 * walked backwards, each adding ∂step/∂operand · (the step's adjoint) to its operands' adjoints, the
 * partials taken from the registry's own rules (expressions.ts). An `if` stays an `if`, its test
 * repeated in the reverse pass (every value it reads is still there, never overwritten). What it
 * cannot write yet is a located `unsupported` error.
 */

interface Operand {
  readonly expr: IrExpr;
  /** True when it depends on a differentiated parameter; then `expr` is a name. */
  readonly active: boolean;
}

type Step =
  | { readonly kind: 'op'; readonly target: string; readonly p: ScalarPrimitive; readonly args: readonly Operand[]; readonly stmt: IrAssign }
  | { readonly kind: 'copy'; readonly target: string; readonly source: Operand; readonly stmt: IrAssign }
  | { readonly kind: 'plain'; readonly stmt: IrStmt }
  | { readonly kind: 'if'; readonly test: IrExpr; readonly then: readonly Step[]; readonly else: readonly Step[]; readonly range: SourceRange }
  /** A loop-carried value written back at the end of an iteration (`s_1 = s_2`): it overwrites `target`. */
  | { readonly kind: 'carry'; readonly target: string; readonly source: Operand; readonly stmt: IrAssign }
  /**
   * A loop: each iteration's values are pushed on `stack` after its body, so the reverse loop pops
   * them and runs the body's adjoint with the values of that iteration (Tangent's approach).
   */
  | {
      readonly kind: 'loop';
      readonly head: { readonly kind: 'for'; readonly target: IrTarget; readonly iterable: IrExpr } | { readonly kind: 'while'; readonly test: IrExpr };
      readonly body: readonly Step[];
      readonly carries: readonly Step[];
      readonly stack: string;
      readonly saved: readonly string[];
      readonly range: SourceRange;
    };

type Env = Map<string, Operand>;

/** The key the function's result is kept under in an environment (no user name can be it). */
const RESULT = ' result';

const refuse = (message: string, range: SourceRange): never => {
  throw new GradLensError(diagnostic('error', 'unsupported', message, range));
};

const BINARY: Partial<Record<string, ScalarPrimitive>> = { '+': PRIMITIVES.add, '-': PRIMITIVES.sub, '*': PRIMITIVES.mul, '/': PRIMITIVES.div, '**': PRIMITIVES.pow };

export interface ReverseOptions {
  readonly name: string;
  /** The parameters to differentiate (the others are constants). */
  readonly wrt: readonly string[];
  /** Names of the module (functions, globals, classes) generated names must not take. */
  readonly reserved: ReadonlySet<string>;
  /** Module-level names bound to library functions (`abs`, `from math import sin`): name → intrinsic. */
  readonly intrinsics: ReadonlyMap<string, string>;
}

export function reverseMode(fn: IrFunction, options: ReverseOptions): GradientProgram {
  return new Transform(fn, options).run();
}

class Transform {
  private readonly names: NameSource;
  private readonly origins = new Map<IrStmt, IrStmt>();

  constructor(
    private readonly fn: IrFunction,
    private readonly options: ReverseOptions,
  ) {
    this.names = new NameSource(namesIn(fn), options.reserved);
  }

  run(): GradientProgram {
    const { fn, options } = this;
    if (fn.name.includes('.')) refuse(`${fn.name} is a method: GradLens writes derivatives of plain functions only, for now`, fn.nameRange);
    const env: Env = new Map();
    for (const p of fn.params) {
      if (p.kind) refuse(`${p.name}: parameters collecting extra arguments are not written yet`, p.range);
      this.names.claim(p.name);
      env.set(p.name, { expr: ref(p.name, p.range), active: options.wrt.includes(p.name) });
    }
    const lowered: Step[] = [];
    const ended = this.block(fn.body, env, lowered);
    if (!ended) refuse(`${fn.name} can end without returning a value`, fn.nameRange);
    const result = env.get(RESULT)!;
    const steps = withoutDeadCopies(lowered, result);
    const adjointOf = this.names.adjointNaming();
    const adjoint: IrStmt[] = [];
    const assigned = new Set<string>();
    if (result.active) {
      const name = (result.expr as { name: string }).name;
      adjoint.push(assign(adjointOf(name), num(1, fn.range), fn.range));
      assigned.add(name);
    }
    this.reverse(steps, assigned, adjoint, adjointOf);
    const grads = options.wrt.map((p) => {
      const range = fn.params.find((q) => q.name === p)!.range;
      return assigned.has(p) ? ref(adjointOf(p), range) : num(0, range);
    });
    return {
      of: fn,
      name: options.name,
      params: fn.params,
      wrt: options.wrt,
      primal: steps.map((s) => primalStmt(s)),
      adjoint,
      result: grads.length === 1 ? grads[0]! : { kind: 'tuple', elements: grads, range: fn.range },
      origins: this.origins,
      range: fn.range,
    };
  }

  // --- primal: statements to steps -------------------------------------------------------------

  /** Lowers a block; true when it always returns (its result is then `env.get(RESULT)`). */
  private block(stmts: readonly IrStmt[], env: Env, out: Step[]): boolean {
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i]!;
      switch (s.kind) {
        case 'return': {
          if (!s.value) refuse('a return without a value has no derivative', s.range);
          const value = this.value(s.value!, env, out, 'out');
          env.set(RESULT, value);
          return true;
        }
        case 'assign':
          this.assign(s.target, s.value, env, out, s.range);
          break;
        case 'augAssign': {
          if (s.target.kind !== 'name') refuse('augmented assignment to an element or attribute is not written yet', s.range);
          const target = s.target as { name: string; range: SourceRange };
          const value: IrExpr = { kind: 'binary', op: s.op, left: { kind: 'name', name: target.name, range: target.range }, right: s.value, range: s.range };
          this.assign(s.target, value, env, out, s.range);
          break;
        }
        case 'if': {
          const rest = stmts.slice(i + 1);
          let thenBody = s.then;
          let elseBody = s.else;
          const thenEnds = alwaysReturns(thenBody);
          const elseEnds = alwaysReturns(elseBody);
          if ((!thenEnds && mayReturn(thenBody)) || (!elseEnds && mayReturn(elseBody))) {
            refuse('a return inside a branch that does not always return is not written yet', s.range);
          }
          // An early return: the code after the `if` runs only on the other branch, so it moves there.
          if (thenEnds && !elseEnds) elseBody = [...elseBody, ...rest];
          else if (elseEnds && !thenEnds) thenBody = [...thenBody, ...rest];
          const ends = this.branch(s, thenBody, elseBody, env, out);
          if (ends || thenEnds || elseEnds) return ends;
          break;
        }
        case 'for':
        case 'while':
          this.loop(s, env, out);
          break;
        case 'pass':
          break;
        case 'expr':
          if (s.value.kind === 'string') break;
          refuse('a statement run for its effect is not written yet', s.range);
          break;
        default:
          refuse(`${describeStmt(s)} is not written yet in generated derivative code`, s.range);
      }
    }
    return false;
  }

  private branch(s: IrIf, thenBody: readonly IrStmt[], elseBody: readonly IrStmt[], env: Env, out: Step[]): boolean {
    const test = this.inactive(s.test, env, true);
    const thenEnv: Env = new Map(env);
    const elseEnv: Env = new Map(env);
    const thenSteps: Step[] = [];
    const elseSteps: Step[] = [];
    const thenEnds = this.block(thenBody, thenEnv, thenSteps);
    const elseEnds = this.block(elseBody, elseEnv, elseSteps);
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
      const target = this.names.fresh(key === RESULT ? 'out' : key);
      const joined: Operand = { expr: ref(target, s.range), active: a.active || b.active };
      thenSteps.push(this.copy(target, a, s.range));
      elseSteps.push(this.copy(target, b, s.range));
      env.set(key, joined);
    }
    out.push({ kind: 'if', test, then: thenSteps, else: elseSteps, range: s.range });
    return thenEnds;
  }

  /**
   * A `for` or `while` loop. Names the body assigns that exist before the loop are carried: a head
   * version (`s_2 = s` before the loop) that the body reads, written back at the end of each iteration.
   * Which carried values are differentiated can change after one pass over the body (`s = 0.0`, then
   * `s += x`), so the body is lowered again until that settles.
   */
  private loop(s: IrStmt & { kind: 'for' | 'while' }, env: Env, out: Step[]): void {
    if (mayReturn(s.body)) refuse('a return inside a loop is not written yet', s.range);
    if (hasJump(s.body)) refuse('break and continue are not written yet in generated derivative code', s.range);
    if (s.kind === 'while' && s.update?.length) refuse('a C-style for loop is not written yet', s.range);
    const assignedInBody = assignedNames(s.body);
    const carriedNames = [...assignedInBody].filter((n) => env.has(n));
    const activeHeads = new Set(carriedNames.filter((n) => env.get(n)!.active));
    for (let pass = 0; ; pass++) {
      const snapshot = this.names.snapshot();
      const before: Step[] = [];
      const heads = new Map<string, Operand>();
      for (const n of carriedNames) {
        const head = this.names.fresh(n);
        const operand: Operand = { expr: ref(head, s.range), active: activeHeads.has(n) };
        before.push({ kind: 'plain', stmt: assign(head, env.get(n)!.expr, s.range) });
        heads.set(n, operand);
      }
      const bodyEnv: Env = new Map(env);
      for (const [n, op] of heads) bodyEnv.set(n, op);
      let head: Extract<Step, { kind: 'loop' }>['head'];
      const targetNames: string[] = [];
      if (s.kind === 'for') {
        const iterable = this.inactive(s.iterable, env, false);
        const target = this.loopTarget(s.target, bodyEnv, targetNames);
        head = { kind: 'for', target, iterable };
      } else {
        head = { kind: 'while', test: this.inactive(s.test, bodyEnv, true) };
      }
      const body: Step[] = [];
      this.block(s.body, bodyEnv, body);
      const grew = carriedNames.filter((n) => bodyEnv.get(n)!.active && !activeHeads.has(n));
      if (grew.length > 0 && pass < 3) {
        grew.forEach((n) => activeHeads.add(n));
        this.names.restore(snapshot);
        continue;
      }
      // A carried value whose head is active must have its pre-loop copy differentiated.
      const preLoop = before.map((step, i): Step => {
        const n = carriedNames[i]!;
        const source = env.get(n)!;
        return source.active ? { kind: 'copy', target: heads.get(n)!.expr.kind === 'name' ? (heads.get(n)!.expr as { name: string }).name : '', source, stmt: (step as { stmt: IrAssign }).stmt } : step;
      });
      const carries: Step[] = carriedNames.flatMap((n) => {
        const headName = (heads.get(n)!.expr as { name: string }).name;
        const last = bodyEnv.get(n)!;
        if (last.expr.kind === 'name' && last.expr.name === headName) return [];
        const stmt = assign(headName, last.expr, s.range);
        return [last.active ? { kind: 'carry', target: headName, source: last, stmt } : { kind: 'plain', stmt }];
      });
      const stack = this.names.fresh('stack');
      const saved = [...new Set([...targetNames, ...[...heads.values()].map((h) => (h.expr as { name: string }).name), ...definedIn(body)])];
      out.push({ kind: 'plain', stmt: assign(stack, { kind: 'list', elements: [], range: s.range }, s.range) }, ...preLoop);
      out.push({ kind: 'loop', head, body, carries, stack, saved, range: s.range });
      // After the loop a carried name is its head; a name only the body makes is not kept.
      for (const n of assignedInBody) {
        if (heads.has(n)) env.set(n, heads.get(n)!);
        else env.delete(n);
      }
      return;
    }
  }

  private loopTarget(t: IrTarget, env: Env, names: string[]): IrTarget {
    if (t.kind === 'name') {
      const name = this.names.fresh(t.name);
      names.push(name);
      env.set(t.name, { expr: ref(name, t.range), active: false });
      return { ...t, name };
    }
    if (t.kind === 'tuple') return { ...t, elements: t.elements.map((e) => this.loopTarget(e, env, names)) };
    return refuse('a loop target that is an element or attribute is not written yet', t.range);
  }

  private copy(target: string, source: Operand, range: SourceRange): Step {
    const stmt = assign(target, source.expr, range);
    return source.active ? { kind: 'copy', target, source, stmt } : { kind: 'plain', stmt };
  }

  private assign(target: IrStmt extends never ? never : IrAssign['target'], value: IrExpr, env: Env, out: Step[], range: SourceRange): void {
    if (target.kind === 'name') {
      env.set(target.name, this.value(value, env, out, target.name));
      return;
    }
    if (target.kind === 'tuple' && (value.kind === 'tuple' || value.kind === 'list') && value.elements.length === target.elements.length) {
      // All values first, as Python evaluates them, then the names.
      const values = value.elements.map((e) => this.value(e, env, out));
      target.elements.forEach((t, i) => {
        if (t.kind !== 'name') refuse('unpacking into an element or attribute is not written yet', t.range);
        env.set((t as { name: string }).name, values[i]!);
      });
      return;
    }
    refuse('assignment to an element, attribute or unpacked value is not written yet', range);
  }

  /**
   * Lowers an expression that gives a number. `hint` names the value the expression as a whole
   * computes (the assigned name): a new version of it.
   */
  private value(e: IrExpr, env: Env, out: Step[], hint?: string): Operand {
    switch (e.kind) {
      case 'number':
      case 'bool':
        return { expr: e, active: false };
      case 'name': {
        const bound = env.get(e.name);
        if (bound) return bound.active ? bound : this.named({ expr: bound.expr, active: false }, e, out, hint);
        return { expr: e, active: false };
      }
      case 'unary':
        if (e.op === '+') return this.value(e.operand, env, out, hint);
        if (e.op === '-') return this.op(PRIMITIVES.neg, [e.operand], e, env, out, hint);
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      case 'binary': {
        const p = BINARY[e.op];
        if (p) return this.op(p, [e.left, e.right], e, env, out, hint);
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      }
      case 'call': {
        const p = this.primitiveCalled(e.callee, env);
        if (p && e.args.length === p.arity && e.keywords.length === 0 && !e.args.some((a) => a.kind === 'spread')) return this.op(p, e.args, e, env, out, hint);
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      }
      case 'conditional': {
        const test = this.inactive(e.test, env, true);
        const thenSteps: Step[] = [];
        const elseSteps: Step[] = [];
        const a = this.value(e.then, env, thenSteps);
        const b = this.value(e.else, env, elseSteps);
        if (!a.active && !b.active && thenSteps.length === 0 && elseSteps.length === 0) {
          return this.named({ expr: { kind: 'conditional', test, then: a.expr, else: b.expr, range: e.range }, active: false }, e, out, hint);
        }
        const target = hint ? this.names.fresh(hint) : this.names.temp();
        thenSteps.push(this.copy(target, a, e.range));
        elseSteps.push(this.copy(target, b, e.range));
        out.push({ kind: 'if', test, then: thenSteps, else: elseSteps, range: e.range });
        return { expr: ref(target, e.range), active: a.active || b.active };
      }
      default:
        return this.named(this.inactiveOperand(e, env), e, out, hint);
    }
  }

  /** The primitive a callee names: an intrinsic, or a module-level name bound to one (Python's `abs`). */
  private primitiveCalled(callee: IrExpr, env: Env): ScalarPrimitive | undefined {
    if (callee.kind === 'intrinsic') return primitiveNamed(callee.name);
    if (callee.kind !== 'name' || env.has(callee.name)) return undefined;
    const intrinsic = this.options.intrinsics.get(callee.name);
    return intrinsic === undefined ? undefined : primitiveNamed(intrinsic);
  }

  /** An inactive value keeps its expression inline, unless it is what a name is assigned. */
  private named(operand: Operand, e: IrExpr, out: Step[], hint: string | undefined): Operand {
    if (!hint || operand.expr.kind === 'number') return operand;
    const target = this.names.fresh(hint);
    out.push({ kind: 'plain', stmt: assign(target, operand.expr, e.range) });
    return { expr: ref(target, e.range), active: false };
  }

  private op(p: ScalarPrimitive, argExprs: readonly IrExpr[], e: IrExpr, env: Env, out: Step[], hint: string | undefined): Operand {
    const args = argExprs.map((a) => this.value(a, env, out));
    if (!args.some((a) => a.active)) {
      const rebuilt = rebuild(e, args.map((a) => a.expr));
      return this.named({ expr: rebuilt, active: false }, e, out, hint);
    }
    const target = hint ? this.names.fresh(hint) : this.names.temp();
    const stmt = assign(target, rebuild(e, args.map((a) => a.expr)), e.range);
    out.push({ kind: 'op', target, p, args, stmt });
    return { expr: ref(target, e.range), active: true };
  }

  private inactiveOperand(e: IrExpr, env: Env): Operand {
    return { expr: this.inactive(e, env, false), active: false };
  }

  /**
   * An expression whose value is not differentiated, with its names renamed to their versions. In a
   * test (`booleanUse`) it may read differentiated values; anywhere else it must not.
   */
  private inactive(e: IrExpr, env: Env, booleanUse: boolean): IrExpr {
    const rename = (x: IrExpr): IrExpr => {
      if (x.kind === 'name') {
        const bound = env.get(x.name);
        if (!bound) return x;
        if (bound.active && !booleanUse) refuse(`${describeExpr(x)} of a differentiated value is not written yet`, x.range);
        return bound.expr;
      }
      if (!SIMPLE_KINDS.has(x.kind)) refuse(`${describeExpr(x)} is not written yet in generated derivative code`, x.range);
      if (!booleanUse && !childExprs(x).every((c) => !mentionsActive(c, env))) {
        refuse(`${describeExpr(x)} of a differentiated value is not written yet`, x.range);
      }
      return mapChildren(x, rename);
    };
    return rename(e);
  }

  // --- adjoint: steps backwards ----------------------------------------------------------------

  /**
   * The reverse loop: `while stack:` pops an iteration's values (last iteration first) and runs the
   * body's adjoint on them. Adjoints of values from outside the body, which every iteration adds to,
   * start at zero before it; the body's own start afresh in each iteration.
   */
  private reverseLoop(s: Extract<Step, { kind: 'loop' }>, assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
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
      this.reverse(steps, probe, scratch, adjointOf);
      reached ||= scratch.length > 0;
      const grown = [...probe].filter((n) => !assigned.has(n) && !local.has(n) && !outside.has(n));
      if (grown.length === 0) break;
      grown.forEach((n) => outside.add(n));
    }
    if (!reached) return;
    for (const n of outside) {
      out.push(assign(adjointOf(n), num(0, r), r));
      assigned.add(n);
    }
    const pop: IrStmt = {
      kind: 'assign',
      target: { kind: 'tuple', elements: s.saved.map((n) => ({ kind: 'name', name: n, range: r })), range: r },
      value: { kind: 'call', callee: { kind: 'attribute', object: ref(s.stack, r), name: 'pop', range: r }, args: [], keywords: [], range: r },
      range: r,
    };
    const body: IrStmt[] = [pop];
    this.reverse(steps, new Set(assigned), body, adjointOf);
    out.push({ kind: 'while', test: ref(s.stack, r), body, range: r });
  }

  private reverse(steps: readonly Step[], assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
    const accumulate = (name: string, contribution: IrExpr, origin: IrStmt, target: IrStmt[] = out): void => {
      const range = origin.range;
      const negative = contribution.kind === 'unary' && contribution.op === '-';
      const stmt: IrStmt = assigned.has(name)
        ? { kind: 'augAssign', target: { kind: 'name', name: adjointOf(name), range }, op: negative ? '-' : '+', value: negative ? contribution.operand : contribution, range }
        : assign(adjointOf(name), contribution, range);
      assigned.add(name);
      this.origins.set(stmt, origin);
      target.push(stmt);
    };
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i]!;
      if (s.kind === 'plain') continue;
      if (s.kind === 'if') {
        const thenSet = new Set(assigned);
        const elseSet = new Set(assigned);
        const thenOut: IrStmt[] = [];
        const elseOut: IrStmt[] = [];
        this.reverse(s.then, thenSet, thenOut, adjointOf);
        this.reverse(s.else, elseSet, elseOut, adjointOf);
        if (thenOut.length === 0 && elseOut.length === 0) continue;
        // An adjoint only one branch starts is zero on the other; values made inside a branch have
        // their adjoints there only.
        const local = definedIn([...s.then, ...s.else]);
        for (const n of new Set([...thenSet, ...elseSet])) {
          if (assigned.has(n) || local.has(n)) continue;
          if (!thenSet.has(n) || !elseSet.has(n)) {
            const zero = assign(adjointOf(n), num(0, s.range), s.range);
            out.push(zero);
          }
          assigned.add(n);
        }
        out.push({ kind: 'if', test: s.test, then: thenOut, else: elseOut, range: s.range });
        continue;
      }
      if (s.kind === 'loop') {
        this.reverseLoop(s, assigned, out, adjointOf);
        continue;
      }
      if (!assigned.has(s.target)) continue;
      const bar = ref(adjointOf(s.target), s.stmt.range);
      if (s.kind === 'carry') {
        // The head is overwritten: its adjoint passes to the value written, and starts again at zero.
        accumulate((s.source.expr as { name: string }).name, bar, s.stmt);
        const reset = assign(adjointOf(s.target), num(0, s.stmt.range), s.stmt.range);
        this.origins.set(reset, s.stmt);
        out.push(reset);
        continue;
      }
      if (s.kind === 'copy') {
        accumulate((s.source.expr as { name: string }).name, bar, s.stmt);
        continue;
      }
      const [a, b] = [s.args[0]!, s.args[1] ?? s.args[0]!];
      s.args.forEach((arg, k) => {
        if (!arg.active) return;
        const partial = symbolicPartial(s.p, k, a.expr, b.expr, ref(s.target, s.stmt.range), s.stmt.range);
        accumulate((arg.expr as { name: string }).name, mul(partial, bar, s.stmt.range), s.stmt);
      });
    }
  }
}


/** The names the steps assign, branches and loops included. */
function definedIn(steps: readonly Step[], into = new Set<string>()): Set<string> {
  for (const s of steps) {
    if (s.kind === 'if') {
      definedIn(s.then, into);
      definedIn(s.else, into);
    } else if (s.kind === 'loop') {
      into.add(s.stack);
      s.saved.forEach((n) => into.add(n));
    } else if (s.kind === 'plain') {
      if (s.stmt.kind === 'assign' && s.stmt.target.kind === 'name') into.add(s.stmt.target.name);
    } else into.add(s.target);
  }
  return into;
}

function primalStmt(s: Step): IrStmt {
  if (s.kind === 'if') return { kind: 'if', test: s.test, then: s.then.map(primalStmt), else: s.else.map(primalStmt), range: s.range } satisfies IrIf;
  if (s.kind !== 'loop') return s.stmt;
  const r = s.range;
  const push: IrStmt = {
    kind: 'expr',
    value: { kind: 'call', callee: { kind: 'attribute', object: ref(s.stack, r), name: 'append', range: r }, args: [{ kind: 'tuple', elements: s.saved.map((n) => ref(n, r)), range: r }], keywords: [], range: r },
    range: r,
  };
  const body = [...s.body.map(primalStmt), push, ...s.carries.map(primalStmt)];
  return s.head.kind === 'for' ? { kind: 'for', target: s.head.target, iterable: s.head.iterable, body, range: r } : { kind: 'while', test: s.head.test, body, range: r };
}

function targetNames(t: IrTarget, into: Set<string>): void {
  if (t.kind === 'name') into.add(t.name);
  else if (t.kind === 'tuple') t.elements.forEach((e) => targetNames(e, into));
}

function hasJump(stmts: readonly IrStmt[]): boolean {
  return stmts.some((s) => s.kind === 'break' || s.kind === 'continue' || (s.kind === 'if' && (hasJump(s.then) || hasJump(s.else))));
}

/**
 * Drops the copies that join a name after an `if` when nothing reads the joined name afterwards
 * (a branch's `d` reassigned but never used again): they would only be noise in the code.
 */
function withoutDeadCopies(steps: readonly Step[], result: Operand): Step[] {
  let current = [...steps];
  for (;;) {
    const read = new Set<string>();
    if (result.expr.kind === 'name') read.add(result.expr.name);
    readNames(current, read);
    let dropped = false;
    const prune = (list: readonly Step[]): Step[] =>
      list.flatMap((s): Step[] => {
        if (s.kind === 'if') return [{ ...s, then: prune(s.then), else: prune(s.else) }];
        if (s.kind === 'loop') return [{ ...s, body: prune(s.body) }];
        if (s.kind === 'carry') return [s];
        const isCopy = s.kind === 'copy' || (s.kind === 'plain' && s.stmt.kind === 'assign' && s.stmt.value.kind === 'name');
        const target = s.kind === 'plain' ? (s.stmt.kind === 'assign' && s.stmt.target.kind === 'name' ? s.stmt.target.name : undefined) : s.target;
        if (isCopy && target !== undefined && !read.has(target)) {
          dropped = true;
          return [];
        }
        return [s];
      });
    current = prune(current);
    if (!dropped) return current;
  }
}

function readNames(steps: readonly Step[], into: Set<string>): void {
  const expr = (e: IrExpr): void => {
    if (e.kind === 'name') into.add(e.name);
    childExprs(e).forEach(expr);
  };
  for (const s of steps) {
    if (s.kind === 'if') {
      expr(s.test);
      readNames(s.then, into);
      readNames(s.else, into);
    } else if (s.kind === 'loop') {
      expr(s.head.kind === 'for' ? s.head.iterable : s.head.test);
      readNames(s.body, into);
      readNames(s.carries, into);
    } else if (s.kind === 'plain') {
      if (s.stmt.kind === 'assign') expr(s.stmt.value);
    } else expr(s.stmt.value);
  }
}

function assign(name: string, value: IrExpr, range: SourceRange): IrAssign {
  return { kind: 'assign', target: { kind: 'name', name, range }, value, range };
}

function sameOperand(a: Operand, b: Operand): boolean {
  return a === b || (a.expr.kind === 'name' && b.expr.kind === 'name' && a.expr.name === b.expr.name);
}

/** The same node with its operands replaced (a binary, unary or call of a primitive). */
function rebuild(e: IrExpr, args: readonly IrExpr[]): IrExpr {
  switch (e.kind) {
    case 'binary':
      return { ...e, left: args[0]!, right: args[1]! };
    case 'unary':
      return { ...e, operand: args[0]! };
    case 'call':
      return { ...e, args };
    default:
      return e;
  }
}

/** The expression kinds generated code may carry through unchanged (renamed). */
const SIMPLE_KINDS = new Set<IrExpr['kind']>(['number', 'bool', 'none', 'string', 'name', 'intrinsic', 'binary', 'unary', 'compare', 'logical', 'conditional', 'call', 'tuple', 'list']);

function mentionsActive(e: IrExpr, env: Env): boolean {
  if (e.kind === 'name') return env.get(e.name)?.active ?? false;
  return childExprs(e).some((c) => mentionsActive(c, env));
}

function mapChildren(e: IrExpr, f: (x: IrExpr) => IrExpr): IrExpr {
  switch (e.kind) {
    case 'binary':
    case 'logical':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'unary':
      return { ...e, operand: f(e.operand) };
    case 'compare':
      return { ...e, operands: e.operands.map(f) };
    case 'conditional':
      return { ...e, test: f(e.test), then: f(e.then), else: f(e.else) };
    case 'call':
      if (e.keywordSpreads?.length) refuse('a call with **keywords is not written yet', e.range);
      return { ...e, callee: f(e.callee), args: e.args.map(f), keywords: e.keywords.map((k) => ({ ...k, value: f(k.value) })) };
    case 'tuple':
    case 'list':
      return { ...e, elements: e.elements.map(f) };
    default:
      return e;
  }
}

function alwaysReturns(stmts: readonly IrStmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.kind === 'return') return true;
  return last.kind === 'if' && alwaysReturns(last.then) && alwaysReturns(last.else);
}

function mayReturn(stmts: readonly IrStmt[]): boolean {
  return stmts.some((s) => s.kind === 'return' || (s.kind === 'if' && (mayReturn(s.then) || mayReturn(s.else))) || ((s.kind === 'for' || s.kind === 'while') && mayReturn(s.body)));
}

const STMT_WORDS: Partial<Record<IrStmt['kind'], string>> = {
  for: 'a for loop',
  while: 'a while loop',
  try: 'try/except',
  with: 'a with block',
  raise: 'raise',
  assert: 'assert',
  def: 'a nested function',
  labeled: 'a labelled block',
  break: 'break',
  continue: 'continue',
  scope: 'a global or nonlocal declaration',
  unsupported: 'a construct GradLens does not run',
};

function describeStmt(s: IrStmt): string {
  return STMT_WORDS[s.kind] ?? `a ${s.kind} statement`;
}

function describeExpr(e: IrExpr): string {
  switch (e.kind) {
    case 'call':
      return e.callee.kind === 'intrinsic' ? `${e.callee.name}(…)` : e.callee.kind === 'name' ? `a call of ${e.callee.name}` : 'a call';
    case 'index':
      return 'indexing';
    case 'attribute':
      return `.${e.name}`;
    case 'binary':
      return `the operator ${e.op}`;
    case 'comprehension':
      return 'a comprehension';
    case 'name':
      return `a use of ${e.name}`;
    default:
      return `a ${e.kind} expression`;
  }
}
