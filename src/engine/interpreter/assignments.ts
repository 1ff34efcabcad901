import { fail, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrBinaryOp, IrExpr, IrTarget } from '../../ir/nodes';
import { assignInPlace } from '../array/indexing';
import { ArrayValue } from '../array/ndarray';
import type { Operand } from '../array/record';
import { augmentedOperator } from './binaryExpr';
import { scalarKind } from './scalarKinds';
import { Signal, type ExprFn, type Frame, type StmtFn } from './compiled';
import type { CompilerParts } from './constructs';
import { getAttribute, getProperty, setAttribute, setProperty } from './methods';
import { asScalar, binary } from './operators';
import type { Scope } from './scope';
import { getItem, iterate, setItem } from './sequences';
import { None, RangeValue, SequenceValue, TypedArrayValue, typeName, word, type Value } from './values';
import type { Runtime } from './runtime';

/**
 * Assignment targets (a name, a tuple to unpack, `a[i]`, `o.x`) and augmented assignment, compiled
 * by compile.ts's compiler given as `c`.
 */

export type Assign = (f: Frame, v: Value) => void;

/**
 * JavaScript's `a[i] = v`: an array grows to take an index at or past its end (`let p = []; p[0] = …`),
 * the slots between undefined; a typed array has a fixed length and refuses, as a tuple does.
 */
function setGrowing(rt: Runtime, o: Value, i: Value, v: Value, site: number): void {
  // An index computed from the parameters (`out[Math.floor(t * 4)] = …`) is recorded; its number places the value.
  const s = asScalar(i);
  const n = typeof s === 'number' ? s : s?.value;
  if (o instanceof SequenceValue && !o.isTuple && !(o instanceof TypedArrayValue) && n !== undefined && Number.isInteger(n) && n >= o.items.length) {
    rt.allocate(8 * (n + 1 - o.items.length), site);
    while (o.items.length < n) o.items.push(None);
    o.items.push(v);
    return;
  }
  setItem(rt, o, i, v, site);
}

export interface AssignParts extends CompilerParts {
  /** Reads a name as the function sees it. */
  name(name: string, range: SourceRange, scope: Scope): ExprFn;
  indexExpr(e: IrExpr, scope: Scope): ExprFn;
  refuse(code: Diagnostic['code'], message: string, range: SourceRange, construct?: string): () => never;
  /** Where a run keeps a module-level name's value (`global x`). */
  globalKey(name: string): string;
}

export function compileAugAssign(c: AssignParts, target: IrTarget, op: IrBinaryOp, valueExpr: IrExpr, range: SourceRange, scope: Scope): StmtFn {
  const value = c.expr(valueExpr, scope);
  const site = c.site(range);
  if (target.kind === 'name') {
    const read = c.name(target.name, target.range, scope);
    const write = c.target(target, scope);
    const valueKind = scalarKind(valueExpr, scope.kinds);
    const operate = augmentedOperator(op, valueKind === undefined ? undefined : [scope.kinds.get(target.name), valueKind]);
    return (f) => {
      const old = read(f);
      const result = operate(f.rt, old, value(f), site);
      // numpy: `x += y` writes into the array itself, so every name bound to it sees the change.
      if (old instanceof ArrayValue) assignInPlace(f.rt, old, result as Operand, site);
      else write(f, result);
      return Signal.Normal;
    };
  }
  if (target.kind === 'index') {
    const object = c.expr(target.object, scope);
    const index = c.indexExpr(target.index, scope);
    return (f) => {
      const o = object(f);
      const i = index(f);
      setItem(f.rt, o, i, binary(f.rt, op, getItem(f.rt, o, i, site), value(f), site), site);
      return Signal.Normal;
    };
  }
  if (target.kind === 'attribute') {
    const object = c.expr(target.object, scope);
    const name = target.name;
    const [get, set] = target.property ? [getProperty, setProperty] : [getAttribute, setAttribute];
    return (f) => {
      const o = object(f);
      set(f.rt, o, name, binary(f.rt, op, get(f.rt, o, name, site), value(f), site), site);
      return Signal.Normal;
    };
  }
  return c.refuse('unsupported', 'augmented assignment to a tuple is not supported', target.range);
}

export function compileTarget(c: AssignParts, t: IrTarget, scope: Scope): Assign {
  switch (t.kind) {
    case 'name': {
      const slot = scope.slots.get(t.name);
      if (slot !== undefined) {
        return (f, v) => {
          f.slots[slot] = v;
        };
      }
      const name = t.name;
      if (scope.globals.has(name)) {
        // `global x`: module-level state lives in the run's constant cache, which every read sees first.
        const key = c.globalKey(name);
        return (f, v) => f.rt.setGlobal(key, v);
      }
      const outer = scope.resolve(name);
      if (!outer) return c.refuse('unknown-name', `cannot assign to ${name} here`, t.range, name);
      const depth = outer.depth;
      return (f, v) => {
        let frame = f;
        for (let d = 0; d < depth; d++) frame = frame.parent!;
        frame.slots[outer.slot] = v;
      };
    }
    case 'tuple': {
      const parts = t.elements.map((e) => c.target(e, scope));
      const site = c.site(t.range);
      return (f, v) => {
        // An array unpacks into its rows (`a, b = x`: x's elements, each an element read on the tape).
        const items = v instanceof SequenceValue ? v.items : v instanceof RangeValue || (v instanceof ArrayValue && v.ndim > 0) ? iterate(f.rt, v, site, 'unpacking') : undefined;
        if (!items) fail('type', word(`cannot unpack ${typeName(v)} into ${parts.length} names`, `${typeName(v)} is not iterable: it cannot be destructured into ${parts.length} names`), t.range);
        if (t.positional) {
          for (let i = 0; i < parts.length; i++) parts[i]!(f, i < items.length ? items[i]! : None);
          return;
        }
        if (items.length !== parts.length) fail('type', `cannot unpack ${items.length} values into ${parts.length} names`, t.range);
        for (let i = 0; i < parts.length; i++) parts[i]!(f, items[i]!);
      };
    }
    case 'index': {
      const object = c.expr(t.object, scope);
      const index = c.indexExpr(t.index, scope);
      const site = c.site(t.range);
      if (c.language === 'typescript') return (f, v) => setGrowing(f.rt, object(f), index(f), v, site);
      return (f, v) => setItem(f.rt, object(f), index(f), v, site);
    }
    case 'attribute': {
      const object = c.expr(t.object, scope);
      const site = c.site(t.range);
      const name = t.name;
      const set = t.property ? setProperty : setAttribute;
      return (f, v) => set(f.rt, object(f), name, v, site);
    }
  }
}
