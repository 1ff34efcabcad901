/**
 * One array operation on the tape. The tape stays a single ordered list: an array operation takes one
 * row (op code `ARRAY_OP`, whose `in0` is the node's index in `tape.arrays`), so scalar and array
 * work interleave in program order and one sweep walks both. A node holds whole-array values and
 * whatever its rules need (partials as arrays, index maps), so a 2,000-element operation is one row,
 * not 2,000.
 *
 * Rules are written once per node kind, in the three shapes the sweeps need:
 * - `jvp`: the output tangent from the inputs' tangents (forward mode);
 * - `vjp`: adds ∂out/∂input ᵀ · ḡ into each input's adjoint (reverse mode);
 * - `curvature`: forward over reverse, the part of the vjp's tangent that comes from the partials
 *   moving (the rest is `vjp` applied to the adjoint's tangent). Linear nodes (sum, reshape,
 *   indexing…) have none; elementwise nodes get theirs from the scalar registry over dual numbers.
 */
export interface ArrayNode {
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Float64Array;
  /** The number of elements, for a node whose `value` is rebuilt when read (array/writeChain.ts). */
  readonly size?: number;
  /** Tape rows this node reads (array rows, or scalar rows for `pack` and element writes). */
  readonly inputs: readonly number[];
  /**
   * A run of consecutive scalar rows it reads besides `inputs`: an array parameter's input entries
   * (listed as a run, not one by one: a parameter may have millions). Read by `reachedRows`.
   */
  readonly inputRun?: { readonly first: number; readonly length: number };
  /** Its own tape row, set when recorded. */
  row: number;
  /**
   * For an input that is a constant (row -1): the number it is for every element (the 2 of
   * `x ** 2`), so trace tables and the graph can write it; null for a constant that varies.
   */
  constantOperand?(k: number): number | null;
  jvp(t: Tangents): Float64Array | null;
  vjp(g: Float64Array, adj: Adjoints): void;
  curvature?(g: Float64Array, t: Tangents, adj: Adjoints): void;
}

/** Tangents during a forward sweep: of an array row (null when zero), and the scalar rows' column. */
export interface Tangents {
  array(row: number): Float64Array | null;
  readonly scalar: Float64Array;
}

/** Where a vjp adds: an array row's adjoint buffer (made on first use), and the scalar rows' column. */
export interface Adjoints {
  array(row: number): Float64Array;
  readonly scalar: Float64Array;
  /**
   * Hands `g`, the adjoint the vjp was given, over to `row` as that row's adjoint, when the row has
   * none yet and the sweep allows it; the vjp then writes the row's adjoint into `g` in place
   * (ȳ·∂ instead of a fresh zeroed buffer plus an add) and must have finished every other use of `g`.
   * Only a gradient's sweep allows it: nothing reads a row's adjoint after its vjp there, while
   * the hover and graph sweeps keep every row's adjoint.
   */
  adopt(row: number, g: Float64Array): boolean;
}

/** Sums that the sweeps treat as "nothing flows": all tangents zero. */
export function allNull(ts: readonly (Float64Array | null)[]): boolean {
  for (const t of ts) if (t !== null) return false;
  return true;
}
