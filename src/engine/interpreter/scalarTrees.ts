import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrStmt } from '../../ir/nodes';
import { PRIMITIVES } from '../primitives/registry';
import { addValues, augmentedOperator, multiplyValues, squareValue, subtractValues } from './binaryExpr';
import { operandKinds } from './scalarKinds';
import { Signal, type ExprFn, type Frame, type StmtFn } from './compiled';
import { EXACT_LIMIT, leavesExactRange } from './exactIntegers';
import type { Runtime } from './runtime';
import type { Scope } from './scope';
import { NUMBER, OTHER, REGISTER, pack, scalarShortcuts, takeOther, unpack, type ScalarFn } from './scalarRegister';
import { elementLeaf, frameSlot } from './treeElements';
import { Tracked, type Value } from './values';

/**
 * A nest of +, −, × and literal squares (`100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2`)
 * compiled as one tree of closures that pass each intermediate result as its tape id and its number,
 * not as a value: the number goes through `REGISTER` and the closure returns the id (scalarRegister.ts).
 * A value crossing a closure call is an object (a `Tracked`, or a heap number for a float), so a loop body like
 * Rosenbrock's made one object per operation; here only the tree's result is one.
 *
 * Every operation does exactly what `binaryExpr` does: where both operands are scalars and the result
 * is finite (and, for two numbers, within float64's exact integers), the same row `arithmetic.ts`
 * records or the same folded number; anything else — a list, an array, an instance, a bool, an
 * overflow, an exact integer — goes to `binaryExpr`'s own function for the operator with the operands
 * made values again, so errors, warnings and rows are the interpreter's, bit for bit.
 */

const P = PRIMITIVES;
const ADD = P.add.opcode;
const SUB = P.sub.opcode;
const MUL = P.mul.opcode;
const POW = P.pow.opcode;

type Operator = '+' | '-' | '*' | 'square';
/** A new site id for a node's range. */
type SiteOf = (node: { readonly range: SourceRange }) => number;

/** The operator of `e` if it is one a tree takes, else undefined. */
function treeOperator(e: IrExpr): Operator | undefined {
  if (e.kind !== 'binary') return undefined;
  if (e.op === '+' || e.op === '-' || e.op === '*') return e.op;
  if (e.op === '**' && e.right.kind === 'number' && e.right.integer === undefined && e.right.value === 2) return 'square';
  return undefined;
}

/**
 * A binary expression whose operand is itself one a tree takes, compiled as a tree; undefined for
 * any other expression (a lone `a + b` gains nothing: its result is a value anyway).
 */
export function scalarTree(e: IrExpr, scope: Scope, expr: (e: IrExpr, scope: Scope) => ExprFn, site: SiteOf): ExprFn | undefined {
  const op = treeOperator(e);
  if (op === undefined || e.kind !== 'binary') return undefined;
  if (treeOperator(e.left) === undefined && (op === 'square' || treeOperator(e.right) === undefined)) return undefined;
  const tree = node(e, scope, expr, site);
  return (f) => {
    const id = tree(f);
    if (id >= 0) return new Tracked(id, REGISTER[0]!);
    return id === NUMBER ? REGISTER[0]! : takeOther();
  };
}

function node(e: IrExpr, scope: Scope, expr: (e: IrExpr, scope: Scope) => ExprFn, site: SiteOf): ScalarFn {
  const op = treeOperator(e);
  if (op === undefined || e.kind !== 'binary') return leaf(e, scope, expr, site);
  const at = site(e);
  if (op === 'square') return square(node(e.left, scope, expr, site), at);
  const left = literal(e.left) ?? node(e.left, scope, expr, site);
  const right = literal(e.right) ?? node(e.right, scope, expr, site);
  // on an array operand the operator's own function decides, told which operands are ints or floats (numpy's dtype)
  const kinds = operandKinds(e, scope);
  const values = op === '+' ? addValues : op === '-' ? subtractValues : multiplyValues;
  const fallback: Fallback = kinds === undefined ? values : (rt, a, b, s) => values(rt, a, b, s, kinds);
  return arithmetic(op === '+' ? Arithmetic.Add : op === '-' ? Arithmetic.Subtract : Arithmetic.Multiply, left, right, at, fallback);
}

/** A finite float literal's value (an exact integer literal is a value of its own, not a number). */
function literal(e: IrExpr): number | undefined {
  return e.kind === 'number' && e.integer === undefined && e.value - e.value === 0 ? e.value : undefined;
}

function constantLeaf(v: number): ScalarFn {
  return () => {
    REGISTER[0] = v;
    return NUMBER;
  };
}

/** Any other expression, evaluated as usual; its value taken apart. An element read (`x[i]`, `A[i][j]`) is read at once when it can be (treeElements.ts). */
function leaf(e: IrExpr, scope: Scope, expr: (e: IrExpr, scope: Scope) => ExprFn, site: SiteOf): ScalarFn {
  const v = literal(e);
  if (v !== undefined) return constantLeaf(v);
  const value = expr(e, scope);
  if (e.kind === 'name') {
    const slot = frameSlot(e.name, scope);
    if (slot !== undefined) return localLeaf(slot, value);
  }
  const element = e.kind === 'index' ? elementLeaf(e, scope, value, site(e), () => site(e.index)) : undefined;
  return element ?? ((f) => unpack(value(f)));
}

/** A local of the frame read at once when it holds a scalar; otherwise (unassigned: its error) the name's own read. */
function localLeaf(slot: number, value: ExprFn): ScalarFn {
  return (f) => {
    const v = f.slots[slot];
    if (typeof v === 'number') {
      REGISTER[0] = v;
      return NUMBER;
    }
    if (v instanceof Tracked) {
      REGISTER[0] = v.value;
      return v.id;
    }
    return unpack(value(f));
  };
}

type Fallback = (rt: Runtime, a: Value, b: Value, site: number) => Value;

const enum Arithmetic {
  Add,
  Subtract,
  Multiply,
}
const OPCODE = [ADD, SUB, MUL] as const;

/**
 * The row `arithmetic.ts` records for +, − or × of two scalars, one of them tracked (its partials: 1
 * and 1, 1 and −1, the other operand; the constant operand when one is a number); returns its id.
 */
function recordArithmetic(f: Frame, kind: Arithmetic, ia: number, ib: number, a: number, b: number, out: number, site: number): number {
  const tape = f.rt.tape!;
  const id = tape.pushRow(OPCODE[kind], ia, ib, site);
  tape.value[id] = out;
  tape.partial0[id] = ia < 0 ? 0 : kind === Arithmetic.Multiply ? b : 1;
  tape.partial1[id] = ib < 0 ? 0 : kind === Arithmetic.Multiply ? a : kind === Arithmetic.Subtract ? -1 : 1;
  tape.constant[id] = ia < 0 ? a : ib < 0 ? b : 0;
  return id;
}

const apply = (kind: Arithmetic, a: number, b: number): number => (kind === Arithmetic.Add ? a + b : kind === Arithmetic.Subtract ? a - b : a * b);

/**
 * +, − or ×: left then right (Python's order), then on two scalars the row `recordArithmetic`
 * records or the folded number, else `fallback` on the values. `ia`, `ib` are ids (≥ 0) or NUMBER
 * (−1, the tape's "no input" too). Two numbers fold within the exact integers; past them, and for a
 * non-finite result, the fallback decides as the interpreter does. Numbers stay in locals and
 * columns: one passed to a call V8 does not inline would be boxed. An operand that is a number
 * literal (`100.0 * …`, `1.0 - x[i]`) is no closure of its own.
 */
function arithmetic(kind: Arithmetic, left: ScalarFn | number, right: ScalarFn | number, site: number, fallback: Fallback): ScalarFn {
  if (typeof left === 'number') return typeof right === 'number' ? arithmetic(kind, constantLeaf(left), constantLeaf(right), site, fallback) : literalLeft(kind, left, right, site, fallback);
  if (typeof right === 'number') return literalRight(kind, left, right, site, fallback);
  return (f) => {
    const ia = left(f);
    const a = REGISTER[0]!;
    const va = ia === OTHER ? takeOther() : undefined;
    const ib = right(f);
    const b = REGISTER[0]!;
    const vb = ib === OTHER ? takeOther() : undefined;
    if (ia !== OTHER && ib !== OTHER) {
      const out = apply(kind, a, b);
      if (ia < 0 && ib < 0) {
        if (out <= EXACT_LIMIT && out >= -EXACT_LIMIT) {
          REGISTER[0] = out;
          return NUMBER;
        }
      } else if (out - out === 0) {
        const id = recordArithmetic(f, kind, ia, ib, a, b, out, site);
        REGISTER[0] = out;
        return id;
      }
    }
    return unpack(fallback(f.rt, pack(ia, a, va), pack(ib, b, vb), site));
  };
}

/** `c op right` with `c` a number literal: `arithmetic` with the left operand known. */
function literalLeft(kind: Arithmetic, a: number, right: ScalarFn, site: number, fallback: Fallback): ScalarFn {
  return (f) => {
    const ib = right(f);
    const b = REGISTER[0]!;
    if (ib !== OTHER) {
      const out = apply(kind, a, b);
      if (ib < 0) {
        if (out <= EXACT_LIMIT && out >= -EXACT_LIMIT) {
          REGISTER[0] = out;
          return NUMBER;
        }
      } else if (out - out === 0) {
        const id = recordArithmetic(f, kind, NUMBER, ib, a, b, out, site);
        REGISTER[0] = out;
        return id;
      }
    }
    return unpack(fallback(f.rt, a, pack(ib, b, ib === OTHER ? takeOther() : undefined), site));
  };
}

/** `left op c` with `c` a number literal. */
function literalRight(kind: Arithmetic, left: ScalarFn, b: number, site: number, fallback: Fallback): ScalarFn {
  return (f) => {
    const ia = left(f);
    const a = REGISTER[0]!;
    if (ia !== OTHER) {
      const out = apply(kind, a, b);
      if (ia < 0) {
        if (out <= EXACT_LIMIT && out >= -EXACT_LIMIT) {
          REGISTER[0] = out;
          return NUMBER;
        }
      } else if (out - out === 0) {
        const id = recordArithmetic(f, kind, ia, NUMBER, a, b, out, site);
        REGISTER[0] = out;
        return id;
      }
    }
    return unpack(fallback(f.rt, pack(ia, a, ia === OTHER ? takeOther() : undefined), b, site));
  };
}

/** `a ** 2`: at 0, nan, past the exact integers or overflowing, `squareValue` decides (pow's domain, exact ints). */
function square(operand: ScalarFn, site: number): ScalarFn {
  return (f) => {
    const ia = operand(f);
    const a = REGISTER[0]!;
    if (ia !== OTHER) {
      const out = a * a;
      if ((a > 0 || a < 0) && out - out === 0) {
        if (ia >= 0) {
          // pow's row for exponent 2: partial b·a^(b−1) = 2·a, the constant operand 2 (arithmetic.ts).
          const tape = f.rt.tape!;
          const id = tape.pushRow(POW, ia, -1, site);
          tape.value[id] = out;
          tape.partial0[id] = 2 * a;
          tape.partial1[id] = 0;
          tape.constant[id] = 2;
          REGISTER[0] = out;
          return id;
        }
        if (!leavesExactRange('**', a, 2)) {
          REGISTER[0] = out;
          return NUMBER;
        }
      }
    }
    return unpack(squareValue(f.rt, pack(ia, a, ia === OTHER ? takeOther() : undefined), site));
  };
}

const KIND = { '+': Arithmetic.Add, '-': Arithmetic.Subtract, '*': Arithmetic.Multiply } as const;

/**
 * `s += e` (−=, ×=) with `s` a local of the frame holding a scalar: the tree of `e` and the row
 * `augmentedOperator` records (two numbers fold when finite, as `addScalars` folds them), written
 * to the slot without the right side's value being made. Anything else — `s` not a scalar (an
 * array is updated in place), unassigned (the name's error) — is `general`, the statement as
 * assignments.ts compiles it, run from the start: nothing has been evaluated yet. Undefined when the
 * statement is not of this form.
 */
export function augmentedTree(s: IrStmt & { kind: 'augAssign' }, scope: Scope, expr: (e: IrExpr, scope: Scope) => ExprFn, site: SiteOf, general: StmtFn): StmtFn | undefined {
  const op = s.op;
  if (!scalarShortcuts.enabled || (op !== '+' && op !== '-' && op !== '*') || s.target.kind !== 'name') return undefined;
  const name = s.target.name;
  const local = scope.globals.has(name) ? undefined : scope.resolve(name);
  if (!local || local.depth !== 0 || scope.slots.get(name) !== local.slot) return undefined;
  const slot = local.slot;
  const kind = KIND[op];
  const constant = literal(s.value);
  const right = constant === undefined ? node(s.value, scope, expr, site) : constantLeaf(constant);
  const at = site(s);
  const operate = augmentedOperator(op);
  return (f) => {
    const old = f.slots[slot];
    let ia: number;
    let a: number;
    if (typeof old === 'number') {
      ia = NUMBER;
      a = old;
    } else if (old instanceof Tracked) {
      ia = old.id;
      a = old.value;
    } else return general(f);
    const ib = right(f);
    const b = REGISTER[0]!;
    if (ib !== OTHER) {
      const out = apply(kind, a, b);
      if (out - out === 0) {
        f.slots[slot] = ia < 0 && ib < 0 ? out : new Tracked(recordArithmetic(f, kind, ia, ib, a, b, out, at), out);
        return Signal.Normal;
      }
    }
    f.slots[slot] = operate(f.rt, old, pack(ib, b, ib === OTHER ? takeOther() : undefined), at);
    return Signal.Normal;
  };
}
