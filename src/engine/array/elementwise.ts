import { fail, failNoValue } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { Tracked } from '../interpreter/values';
import { callTemplate } from '../../core/diagnosticText';
import { callText } from '../nonFinite';
import { oneSidedMessage } from '../primitives/verdict';
import { Dual, dualOps, numberOps } from '../primitives/registry';
import { PARTIAL_FORMS } from '../primitives/forms';
import { allFinite, firstDomainVerdict, partialLoop, partialTimesLoop, valueLoop } from './loops';
import { evaluateLane, partialOverArrays, releaseScratch, Scaled, scaledTimes, scratchMark, type Lane } from './vectorRules';
import type { ScalarPrimitive } from '../primitives/types';
import { ArrayValue, broadcastMap, broadcastShapes, expand, formatShape, reduceInto, sizeOf, type BroadcastMap } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { allocUnset, asArray, charge, constant, record, type Operand, type Scalar } from './record';
import { lanewiseAccumulateScaled, lanewiseAccumulateTimes, lanewiseApply, lanewiseScale, lanewiseTimes } from './lanewise';

/**
 * Every scalar primitive of the registry, applied elementwise with numpy broadcasting. Nothing here
 * restates a derivative: values, domains and partials are the registry entry's own, called per
 * element; the Hessian's curvature evaluates the same partial rules over dual numbers.
 *
 * What is derived once per rule, by evaluating it symbolically (primitives/forms.ts), is only its *form*: a
 * constant (∂(a+b)/∂a = 1), or one of the rule's own arguments (∂(ab)/∂a = b, d eᵃ = eᵃ). Those need
 * no per-element evaluation and no stored array, which is most of an MLP's elementwise work.
 */

/**
 * A partial as a node keeps it: a number for a constant, an array the node holds anyway (an
 * argument or the output), or `GENERAL` — evaluated by the registry's rule where a sweep needs it,
 * so recording makes no array for it.
 */
const GENERAL = 'general';
type StoredPartial = number | Float64Array | typeof GENERAL;

export class ElementwiseNode implements ArrayNode {
  row = -1;
  readonly name: string;
  constructor(
    private readonly p: ScalarPrimitive,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    /** Per argument: its broadcast map, its expanded values, and its partial (undefined if constant). */
    private readonly maps: readonly BroadcastMap[],
    private readonly args: readonly Float64Array[],
    private readonly partials: readonly (StoredPartial | undefined)[],
    private readonly inputIndex: readonly number[],
    /** Per argument: the number itself for an untracked one-element operand (the 2 of `x ** 2`), else its values. */
    private readonly lanes: readonly (number | Float64Array)[],
  ) {
    this.name = p.name;
  }

  constantOperand(k: number): number | null {
    // Inputs and arguments come in the same order here (inputIndex is the identity).
    const lane = this.lanes[k];
    return this.inputs[k]! < 0 && typeof lane === 'number' ? lane : null;
  }

  /**
   * Argument k's partial as numbers: a constant or an array, `GENERAL` rules evaluated over the
   * whole arrays (into scratch buffers: release them after use), or per element when the rule
   * branches on element values.
   */
  private partial(k: number): Lane {
    const pk = this.partials[k]!;
    if (pk !== GENERAL) return pk;
    const a = this.lanes[0]!;
    const q = partialOverArrays(this.p, k, a, this.lanes[1] ?? a, this.value);
    if (q !== undefined) return q;
    const perElement = new Float64Array(this.value.length);
    partialLoop(this.p, k, this.args[0]!, this.args[1] ?? this.args[0]!, this.value, perElement);
    return perElement;
  }

  /**
   * Output elements an np.where does not select and whose partial is ∞ or nan there (whereMask.ts):
   * a zero adjoint at such an element sends nothing up (the strong zero of the where's contract).
   * Other elements, and a nonzero adjoint (the value used elsewhere too), are the plain product.
   */
  excluded: Uint8Array | undefined = undefined;

  /** Per tracked argument: its tape row and broadcast map (the input element output element i reads). */
  trackedInputs(): { row: number; map: BroadcastMap }[] {
    const out: { row: number; map: BroadcastMap }[] = [];
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] !== undefined) out.push({ row: this.inputs[this.inputIndex[k]!]!, map: this.maps[k]! });
    }
    return out;
  }

  /** The first tracked argument's partial at output element i that is ∞ or nan, if any. */
  nonFinitePartialAt(i: number): number | undefined {
    const a = this.args[0]!;
    const b = this.args[1] ?? a;
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] === undefined) continue;
      const d = this.p.partials[k]!(numberOps, a[i]!, b[i]!, this.value[i]!);
      if (!Number.isFinite(d)) return d;
    }
    return undefined;
  }

  /**
   * The one-pass loop for argument k's partial times an adjoint, when it is the better way: a rule
   * that stays an array over whole arrays (no operand is one number for every element), with no
   * broadcast to sum back.
   */
  private fused(k: number): ReturnType<typeof partialTimesLoop> {
    if (this.partials[k] !== GENERAL || this.maps[k] !== null) return undefined;
    if (this.lanes.some((lane) => typeof lane === 'number')) return undefined;
    return partialTimesLoop(this.p, k);
  }

  jvp(t: Tangents): Float64Array | null {
    let out: Float64Array | null = null;
    const n = this.value.length;
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] === undefined) continue;
      const tk = t.array(this.inputs[this.inputIndex[k]!]!);
      if (!tk) continue;
      const full = expand(tk, this.maps[k]!, n);
      out ??= new Float64Array(n);
      const fused = this.fused(k);
      if (fused) {
        fused(this.args[0]!, this.args[1] ?? this.args[0]!, this.value, full, out);
        continue;
      }
      // ẏ += ∂ ⊙ ẋ is the reverse rule's accumulation with the tangent in the adjoint's place.
      const mark = scratchMark();
      addPartialTimes(out, this.partial(k), null, full);
      releaseScratch(mark);
    }
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    if (this.excluded) return this.vjpExcluding(g, adj, this.excluded);
    const last = this.partials[1] !== undefined ? 1 : 0;
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] === undefined) continue;
      const row = this.inputs[this.inputIndex[k]!]!;
      // The last argument may take g over (see Adjoints.adopt): every other use of g is done.
      const adopted = k === last && this.maps[k] === null && adj.adopt(row, g);
      const fused = this.fused(k);
      if (fused) {
        fused(this.args[0]!, this.args[1] ?? this.args[0]!, this.value, g, adopted ? g : adj.array(row));
        continue;
      }
      const mark = scratchMark();
      const pk = this.partial(k);
      if (adopted) scaleInPlace(g, pk);
      else addPartialTimes(adj.array(row), pk, this.maps[k]!, g);
      releaseScratch(mark);
    }
  }

  /** `vjp` where `excluded` elements with a zero adjoint add nothing, whatever their partial. */
  private vjpExcluding(g: Float64Array, adj: Adjoints, excluded: Uint8Array): void {
    const n = g.length;
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] === undefined) continue;
      const mark = scratchMark();
      const pk = evaluateLane(this.partial(k), n);
      const full = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        if (gi === 0 && excluded[i] === 1) continue;
        full[i] = (typeof pk === 'number' ? pk : pk[i]!) * gi;
      }
      releaseScratch(mark);
      reduceInto(adj.array(this.inputs[this.inputIndex[k]!]!), full, this.maps[k]!);
    }
  }

  /** (∂ₖ)˙ per element: the registry's partial rule over dual numbers, as the scalar Hessian does. */
  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const p = this.p;
    const n = g.length;
    const tangents = this.args.map((_, k) => {
      const r = this.partials[k] === undefined ? -1 : this.inputs[this.inputIndex[k]!]!;
      const tk = r < 0 ? null : t.array(r);
      return tk ? expand(tk, this.maps[k]!, n) : null;
    });
    const outDot = t.array(this.row);
    if (tangents.every((x) => x === null)) return;
    const a = this.args[0]!;
    const b = this.args[1] ?? a;
    const ta = tangents[0] ?? null;
    const tb = p.arity === 2 ? (tangents[1] ?? null) : ta;
    for (let k = 0; k < this.partials.length; k++) {
      if (this.partials[k] === undefined || typeof this.partials[k] === 'number') continue;
      const form = PARTIAL_FORMS[p.opcode]![k]!;
      const full = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (g[i] === 0) continue;
        const da = ta ? ta[i]! : 0;
        const db = tb ? tb[i]! : 0;
        let pd: number;
        if (form.kind === 'argument') pd = form.which === 0 ? da : form.which === 1 ? db : outDot ? outDot[i]! : 0;
        else pd = p.partials[k]!(dualOps, new Dual(a[i]!, da), new Dual(b[i]!, db), new Dual(this.value[i]!, outDot ? outDot[i]! : 0)).d;
        full[i] = g[i]! * pd;
      }
      reduceInto(adj.array(this.inputs[this.inputIndex[k]!]!), full, this.maps[k]!);
    }
  }
}

/** g ← ∂ ⊙ g, for an argument that took g over as its adjoint. */
function scaleInPlace(g: Float64Array, pk: Lane): void {
  const n = g.length;
  if (typeof pk === 'number') {
    if (pk !== 1 && !lanewiseScale(g, pk)) for (let i = 0; i < n; i++) g[i] = pk * g[i]!;
  } else if (pk instanceof Scaled) {
    const { c, x } = pk;
    if (!lanewiseTimes(g, x, c)) for (let i = 0; i < n; i++) g[i] = scaledTimes(c, x[i]!) * g[i]!;
  } else if (!lanewiseTimes(g, pk)) {
    for (let i = 0; i < n; i++) g[i] = pk[i]! * g[i]!;
  }
}

/** target += ∂ ⊙ g, summed back over the axes the operand was broadcast along. */
function addPartialTimes(target: Float64Array, lane: Lane, map: BroadcastMap, g: Float64Array): void {
  const n = g.length;
  if (map === null && lane instanceof Scaled) {
    const { c, x } = lane;
    if (!lanewiseAccumulateTimes(target, x, g, c)) for (let i = 0; i < n; i++) target[i] = target[i]! + scaledTimes(c, x[i]!) * g[i]!;
    return;
  }
  const pk = evaluateLane(lane, n);
  if (map === null && typeof pk === 'number') {
    if (!lanewiseAccumulateScaled(target, pk, g)) for (let i = 0; i < n; i++) target[i] = target[i]! + pk * g[i]!;
  } else if (map === null) {
    const q = pk as Float64Array;
    if (!lanewiseAccumulateTimes(target, q, g)) for (let i = 0; i < n; i++) target[i] = target[i]! + q[i]! * g[i]!;
  } else if (typeof map === 'number') {
    // The operand repeats with period `map`: sum each period's slice back, without a temporary.
    if (typeof pk === 'number') {
      for (let o = 0; o < n; o += map) for (let j = 0; j < map; j++) target[j] = target[j]! + pk * g[o + j]!;
    } else {
      for (let o = 0; o < n; o += map) for (let j = 0; j < map; j++) target[j] = target[j]! + pk[o + j]! * g[o + j]!;
    }
  } else {
    const full = new Float64Array(n);
    if (typeof pk === 'number') for (let i = 0; i < n; i++) full[i] = pk * g[i]!;
    else for (let i = 0; i < n; i++) full[i] = pk[i]! * g[i]!;
    reduceInto(target, full, map);
  }
}

/**
 * `p` applied elementwise. Domain verdicts are the registry's, per element: an error leaves the
 * element as the value gives it (nan, ±inf, as numpy does) and is deferred, naming the first
 * offending element (Runtime.deferredDomain: raised if it reaches the result); a warning is raised
 * once per site.
 */
export function elementwise(rt: Runtime, p: ScalarPrimitive, x: Operand, y: Operand | undefined, site: number, quiet = false): ArrayValue {
  const a = asArray(rt, x, site);
  const b = p.arity === 2 ? asArray(rt, y!, site) : a;
  const shape = p.arity === 2 ? broadcastShapes(a.shape, b.shape) : [...a.shape];
  if (!shape) fail('shape', `operands could not be broadcast together in ${p.name}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`, rt.sites[site]!);
  const n = sizeOf(shape);
  // The result, and each operand broadcast to it (its copy and index map, kept by the node), count
  // against the memory budget before any of them is made: `w[:, None] * w[None, :]` over 20,000
  // entries would otherwise make 2 GB of maps and copies before the result is refused.
  const out = allocUnset(rt, n, site, shape);
  for (const o of p.arity === 2 ? [a, b] : [a]) if (o.size > 1 && o.size !== n) charge(rt, Math.ceil(1.5 * n), site, shape);
  const mapA = broadcastMap(a.shape, shape);
  const mapB = p.arity === 2 ? broadcastMap(b.shape, shape) : mapA;
  const av = expand(a.data, mapA, n);
  const bv = p.arity === 2 ? expand(b.data, mapB, n) : av;
  const ta = a.row >= 0;
  const tb = p.arity === 2 && b.row >= 0;
  const finite = lanewiseKernel(p, a, b, mapA, mapB, out);
  if (finite === undefined) valueLoop(p, av, bv, out);
  // A constant second operand may settle the domain question for every element at once (x ** 2).
  const settled = p.arity === 2 && b.size === 1 && p.domainQuietForSecond?.(b.data[0]!, tb) === true;
  // A tracked element's kink is said with its row (in an np.where branch, it waits for the where:
  // whereMask.ts; outside one, a where further on may withdraw it).
  const kinks = (ta || tb) && rt.tape ? ([] as Kink[]) : undefined;
  checkElements(rt, settled ? undefined : p.domain, p, av, bv, out, ta, tb, site, finite === true, kinks);
  if ((!ta && !tb) || !rt.tape) return constant(shape, out);
  const args = p.arity === 2 ? [av, bv] : [av];
  const scalarA = !ta && a.size === 1 ? a.data[0]! : undefined;
  const scalarB = p.arity === 2 && !tb && b.size === 1 ? b.data[0]! : undefined;
  const partials = args.map((_, k) => ((k === 0 ? ta : tb) ? storedPartial(p, k, av, bv, out, scalarA, scalarB) : undefined));
  const inputs = p.arity === 2 ? [a.row, b.row] : [a.row];
  const lanes = p.arity === 2 ? [scalarA ?? av, scalarB ?? bv] : [scalarA ?? av];
  const node = new ElementwiseNode(p, shape, out, inputs, p.arity === 2 ? [mapA, mapB] : [mapA], args, partials, p.arity === 2 ? [0, 1] : [0], lanes);
  const result = record(rt, node, site);
  for (const k of kinks ?? []) rt.reportKink({ row: result.row, element: k.element, scalar: false, message: k.message, values: k.values, site });
  if (p.zeroDerivative && !quiet) rt.warnIfZeroReached(p.name, result.row, site);
  return result;
}

/** `scalarA`/`scalarB`: the value of an untracked one-element operand (its partial is then one number: 100·x). */
function storedPartial(p: ScalarPrimitive, k: number, av: Float64Array, bv: Float64Array, out: Float64Array, scalarA?: number, scalarB?: number): StoredPartial {
  const form = PARTIAL_FORMS[p.opcode]![k]!;
  if (form.kind === 'constant') return form.c;
  if (form.kind === 'argument') {
    if (form.which === 0) return scalarA ?? av;
    if (form.which === 1) return p.arity === 1 ? (scalarA ?? av) : (scalarB ?? bv);
    return out;
  }
  return GENERAL;
}

/**
 * `p`'s value by a SIMD kernel (lanewise.ts) when neither operand is broadcast beyond a single
 * number. Returns whether every result is finite, or undefined when the loops must run instead.
 */
function lanewiseKernel(p: ScalarPrimitive, a: ArrayValue, b: ArrayValue, mapA: BroadcastMap, mapB: BroadcastMap, out: Float64Array): boolean | undefined {
  const x = mapA === null ? a.data : a.size === 1 ? a.data[0]! : undefined;
  const y = mapB === null ? b.data : b.size === 1 ? b.data[0]! : undefined;
  return x === undefined || y === undefined ? undefined : lanewiseApply(p, x, y, out);
}

/**
 * The registry's domain verdicts and the non-finite check, element by element; `knownFinite`: a
 * kernel already found every result finite; `kinks`: where an np.where branch keeps them.
 */
interface Kink {
  readonly element: number;
  readonly message: string;
  readonly values: readonly number[];
}

function checkElements(rt: Runtime, domain: ScalarPrimitive['domain'], p: ScalarPrimitive, av: Float64Array, bv: Float64Array, out: Float64Array, ta: boolean, tb: boolean, site: number, knownFinite: boolean, kinks: Kink[] | undefined): void {
  const n = out.length;
  const from = domain === undefined ? -1 : firstDomainVerdict(p, av, bv, out, ta, tb);
  if (domain !== undefined && from >= 0) {
    for (let i = from; i < n; i++) {
      const verdict = domain(av[i]!, bv[i]!, out[i]!, ta, tb);
      if (verdict === undefined) continue;
      if (verdict.kind === 'error') {
        deferDomainError(rt, verdict.message, verdict.values, site, n > 1 ? i : undefined);
        continue;
      }
      const [message, values] = oneSidedMessage(verdict, n > 1 ? ` (element ${i})` : '');
      // past a thousand, said at once: a kink the where drops may then be said (never one lost)
      if (kinks && kinks.length < 1024) kinks.push({ element: i, message, values });
      else {
        rt.warn('non-differentiable', message, site, values);
        rt.rememberKinkSaid(site);
      }
    }
  }
  if (knownFinite || allFinite(out)) return;
  for (let i = 0; i < n; i++) {
    const o = out[i]!;
    if (o - o !== 0 && Number.isFinite(av[i]!) && Number.isFinite(bv[i]!)) {
      const args = p.arity === 1 ? [av[i]!] : [av[i]!, bv[i]!];
      deferDomainError(rt, `${callTemplate(p.name, args.length)} ${Number.isNaN(o) ? 'is not a number' : 'overflows float64'}`, args, site, n > 1 ? i : undefined);
      return;
    }
    if (o - o !== 0 && (rt.nonFiniteOrigin?.constant ?? true)) {
      const args = p.arity === 1 ? [av[i]!] : [av[i]!, bv[i]!];
      const call = callText(p.name, args, o);
      rt.noteNonFinite(site, n > 1 ? { ...call, text: `${call.text} at element ${i}` } : call);
    }
  }
}

/**
 * Keeps the run's first element without a value for later (Runtime.deferredDomain); inside a `try` it
 * fails at once, unless in an np.where branch, whose where decides (where.ts).
 */
function deferDomainError(rt: Runtime, what: string, values: readonly number[] | undefined, site: number, element: number | undefined): void {
  const message = element === undefined ? what : `${what} at element ${element}`;
  if (rt.guarded > 0 && rt.whereBranches === 0) failNoValue(message, rt.sites[site]!, values, true);
  rt.deferredDomain ??= element === undefined ? { message, values, site } : { message, values, site, element, what };
}

/** A scalar or an array result: scalars keep going through the scalar tape. */
export function applyAny(rt: Runtime, p: ScalarPrimitive, x: Operand, y: Operand | undefined, site: number, quiet = false): Operand {
  if (!(x instanceof ArrayValue) && !(y instanceof ArrayValue)) return rt.apply(p, x as Scalar, (y ?? x) as Scalar, site, quiet);
  return elementwise(rt, p, x, y, site, quiet);
}

export function isTracked(v: Operand): boolean {
  return v instanceof Tracked || (v instanceof ArrayValue && v.row >= 0);
}
