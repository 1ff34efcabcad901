import type { IrExpr, IrFunction } from '../ir/nodes';
import { ref } from './expressions';
import { shapeOfValue, type Shape } from './arrays';
import { selectionShape } from './elementWrites';
import { primalStmt, stepTargets, type ArrayOp, type Operand, type Step } from './steps';

/**
 * The shapes array code needs: measured by running the forward steps once at the point, and, inside
 * loops and branches, which one run cannot measure, inferred from the measured ones.
 */

/**
 * The shapes of the values the top-level forward steps name (and of the parameters), measured by
 * running those steps once; names made inside loops and branches are left out (not measured).
 */
export function measureShapes(fn: IrFunction, steps: readonly Step[], measure: (probe: IrFunction) => readonly unknown[] | undefined): Map<string, Shape> {
  const names = [...new Set([...fn.params.map((p) => p.name), ...steps.flatMap((s) => topLevelName(s))])];
  const r = fn.range;
  const probe: IrFunction = {
    ...fn,
    name: `gradlens_shapes_${fn.name.replace(/\W/g, '_')}`,
    body: [...steps.map(primalStmt), { kind: 'return', value: { kind: 'tuple', elements: names.map((n) => ref(n, r)), range: r }, range: r }],
  };
  const values = measure(probe);
  const shapes = new Map<string, Shape>();
  if (!values || values.length !== names.length) return shapes;
  names.forEach((n, i) => {
    const shape = shapeOfValue(values[i]);
    if (shape) shapes.set(n, shape);
  });
  return shapes;
}

/**
 * Shapes inside loops and branches, which one run cannot measure, inferred from the measured ones:
 * an elementwise step broadcasts its operands' shapes, reading `x[i]` (integer indices, no slices)
 * drops one axis per index, a copy keeps its source's. A name whose shape cannot be told stays
 * unknown, and code that needs it is refused.
 */
export function inferShapes(steps: readonly Step[], shapes: Map<string, Shape>): void {
  // An inline constant of numbers and scalar names (`k + 1.5`) is a number too.
  const scalar = (e: IrExpr): boolean =>
    e.kind === 'number' || (e.kind === 'name' && shapes.get(e.name)?.length === 0) || (e.kind === 'binary' && scalar(e.left) && scalar(e.right)) || (e.kind === 'unary' && scalar(e.operand));
  const of = (o: Operand): Shape | undefined => (o.expr.kind === 'name' ? shapes.get(o.expr.name) : scalar(o.expr) ? [] : undefined);
  for (const s of steps) {
    if (s.kind === 'if') {
      inferShapes(s.then, shapes);
      inferShapes(s.else, shapes);
      continue;
    }
    if (s.kind === 'loop') {
      // A counter over range(…) is a number.
      const { head } = s;
      if (head.kind === 'for' && head.target.kind === 'name' && head.iterable.kind === 'call' && (head.iterable.callee.kind === 'name' || head.iterable.callee.kind === 'intrinsic') && head.iterable.callee.name === 'range') {
        shapes.set(head.target.name, []);
      }
      // Twice: a carried value's head gets its shape from the end of the body.
      for (let pass = 0; pass < 2; pass++) {
        inferShapes(s.body, shapes);
        inferShapes(s.carries, shapes);
      }
      continue;
    }
    if (s.kind === 'plain') {
      // A loop's head starts as a copy of a value (or a number) from before the loop.
      const st = s.stmt;
      if (st.kind !== 'assign' || st.target.kind !== 'name' || shapes.has(st.target.name)) continue;
      const shape = st.value.kind === 'number' ? [] : st.value.kind === 'name' ? shapes.get(st.value.name) : undefined;
      if (shape) shapes.set(st.target.name, shape);
      continue;
    }
    if (shapes.has(s.target)) continue;
    let shape: Shape | undefined;
    if (s.kind === 'copy' || s.kind === 'carry') shape = of(s.source);
    else if (s.kind === 'op') {
      const known = s.args.map(of);
      if (known.every((k) => k !== undefined)) shape = broadcastShapes(known as Shape[]);
    } else if (s.kind === 'array' && s.op.kind === 'index') {
      // Integers drop their axes, slices with literal bounds keep what they select.
      const object = of(s.args[0]!);
      if (object) shape = selectionShape(object, s.op.index, (x) => (scalar(x) ? [] : undefined));
    } else if (s.kind === 'element') shape = [];
    else if (s.kind === 'array') shape = arrayShape(s.op, s.args.map(of));
    // Every name the step unpacks into has that shape (slogdet's sign and logdet are numbers).
    if (shape) stepTargets(s).forEach((n) => shapes.set(n, shape));
  }
}

/** The shape of an array step's result from its operands' shapes (an index's is inferred above). */
function arrayShape(op: ArrayOp, args: readonly (Shape | undefined)[]): Shape | undefined {
  const [a, b] = args;
  switch (op.kind) {
    case 'det':
    case 'slogdet':
    case 'trace':
    case 'norm':
      return [];
    case 'inv':
    case 'setitem':
      return a;
    case 'solve':
      return b;
    case 'transpose':
      return a && [...a].reverse();
    case 'outer':
      return a && b ? [a.reduce((p, n) => p * n, 1), b.reduce((p, n) => p * n, 1)] : undefined;
    case 'matmul':
      if (!a || !b || a.length === 0 || b.length === 0 || a.length > 2 || b.length > 2) return undefined;
      return [...a.slice(0, -1), ...(b.length === 2 ? [b[1]!] : [])];
    case 'sum': {
      if (!a) return undefined;
      if (op.axis === undefined) return op.keepdims ? a.map(() => 1) : [];
      const axis = op.axis < 0 ? op.axis + a.length : op.axis;
      return op.keepdims ? a.map((n, i) => (i === axis ? 1 : n)) : a.filter((_, i) => i !== axis);
    }
    default:
      return undefined;
  }
}

/** numpy's broadcast of shapes (undefined when they do not broadcast). */
function broadcastShapes(list: readonly Shape[]): Shape | undefined {
  const rank = Math.max(0, ...list.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const sizes = list.map((s) => s[s.length - rank + i] ?? 1);
    const big = Math.max(...sizes);
    if (sizes.some((n) => n !== 1 && n !== big)) return undefined;
    out.push(big);
  }
  return out;
}

function topLevelName(s: Step): string[] {
  // An array step's operands may be the module's (`X @ W1`, X a global): their shapes are needed too.
  if (s.kind === 'array') return [...stepTargets(s), ...s.args.flatMap((a) => (a.expr.kind === 'name' ? [a.expr.name] : []))];
  if (s.kind === 'op' || s.kind === 'copy' || s.kind === 'pack' || s.kind === 'element') return [s.target];
  // Not a loop's stack (`stack = []`): what it holds is no array, and may hold None.
  if (s.kind === 'plain' && s.stmt.kind === 'assign' && s.stmt.target.kind === 'name' && !(s.stmt.value.kind === 'list' && s.stmt.value.elements.length === 0)) return [s.stmt.target.name];
  return [];
}
