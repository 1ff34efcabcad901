import type { Trace } from '../engine/run';
import { forwardAll, reverseAll } from '../engine/sweeps';
import { ARRAY_OP } from '../engine/tape';
import { MAX_GRID_SIDE, type ArrayCells, type ArrayData } from '../protocol/arrayData';

/**
 * The pictures of the array nodes for the graph model: each array row's shape and its value, tangent
 * and adjoint as grids of cells. The numbers are the tape's: values are the nodes' own buffers,
 * tangents and adjoints the engine's forward and reverse sweeps over the whole tape (array rows keep
 * theirs beside the scalar columns, which `traceRows` does not return). Pure.
 */

/** Cells over all pictures of one model (≈ 20 arrays at 32×32, three pictures each); more arrays get coarser grids. */
export const MODEL_CELL_BUDGET = 60_000;
const MIN_GRID_SIDE = 4;

export interface ArrayNodeData {
  readonly array: ArrayData;
  /** The entry of a one-element array (the node's scalar columns), else null. */
  readonly value: number | null;
  readonly tangent: number | null;
  readonly adjoint: number | null;
}

/**
 * For every array row of the tape: its picture. `seedIds` are the input entries whose tangent is 1
 * (none: no tangent pictures); `outputId` the scalar output's row (none: no adjoint pictures).
 */
export function arrayNodeData(trace: Trace, seedIds: readonly number[] | undefined, outputId: number | undefined): Map<number, ArrayNodeData> {
  const tape = trace.tape;
  const out = new Map<number, ArrayNodeData>();
  const rows: number[] = [];
  for (let id = 0; id < tape.length; id++) if (tape.op[id] === ARRAY_OP) rows.push(id);
  if (rows.length === 0) return out;
  const forward = seedIds ? forwardAll(tape, seedIds) : undefined;
  const reverse = outputId !== undefined ? reverseAll(tape, outputId) : undefined;
  const side = gridSideFor(rows.length);
  for (const row of rows) {
    const node = tape.nodeAt(row);
    const n = node.value.length;
    // A null tangent or adjoint buffer means nothing flowed there: zeros.
    const tangent = forward ? (forward.array(row) ?? new Float64Array(n)) : undefined;
    const adjoint = reverse ? (reverse.peek(row) ?? new Float64Array(n)) : undefined;
    const [rowsOf, colsOf] = foldShape(node.shape);
    const grid = gridFor(rowsOf, colsOf, side);
    const picture = (data: Float64Array): ArrayCells => ({ cells: blockMeans(data, rowsOf, colsOf, grid), ...finiteRange(data) });
    const downsampled = grid.rows < rowsOf || grid.cols < colsOf;
    out.set(row, {
      array: {
        shape: [...node.shape],
        grid: [grid.rows, grid.cols],
        downsampled,
        label: shapeLabel(node.shape, grid, downsampled),
        value: picture(node.value),
        tangent: tangent ? picture(tangent) : null,
        adjoint: adjoint ? picture(adjoint) : null,
      },
      value: n === 1 ? finite(node.value[0]) : null,
      tangent: n === 1 && tangent ? finite(tangent[0]) : null,
      adjoint: n === 1 && adjoint ? finite(adjoint[0]) : null,
    });
  }
  return out;
}

/** The side of the largest grid each picture may have, so that a model with many arrays stays small. */
export function gridSideFor(arrays: number): number {
  const full = 3 * arrays * MAX_GRID_SIDE * MAX_GRID_SIDE;
  if (full <= MODEL_CELL_BUDGET) return MAX_GRID_SIDE;
  return Math.max(MIN_GRID_SIDE, Math.floor(Math.sqrt(MODEL_CELL_BUDGET / (3 * arrays))));
}

/** Rows × columns of an array laid flat: 0-d and 1-D arrays are one row; N-D fold all but the last axis into rows. */
export function foldShape(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  const cols = shape[shape.length - 1]!;
  let rows = 1;
  for (let i = 0; i < shape.length - 1; i++) rows *= shape[i]!;
  return [rows, cols];
}

interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** Entries per block along each axis. */
  readonly blockRows: number;
  readonly blockCols: number;
}

/** Equal blocks along each axis, as few entries per block as keeps each axis within `side` cells. */
export function gridFor(rows: number, cols: number, side: number): Grid {
  const blockRows = Math.max(1, Math.ceil(rows / side));
  const blockCols = Math.max(1, Math.ceil(cols / side));
  return { rows: Math.ceil(rows / blockRows), cols: Math.ceil(cols / blockCols), blockRows, blockCols };
}

/** Each block's mean (4 significant digits: the cells are for colour), null if any entry of it is not finite. */
export function blockMeans(data: Float64Array, rows: number, cols: number, grid: Grid): (number | null)[] {
  const cells: (number | null)[] = [];
  for (let bi = 0; bi < grid.rows; bi++) {
    const r1 = Math.min(rows, (bi + 1) * grid.blockRows);
    for (let bj = 0; bj < grid.cols; bj++) {
      const c1 = Math.min(cols, (bj + 1) * grid.blockCols);
      let sum = 0;
      let count = 0;
      for (let i = bi * grid.blockRows; i < r1; i++) {
        for (let j = bj * grid.blockCols; j < c1; j++) {
          sum += data[i * cols + j]!;
          count++;
        }
      }
      const mean = sum / count;
      cells.push(Number.isFinite(mean) ? Number(mean.toPrecision(4)) : null);
    }
  }
  return cells;
}

function finiteRange(data: Float64Array): { min: number | null; max: number | null } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (!Number.isFinite(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return min <= max ? { min, max } : { min: null, max: null };
}

/** `3 (1-D)`, `2×3`, `256×128 (shown 32×32 mean)`, `2×3×4 (shown as 6×4)`. */
export function shapeLabel(shape: readonly number[], grid: Pick<Grid, 'rows' | 'cols'>, downsampled: boolean): string {
  if (shape.length === 0) return '0-d';
  if (shape.length === 1) return downsampled ? `${shape[0]} (1-D, shown as ${grid.cols} means)` : `${shape[0]} (1-D)`;
  const dims = shape.join('×');
  if (downsampled) return `${dims} (shown ${grid.rows}×${grid.cols} mean)`;
  return shape.length > 2 ? `${dims} (shown as ${grid.rows}×${grid.cols})` : dims;
}

/** A number for the model, or null where it is not finite (JSON has no NaN or ∞). */
export const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
