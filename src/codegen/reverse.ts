import { balancedSum } from '../ir/sums';
import type { SourceRange } from '../core/sourceRange';
import type { IrAssign, IrCall, IrClass, IrExpr, IrFunction, IrStmt, IrTarget } from '../ir/nodes';
import { PRIMITIVES } from '../engine/primitives/registry';
import { receiverAttribute } from '../ir/receiverInputs';
import type { ScalarPrimitive } from '../engine/primitives/types';
import { num, primitiveNamed, ref } from './expressions';
import { NameSource, namesIn } from './names';
import type { GradientProgram } from './program';
import { arrayOperation, lowerArrayOperation, lowerSlogdet, type Shape } from './arrays';
import { calledFunction, inlineCall, lowerComposite, lowerExtremum, lowerModulo } from './calls';
import { lowerBranch } from './branches';
import type { Lowering } from './lowering';
import { lowerLoop } from './loops';
import { reverseSteps } from './adjoints';
import { inactiveExpression, notUnsetLocal } from './inactive';
import { lowerComprehension } from './comprehensions';
import { returnsInLoop, returnsOutOfLoop } from './jumps';
import { lowerElementWrite } from './elementWrites';
import { lambdaFunction, localFunctionCalled, type BoundFunctions } from './closures';
import { inferShapes, measureShapes } from './shapes';
import { listLength, lowerElement, lowerList, lowerListCall, lowerListWrite, zeroList } from './lists';
import { asMethodOf, knownTest, lowerFieldWrite, receiverOperand, lowerObjectAttribute, lowerObjectCall, lowerObjectCompare, lowerObjectOperator, mayBeObject, objectOperand } from './objects';
import {
  alwaysReturns, assign, describeExpr, describeStmt, mayReturn, mentionsActive, primalStmt, rebuild, refuse, RESULT, resultKey,
  notAFunction, withoutDeadCopies, type Env, type LocalFunction, type Operand, type Step,
} from './steps';

/**
 * Reverse mode as a source-to-source transform, IR to IR. The function's body is lowered to steps
 * of one primitive each, every value named once (a reassigned name gets a new version; after an
 * `if`, a name the branches left different is joined by a copy in each branch); then the steps are
 * walked backwards, each adding ∂step/∂operand · (the step's adjoint) to its operands' adjoints, the
 * partials taken from the registry's own rules (expressions.ts). An `if` stays an `if`, its test
 * repeated in the reverse pass (every value it reads is still there, never overwritten). What it
 * cannot write yet is a located `unsupported` error.
 */


const BINARY: Partial<Record<string, ScalarPrimitive>> = { '+': PRIMITIVES.add, '-': PRIMITIVES.sub, '*': PRIMITIVES.mul, '/': PRIMITIVES.div, '**': PRIMITIVES.pow };

export interface ReverseOptions {
  readonly name: string;
  /** The parameters to differentiate (the others are constants). */
  readonly wrt: readonly string[];
  /** Names of the module (functions, globals, classes) generated names must not take. */
  readonly reserved: ReadonlySet<string>;
  /** Module-level names bound to library functions (`abs`, `from math import sin`): name → intrinsic. */
  readonly intrinsics: ReadonlyMap<string, string>;
  /** The file's plain functions by name, written out in place where they are called (calls.ts). */
  readonly functions: ReadonlyMap<string, IrFunction>;
  /** Module-level names bound to a lambda or a factory's call (closures.ts). */
  readonly boundFunctions?: BoundFunctions;
  /**
   * Parameters that are lists of numbers, by length (TypeScript arrays at the point): each is a list
   * of differentiated numbers (lists.ts), its entries read once up front where they are used, its
   * gradient a list of that length.
   */
  readonly lengths?: Readonly<Record<string, number>>;
  /** Parameters given text at the point, by their TypeScript type (the header's types; program.ts). */
  readonly texts?: Readonly<Record<string, 'string' | 'boolean' | 'null'>>;
  /**
   * For an instance method: its class and the name of its receiver (`self`, `this`). The code is
   * then a method of that class; `wrt` may name attributes of the instance (`self.w`, receiverInputs.ts).
   */
  readonly receiver?: { readonly name: string; readonly cls: IrClass; readonly owner: IrClass; readonly elements?: number };
  /** The file's classes by name: their objects are written out as fields (objects.ts). */
  readonly classes?: ReadonlyMap<string, IrClass>;
  /**
   * For array code: runs the forward steps once at the point (`probe` returns the listed names'
   * values as a tuple) and gives back those values, or undefined when it cannot. Absent: every value
   * is a number.
   */
  readonly measure?: (probe: IrFunction) => readonly unknown[] | undefined;
}

export function reverseMode(fn: IrFunction, options: ReverseOptions): GradientProgram {
  return new Transform(fn, options).run();
}

class Transform implements Lowering {
  readonly names: NameSource;
  readonly arrays: boolean;
  readonly origins = new Map<IrStmt, IrStmt>();
  readonly classes: ReadonlyMap<string, IrClass>;
  /** How many branches and loops deep the lowering is. */
  private level = 0;
  /** Tests computed before their if (objectTest), counted for their keys. */
  private tests = 0;
  /** The file's functions being inlined, outermost first (calls.ts). */
  private readonly inlining: string[] = [];
  private readonly params: ReadonlySet<string>;
  /** What a `return` names its value: `out`, or the caller's variable when a function is inlined. */
  private returnHint = 'out';
  /** The exit flag of each loop being lowered, innermost last (undefined: a loop without a break). */
  private readonly exits: (string | undefined)[] = [];
  private readonly markers = new Map<number, Operand>();
  /** Measured shapes by name (array code only; a name made inside a loop or branch has none). */
  private shapes: Map<string, Shape> | undefined;
  /** Lists of differentiated numbers by name, and their lengths (their adjoints are lists too). */
  private readonly listLengths = new Map<string, number>();
  /** Reads of the instance's fields (`self_w = self.w`), made before everything else (receiverParameter). */
  private readonly instanceReads: Step[] = [];
  /** The differentiated attributes of the instance (`self.w`) by the name their value is read into. */
  private readonly attributeInputs = new Map<string, string>();
  /** The functions being lowered, outermost first: the function itself, then those written out in it. */
  private readonly functionsLowered: IrFunction[] = [];

  constructor(
    private readonly fn: IrFunction,
    private readonly options: ReverseOptions,
  ) {
    this.names = new NameSource(namesIn(fn), options.reserved);
    this.arrays = options.measure !== undefined;
    this.params = new Set(fn.params.map((p) => p.name));
    this.classes = options.classes ?? new Map();
  }

  run(): GradientProgram {
    const { fn, options } = this;
    // A static method, or a function of a module object (`shapes.area`), is a plain function by another name.
    const env: Env = new Map();
    for (const p of fn.params) {
      if (p.kind) refuse(`${p.name}: parameters collecting extra arguments are not written yet`, p.range);
      this.names.claim(p.name);
      env.set(p.name, { expr: ref(p.name, p.range), active: options.wrt.includes(p.name) });
    }
    const lowered: Step[] = [];
    for (const [name, length] of Object.entries(options.lengths ?? {})) this.listParameter(name, length, env, lowered);
    const receiver = options.receiver;
    // An instance of a class extending a typed array (gl-matrix v4's Vec2): its elements this[0], this[1], a list.
    if (receiver?.elements !== undefined) {
      this.names.claim(receiver.name);
      env.set(receiver.name, { expr: ref(receiver.name, fn.nameRange), active: false });
      this.listParameter(receiver.name, receiver.elements, env, lowered);
    }
    const self = receiver && receiver.elements === undefined ? this.receiverParameter(receiver.name, receiver.cls, env) : undefined;
    const body = (): boolean => this.inFunction(fn, () => this.block(fn.body, env, lowered));
    const ended = receiver && self ? asMethodOf(this, receiver.owner, self, body) : body();
    lowered.unshift(...this.instanceReads);
    if (!ended) refuse(`${fn.name} can end without returning a value`, fn.nameRange);
    const marked = env.get(RESULT)!;
    notAFunction(marked, fn.nameRange);
    if (marked.items) refuse(`${fn.name} returns a list of differentiated values by name: return its items, [a, b], instead`, fn.nameRange);
    const outputs = [...this.markers.entries()].find(([, m]) => m === marked)?.[0];
    const results = outputs === undefined ? [marked] : Array.from({ length: outputs }, (_, k) => env.get(resultKey(k))!);
    results.forEach((r) => notAFunction(r, fn.nameRange));
    if (results.some((r) => r.items)) refuse(`${fn.name} returns a list or tuple of differentiated values inside what it returns: GradLens writes Jacobians of flat returns only, for now`, fn.nameRange);
    // An attribute differentiated stays read even where nothing uses it: its zero gradient is shaped by it.
    const inputs = [...this.attributeInputs.values()].map((n): Operand => ({ expr: ref(n, fn.nameRange), active: true }));
    const steps = withoutDeadCopies(lowered, [...results, ...inputs]);
    if (options.measure) {
      this.shapes = measureShapes(fn, steps, options.measure);
      inferShapes(steps, this.shapes);
    }
    const adjointOf = this.names.adjointNaming();
    const adjoint: IrStmt[] = [];
    // One reverse sweep per returned value (one for a scalar function); each starts its adjoints afresh.
    const rows = results.map((result, k) => {
      const assigned = new Set<string>();
      if (result.active) {
        const name = (result.expr as { name: string }).name;
        adjoint.push(assign(adjointOf(name), num(1, fn.range), fn.range));
        assigned.add(name);
      }
      this.reverse(steps, assigned, adjoint, adjointOf);
      const grads = options.wrt.map((p) => {
        const range = fn.params.find((q) => q.name === p)?.range ?? fn.nameRange;
        // An attribute of the instance (`self.w`): the name its value was read into.
        const name = this.attributeInputs.get(p) ?? p;
        return assigned.has(name) ? ref(adjointOf(name), range) : this.zeroOf(name, range);
      });
      const row: IrExpr = grads.length === 1 ? grads[0]! : { kind: 'tuple', elements: grads, range: fn.range };
      if (outputs === undefined) return row;
      // A row of the Jacobian is kept before the next sweep reuses the adjoints' names.
      const kept = this.names.fresh(`grad_${resultName(result, k)}`);
      adjoint.push(assign(kept, row, fn.range));
      return ref(kept, fn.range);
    });
    return {
      of: fn,
      name: options.name,
      params: fn.params,
      wrt: options.wrt,
      primal: steps.map((s) => primalStmt(s)),
      adjoint,
      result: outputs === undefined ? rows[0]! : { kind: 'tuple', elements: rows, range: fn.range },
      ...(outputs === undefined ? {} : { outputs }),
      ...(options.lengths && Object.keys(options.lengths).length ? { lengths: options.lengths } : {}),
      ...(options.texts && Object.keys(options.texts).length ? { texts: options.texts } : {}),
      ...(receiver ? { receiver: receiver.name } : {}),
      origins: this.origins,
      range: fn.range,
    };
  }

  // --- primal: statements to steps -------------------------------------------------------------

  /** Lowers a block; true when it always returns (its result is then `env.get(RESULT)`). */
  block(stmts: readonly IrStmt[], env: Env, out: Step[]): boolean {
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i]!;
      switch (s.kind) {
        case 'return': {
          if (!s.value) refuse('a return without a value has no derivative', s.range);
          const several = s.value!.kind === 'tuple' || s.value!.kind === 'list' ? s.value!.elements : undefined;
          if (several && this.inlining.length === 0 && several.length > 1 && !several.some((e) => e.kind === 'spread')) {
            // Several numbers returned: each is kept under its own key, and RESULT marks how many.
            several.forEach((e, k) => env.set(resultKey(k), this.value(e, env, out, this.returnHint)));
            env.set(RESULT, this.outputsMarker(several.length));
            return true;
          }
          const value = this.value(s.value!, env, out, this.returnHint);
          env.set(RESULT, value);
          return true;
        }
        case 'assign':
          this.assign(s.target, s.value, env, out, s.range);
          break;
        case 'augAssign': {
          const writeOp = s.op === '+' || s.op === '-' ? s.op : undefined;
          if (s.target.kind === 'index' && writeOp && lowerElementWrite(this, this.fn, s.target, writeOp, s.value, env, out, s.range)) break;
          if (s.target.kind !== 'name' && s.target.kind !== 'attribute') refuse('augmented assignment to an element is not written yet', s.range);
          const target = s.target as IrExpr & { kind: 'name' | 'attribute' };
          const value: IrExpr = { kind: 'binary', op: s.op, left: target, right: s.value, range: s.range };
          this.assign(s.target, value, env, out, s.range);
          break;
        }
        case 'if': {
          const rest = stmts.slice(i + 1);
          // isinstance of an object: only the branch it takes is written.
          const known = knownTest(this, s.test, env);
          if (known !== undefined) return this.block([...(known ? s.then : s.else), ...rest], env, out);
          if (mayBeObject(this, s.test, env)) {
            // A test reading objects (`y < 0.5` of a Value) is computed before the if, as a boolean.
            const test = this.objectTest(s.test, env, out);
            return this.block([{ ...s, test }, ...rest], env, out);
          }
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
          const ends = lowerBranch(this, s, thenBody, elseBody, env, out);
          if (ends || thenEnds || elseEnds) return ends;
          break;
        }
        case 'for':
        case 'while':
          if (returnsInLoop(s.body, true)) {
            // A return inside the loop: a break that keeps its value, then an early return after the loop.
            const names = { kept: this.names.unused(this.returnHint), returned: this.names.unused('returned') };
            return this.block([...returnsOutOfLoop(s, names), ...stmts.slice(i + 1)], env, out);
          }
          lowerLoop(this, s, env, out);
          break;
        case 'break': {
          const exit = this.exits[this.exits.length - 1];
          if (!exit) refuse('break outside a loop GradLens writes is not written yet', s.range);
          out.push({ kind: 'plain', stmt: assign(exit!, { kind: 'bool', value: true, range: s.range }, s.range) });
          break;
        }
        case 'pass':
          break;
        case 'def':
          // Written out where it is called (closures.ts), reading the names there.
          env.set(s.fn.name, { expr: ref(s.fn.name, s.range), active: false, fn: { ir: s.fn } });
          break;
        case 'assert':
          if (knownTest(this, s.test, env) === true) break;
          refuse('assert is not written yet in generated derivative code', s.range);
          break;
        case 'expr':
          if (s.value.kind === 'string') break;
          // A method called for what it does to its object (`acc.add(x)`): written out, its value unused.
          if (s.value.kind === 'call' && mayBeObject(this, s.value, env)) {
            this.value(s.value, env, out);
            break;
          }
          refuse('a statement run for its effect is not written yet', s.range);
          break;
        default:
          refuse(`${describeStmt(s)} is not written yet in generated derivative code`, s.range);
      }
    }
    return false;
  }

  copy(target: string, source: Operand, range: SourceRange): Step {
    notAFunction(source, range);
    if (source.items) refuse('a list of differentiated values reassigned in a loop or branch is not written yet', range);
    const stmt = assign(target, source.expr, range);
    return source.active ? { kind: 'copy', target, source, stmt } : { kind: 'plain', stmt };
  }

  private assign(target: IrStmt extends never ? never : IrAssign['target'], value: IrExpr, env: Env, out: Step[], range: SourceRange): void {
    if (target.kind === 'name') {
      env.set(target.name, this.value(value, env, out, target.name));
      return;
    }
    if (target.kind === 'attribute' && lowerFieldWrite(this, target, value, env, out)) return;
    if (lowerSlogdet(this, target, value, env, out)) return;
    if (target.kind === 'index' && lowerElementWrite(this, this.fn, target, '=', value, env, out, range)) return;
    if (target.kind === 'index' && lowerListWrite(this, target, value, env, out, range)) return;
    // All values first, as Python evaluates them, then the names.
    const bind = target.kind === 'tuple' ? this.unpacking(target, value, env, out) : undefined;
    if (bind) return bind();
    refuse('assignment to an element, attribute or unpacked value is not written yet', range);
  }

  /**
   * `a, (b, c) = x, (y, z)` and `first, second = xs` (a list of differentiated numbers): each value
   * lowered, then a function binding the names; undefined when the value cannot be split so.
   */
  private unpacking(target: IrTarget, value: IrExpr, env: Env, out: Step[]): (() => void) | undefined {
    if (target.kind === 'name') {
      const v = this.value(value, env, out, target.name);
      return () => env.set(target.name, v);
    }
    if (target.kind !== 'tuple') return refuse('unpacking into an element or attribute is not written yet', target.range);
    const { elements } = target;
    if ((value.kind === 'tuple' || value.kind === 'list') && value.elements.length === elements.length && !value.elements.some((e) => e.kind === 'spread')) {
      const binds = elements.map((t, i) => this.unpacking(t, value.elements[i]!, env, out));
      return binds.every((b) => b) ? () => binds.forEach((b) => b!()) : undefined;
    }
    const items = value.kind === 'name' ? env.get(value.name)?.items : undefined;
    if (items && items.length === elements.length && elements.every((t) => t.kind === 'name')) {
      return () => elements.forEach((t, i) => env.set((t as { name: string }).name, items[i]!));
    }
    return undefined;
  }

  /**
   * Lowers an expression that gives a number. `hint` names the value the expression as a whole
   * computes (the assigned name): a new version of it.
   */
  value(e: IrExpr, env: Env, out: Step[], hint?: string): Operand {
    if (e.kind === 'attribute') {
      const read = lowerObjectAttribute(this, e, env, out, hint);
      if (read) return read;
    }
    if ((e.kind === 'list' || e.kind === 'tuple') && e.elements.some((x) => mayBeObject(this, x, env))) {
      // Objects kept together (micrograd's `_children`): carried, never read as numbers.
      e.elements.forEach((x) => this.value(x, env, out));
      return objectOperand(undefined, this.level, e.range);
    }
    if (e.kind === 'index' && e.object.kind === 'name' && env.get(e.object.name)?.items) return lowerElement(this, env.get(e.object.name)!, e, env, out, hint);
    if ((e.kind === 'list' || e.kind === 'tuple') && e.elements.some((x) => mentionsActive(x, env))) {
      const list = lowerList(this, e as IrExpr & { kind: 'list' | 'tuple' }, env, out, hint);
      this.listLengths.set((list.expr as { name: string }).name, list.items!.length);
      return list;
    }
    const made = e.kind === 'comprehension' ? lowerComprehension(this, e, env, out, hint) : undefined;
    if (made) {
      this.listLengths.set((made.expr as { name: string }).name, made.items!.length);
      return made;
    }
    const length = listLength(e, env);
    if (length !== undefined) return { expr: num(length, e.range), active: false };
    const array = arrayOperation(e);
    if (array && array.operands.some((o) => mentionsActive(o, env))) return lowerArrayOperation(this, e, array, env, out, hint);
    switch (e.kind) {
      case 'number':
      case 'bool':
        return { expr: e, active: false };
      case 'name': {
        const bound = env.get(e.name);
        // A function made here stays a function: only a call or a name bound to it may use it.
        if (bound?.fn || bound?.object) return bound;
        if (bound) return bound.active ? bound : this.named({ expr: bound.expr, active: false }, e, out, hint);
        notUnsetLocal(this, e);
        return { expr: e, active: false };
      }
      case 'unary':
        if (e.op === '+') return this.value(e.operand, env, out, hint);
        if (e.op === '-') {
          const operand = this.value(e.operand, env, out);
          if (operand.object) return lowerObjectOperator(this, 'neg', [operand], e, env, out, hint);
          return this.opOn(PRIMITIVES.neg, [operand], e, out, hint);
        }
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      case 'sum':
        return this.value(balancedSum(e), env, out, hint);
      case 'binary': {
        const p = BINARY[e.op];
        if (p) {
          const operands = [this.value(e.left, env, out), this.value(e.right, env, out)];
          if (operands.some((o) => o.object)) return lowerObjectOperator(this, e.op, operands, e, env, out, hint);
          return this.opOn(p, operands, e, out, hint);
        }
        if (e.op === '%' && (mentionsActive(e.left, env) || mentionsActive(e.right, env))) return lowerModulo(this, e, env, out, hint);
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      }
      case 'lambda':
        return { expr: e, active: false, fn: { ir: lambdaFunction(e) } };
      case 'compare':
        if (mayBeObject(this, e, env)) return this.named(lowerObjectCompare(this, e, env, out, hint), e, out, hint);
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      case 'call': {
        const made = lowerObjectCall(this, e, env, out, hint);
        if (made) return made;
        const local = localFunctionCalled(e.callee, env, this.options.boundFunctions ?? new Map(), (value, name) => this.factory(value, name, out));
        // Its value is named after the name it was called by (`wide(w)` of `wide = make_loss(…)`).
        if (local) return inlineCall(this, local.ir, e, env, out, hint ?? (e.callee.kind === 'name' ? e.callee.name : undefined), this.inlining, this.params, local.scope ?? env);
        const p = this.primitiveCalled(e.callee, env);
        const plain = e.keywords.length === 0 && !e.args.some((a) => a.kind === 'spread');
        if (p && e.args.length === p.arity && plain) return this.op(p, e.args, e, env, out, hint);
        const intrinsic = this.intrinsicCalled(e.callee, env);
        // Python's builtins by name, unless the file or function has its own of that name.
        const builtin = intrinsic ?? (e.callee.kind === 'name' && !env.has(e.callee.name) && !this.options.functions.has(e.callee.name) ? e.callee.name : undefined);
        const overList = builtin !== undefined ? lowerListCall(this, builtin, e, env, out, hint) : undefined;
        if (overList) return overList;
        // float(x) of a number is x; int(x) has derivative zero (the engine's too), so it is a constant.
        if (builtin === 'float' && plain && e.args.length === 1 && e.callee.kind === 'name') return this.value(e.args[0]!, env, out, hint);
        if (builtin === 'int' && plain && e.args.length === 1 && e.callee.kind === 'name') return this.named({ expr: this.inactive(e, env, true), active: false }, e, out, hint);
        const composite = intrinsic !== undefined && plain ? lowerComposite(this, intrinsic, e, env, out, hint) : undefined;
        if (composite) return composite;
        if ((intrinsic === 'min' || intrinsic === 'max') && e.args.length >= 2 && plain && e.args.some((a) => mentionsActive(a, env))) {
          return lowerExtremum(this, intrinsic, e, env, out, hint);
        }
        const own = calledFunction(e.callee, env, this.options.functions);
        if (own && [...e.args, ...e.keywords.map((k) => k.value)].some((a) => mentionsActive(a, env))) {
          return inlineCall(this, own, e, env, out, hint, this.inlining, this.params);
        }
        return this.named(this.inactiveOperand(e, env), e, out, hint);
      }
      case 'conditional': {
        const known = knownTest(this, e.test, env);
        if (known !== undefined) return this.value(known ? e.then : e.else, env, out, hint);
        const test = this.inactive(mayBeObject(this, e.test, env) ? this.objectTest(e.test, env, out) : e.test, env, true);
        const thenSteps: Step[] = [];
        const elseSteps: Step[] = [];
        const a = this.nested(() => this.value(e.then, env, thenSteps));
        const b = this.nested(() => this.value(e.else, env, elseSteps));
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

  /** A test reading objects, computed as a boolean before it is used: a name no user code has, bound to the value. */
  private objectTest(test: IrExpr, env: Env, out: Step[]): IrExpr {
    const value = this.value(test, env, out, 'test');
    const key = ` test ${++this.tests}`;
    env.set(key, value);
    return { kind: 'name', name: key, range: test.range };
  }

  /**
   * A parameter that is a list of numbers: its entries, each one read (`xs_0 = xs[0]`, an element step
   * nothing keeps unless it is used), are its items; its adjoint is a list of its length.
   */
  private listParameter(name: string, length: number, env: Env, out: Step[]): void {
    const list = env.get(name)!;
    const r = list.expr.range;
    const items = Array.from({ length }, (_, k): Operand => {
      if (!list.active) return { expr: { kind: 'index', object: list.expr, index: num(k, r), range: r }, active: false };
      const target = this.names.fresh(`${name}_${k}`);
      const index = num(k, r);
      out.push({ kind: 'element', target, list: name, length, index, stmt: assign(target, { kind: 'index', object: list.expr, index, range: r }, r) });
      return { expr: ref(target, r), active: true };
    });
    env.set(name, { ...list, items });
    this.listLengths.set(name, length);
  }

  /**
   * The instance an instance method runs on (`self`, `this`): an object of its class (objects.ts)
   * whose fields are read from it at the start, once each, as the code first reads them. A field the
   * gradient is taken with respect to (`self.w` in `wrt`) is read first and differentiated.
   */
  private receiverParameter(name: string, cls: IrClass, env: Env): Operand {
    const r = this.fn.nameRange;
    this.names.claim(name);
    const read = (field: string, range: SourceRange, active = false): Operand => {
      const target = this.names.fresh(`${name}_${field}`);
      this.instanceReads.push({ kind: 'plain', stmt: assign(target, { kind: 'attribute', object: ref(name, range), name: field, range }, range) });
      return { expr: ref(target, range), active };
    };
    const self = receiverOperand(cls, name, r, (field, range) => read(field, range));
    for (const w of this.options.wrt) {
      const field = receiverAttribute(w);
      if (field === undefined) continue;
      const input = read(field, r, true);
      this.attributeInputs.set(w, (input.expr as { name: string }).name);
      self.object!.fields.set(field, input);
    }
    env.set(name, self);
    return self;
  }

  /** A module-level function made by a factory's call (`loss = make_loss(CENTER)`): the factory written out here. */
  private factory(value: IrExpr, name: string, out: Step[]): LocalFunction {
    const maker = value.kind === 'call' ? calledFunction(value.callee, new Map(), this.options.functions) : undefined;
    if (!maker || value.kind !== 'call') return refuse(`${name} is made by something other than a call of a function of this file: not written yet`, value.range);
    const made = inlineCall(this, maker, value, new Map(), out, name, this.inlining, this.params);
    return made.fn ?? refuse(`${name} is not a function GradLens can write out`, value.range);
  }

  /** The primitive a callee names: an intrinsic, or a module-level name bound to one (Python's `abs`). */
  private primitiveCalled(callee: IrExpr, env: Env): ScalarPrimitive | undefined {
    const intrinsic = this.intrinsicCalled(callee, env);
    return intrinsic === undefined ? undefined : primitiveNamed(intrinsic);
  }

  private intrinsicCalled(callee: IrExpr, env: Env): string | undefined {
    if (callee.kind === 'intrinsic') return callee.name;
    if (callee.kind !== 'name' || env.has(callee.name)) return undefined;
    return this.options.intrinsics.get(callee.name);
  }

  zeroOf(name: string, range: SourceRange): IrExpr {
    const length = this.listLengths.get(name);
    if (length !== undefined) return zeroList(length, range);
    const shape = this.shapes?.get(name);
    return shape && shape.length > 0 ? { kind: 'call', callee: { kind: 'intrinsic', name: 'zeros_like', range }, args: [ref(name, range)], keywords: [], range } : num(0, range);
  }

  /** A name's shape: [] for every value of scalar code; undefined where array code was not measured. */
  shapeOf(name: string): Shape | undefined {
    return this.shapes ? this.shapes.get(name) : [];
  }

  /** The marker RESULT holds when the function returns `count` numbers (one object per count, so branches agree). */
  private outputsMarker(count: number): Operand {
    if (!this.markers.has(count)) this.markers.set(count, { expr: num(count, this.fn.range), active: false });
    return this.markers.get(count)!;
  }

  inLoop<T>(exit: string | undefined, f: () => T): T {
    this.exits.push(exit);
    try {
      return this.nested(f);
    } finally {
      this.exits.pop();
    }
  }

  depth(): number {
    return this.level;
  }

  nested<T>(f: () => T): T {
    this.level++;
    try {
      return f();
    } finally {
      this.level--;
    }
  }

  inline(callee: IrFunction, e: IrCall, env: Env, out: Step[], hint: string | undefined, receiver?: Operand, argumentHint?: string, closure?: Env): Operand {
    return inlineCall(this, callee, e, env, out, hint, this.inlining, this.params, closure, receiver, argumentHint);
  }

  inFunction<T>(fn: IrFunction, f: () => T): T {
    this.functionsLowered.push(fn);
    try {
      return f();
    } finally {
      this.functionsLowered.pop();
    }
  }

  currentFunction(): IrFunction {
    return this.functionsLowered[this.functionsLowered.length - 1] ?? this.fn;
  }

  withReturnHint<T>(hint: string, f: () => T): T {
    const before = this.returnHint;
    this.returnHint = hint;
    try {
      return f();
    } finally {
      this.returnHint = before;
    }
  }

  /** An inactive value keeps its expression inline, unless it is what a name is assigned. */
  private named(operand: Operand, e: IrExpr, out: Step[], hint: string | undefined): Operand {
    // A number, negative ones too (`w1 = -3.0`), is written where it is used, as Python would fold it.
    const x = operand.expr;
    if (!hint || x.kind === 'number' || (x.kind === 'unary' && x.op === '-' && x.operand.kind === 'number')) return operand;
    const target = this.names.fresh(hint);
    out.push({ kind: 'plain', stmt: assign(target, operand.expr, e.range) });
    return { expr: ref(target, e.range), active: false };
  }

  private op(p: ScalarPrimitive, argExprs: readonly IrExpr[], e: IrExpr, env: Env, out: Step[], hint: string | undefined): Operand {
    return this.opOn(p, argExprs.map((a) => this.value(a, env, out)), e, out, hint);
  }

  opOn(p: ScalarPrimitive, args: readonly Operand[], e: IrExpr, out: Step[], hint: string | undefined, printed?: IrExpr): Operand {
    args.forEach((a) => notAFunction(a, e.range));
    if (args.some((a) => a.items)) refuse(`a list of differentiated values used as a number (${describeExpr(e)}) is not written yet`, e.range);
    const written = printed ?? rebuild(e, args.map((a) => a.expr));
    if (!args.some((a) => a.active)) return this.named({ expr: written, active: false }, e, out, hint);
    const target = hint ? this.names.fresh(hint) : this.names.temp();
    const stmt = assign(target, written, e.range);
    out.push({ kind: 'op', target, p, args, stmt });
    return { expr: ref(target, e.range), active: true };
  }

  private inactiveOperand(e: IrExpr, env: Env): Operand {
    return { expr: this.inactive(e, env, false), active: false };
  }

  /**
   * An expression whose value is not differentiated, with its names renamed to their versions. In a
   * test (`booleanUse`) it may read differentiated values; anywhere else it must not (inactive.ts).
   */
  inactive(e: IrExpr, env: Env, booleanUse: boolean): IrExpr {
    return inactiveExpression(this, e, env, booleanUse);
  }

  // --- adjoint: steps backwards (adjoints.ts) -------------------------------------------------

  reverse(steps: readonly Step[], assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void {
    reverseSteps(this, steps, assigned, out, adjointOf);
  }

}


/** What a Jacobian row is named after: the returned value's own name, else its position. */
function resultName(result: Operand, k: number): string {
  return result.expr.kind === 'name' && !result.expr.name.startsWith('out') ? result.expr.name : `out${k + 1}`;
}
