import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { elementwise, isTracked } from './elementwise';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { asArray, constant, element, record, type Operand } from './record';

/**
 * A special function of k arguments whose derivatives are computed per element by its own numerics
 * (betainc, gammainc, t's cdf), not by the scalar registry: one node per call, keeping each element's
 * gradient (k entries) and Hessian (the k(k+1)/2 entries of its upper triangle, row by row: for k = 3
 * aa ab ax bb bx xx). Each tracked argument is spread to the output's shape first.
 */
class SpecialFunctionNode implements ArrayNode {
  row = -1;
  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    /** For each input, which argument it is. */
    private readonly roles: readonly number[],
    private readonly k: number,
    private readonly gradient: Float64Array,
    private readonly hessian: Float64Array,
  ) {}

  private partial(i: number, role: number): number {
    return this.gradient[this.k * i + role]!;
  }

  private second(i: number, r: number, c: number): number {
    return this.hessian[(this.k * (this.k + 1) / 2) * i + packedIndex(this.k, r, c)]!;
  }

  jvp(t: Tangents): Float64Array | null {
    let out: Float64Array | null = null;
    this.inputs.forEach((row, k) => {
      const tk = t.array(row);
      if (!tk) return;
      out ??= new Float64Array(this.value.length);
      for (let i = 0; i < tk.length; i++) out[i] = out[i]! + this.partial(i, this.roles[k]!) * tk[i]!;
    });
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    this.inputs.forEach((row, k) => {
      const target = adj.array(row);
      for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.partial(i, this.roles[k]!) * g[i]!;
    });
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const tangents = this.inputs.map((row) => t.array(row));
    this.inputs.forEach((row, k) => {
      let target: Float64Array | undefined;
      tangents.forEach((tl, l) => {
        if (!tl) return;
        target ??= adj.array(row);
        for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.second(i, this.roles[k]!, this.roles[l]!) * tl[i]! * g[i]!;
      });
    });
  }
}

/** Where (r, c) of a symmetric k×k matrix is in its upper triangle stored row by row. */
export function packedIndex(k: number, r: number, c: number): number {
  const [lo, hi] = r <= c ? [r, c] : [c, r];
  return lo * k - (lo * (lo - 1)) / 2 + (hi - lo);
}

/**
 * What an element function writes for one element: `gradient` (k entries) and `hessian` (packed,
 * k(k+1)/2) come zeroed; it fills what it knows. `tracked[j]` says whether argument j is
 * differentiated, so costly derivatives (a continued fraction over jets) are computed only then.
 */
export interface SpecialElement {
  readonly args: readonly number[];
  readonly tracked: readonly boolean[];
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  /** ` at element i` when the output has more than one element, for messages. */
  readonly where: string;
}

/**
 * Applies an element function over broadcast arguments and records one node for the tracked ones.
 * A scalar call (no argument an array) returns a number.
 */
export function applySpecial(rt: Runtime, name: string, given: readonly Operand[], site: number, each: (e: SpecialElement) => number): Value {
  const k = given.length;
  let args = given.map((v) => asArray(rt, v, site));
  let shape: number[] | undefined = [];
  for (const a of args) shape = shape && broadcastShapes(shape, a.shape);
  if (!shape) fail('shape', `${name}: shapes ${args.map((a) => formatShape(a.shape)).join(', ')} could not be broadcast together`, rt.sites[site]!);
  const out = shape;
  const recording = rt.tape !== null && rt.tape !== undefined;
  const tracked = given.map((v) => recording && isTracked(v));
  // a tracked argument is spread to the output's shape by the registry's add, which sums its adjoint back
  const spread = (v: ArrayValue): ArrayValue =>
    recording && v.row >= 0 && (v.shape.length !== out.length || v.shape.some((d, i) => d !== out[i])) ? elementwise(rt, P.add, v, constant(out, new Float64Array(sizeOf(out))), site) : v;
  args = args.map(spread);
  const n = sizeOf(shape);
  const maps = args.map((a) => broadcastMap(a.shape, out));
  const value = new Float64Array(n);
  const h = (k * (k + 1)) / 2;
  const gradient = new Float64Array(k * n);
  const hessian = new Float64Array(h * n);
  for (let i = 0; i < n; i++) {
    const values = args.map((a, j) => {
      const map = maps[j]!;
      return a.data[map === null ? i : typeof map === 'number' ? i % map : map[i]!]!;
    });
    value[i] = each({ args: values, tracked, gradient: gradient.subarray(k * i, k * i + k), hessian: hessian.subarray(h * i, h * i + h), where: n > 1 ? ` at element ${i}` : '' });
  }
  const scalar = !given.some((v) => v instanceof ArrayValue);
  const inputs: number[] = [];
  const roles: number[] = [];
  args.forEach((v, role) => {
    if (v.row >= 0) {
      inputs.push(v.row);
      roles.push(role);
    }
  });
  if (inputs.length === 0 || !recording) return scalar ? value[0]! : constant(shape, value);
  const result = record(rt, new SpecialFunctionNode(name, shape, value, inputs, roles, k, gradient, hessian), site, (k + h + 1) * 8 * n);
  return scalar ? (element(rt, result, 0, site) as Value) : result;
}
