import { isArrayOf, isBoolean, isInteger, isNumberOrNull, isShape, isString, type Guard } from './guards';

/**
 * What an array node of the graph carries: its numpy shape and a small picture of its value, tangent
 * and adjoint, each a grid of at most `MAX_GRID_SIDE`² cells. An array that does not fit is cut into
 * blocks whose means are the cells, and `label` says so ("256×128 (shown 32×32 mean)"), so a message
 * stays small however large the arrays are. The cells are for colour; `min`/`max` are exact.
 */
export interface ArrayData {
  /** numpy's shape: `[]` for 0-d, `[3]`, `[256, 128]`. */
  readonly shape: readonly number[];
  /** Rows × columns of the cells: 1-D arrays are one row; N-D arrays fold every axis but the last into rows. */
  readonly grid: readonly [number, number];
  /** True when the cells are block means rather than the entries themselves. */
  readonly downsampled: boolean;
  /** The shape as the node shows it: `3`, `2×3`, `256×128 (shown 32×32 mean)`. */
  readonly label: string;
  readonly value: ArrayCells;
  /** Along the model's seed direction (zeros when the array does not depend on it). */
  readonly tangent: ArrayCells | null;
  /** ∂f/∂array for a scalar output; null otherwise. */
  readonly adjoint: ArrayCells | null;
}

export interface ArrayCells {
  /** `grid[0] × grid[1]` numbers, row-major; null where an entry (or any entry of a block) is NaN or infinite. */
  readonly cells: readonly (number | null)[];
  /** Over every finite entry of the whole array (not the cells); null when none is finite. */
  readonly min: number | null;
  readonly max: number | null;
}

/** The most rows and the most columns a grid may have: 32 × 32 = 1,024 cells per picture. */
export const MAX_GRID_SIDE = 32;

const isDim = (x: unknown): x is number => isInteger(x) && (x as number) >= 0;
const isSide = (x: unknown): x is number => isDim(x) && (x as number) <= MAX_GRID_SIDE;
const isGrid = (x: unknown): x is readonly [number, number] => Array.isArray(x) && x.length === 2 && isSide(x[0]) && isSide(x[1]);

const isCells: Guard<ArrayCells> = isShape<ArrayCells>({
  cells: (x: unknown): x is (number | null)[] => Array.isArray(x) && x.length <= MAX_GRID_SIDE * MAX_GRID_SIDE && isArrayOf(isNumberOrNull)(x),
  min: isNumberOrNull,
  max: isNumberOrNull,
});

const isCellsOrNull = (x: unknown): x is ArrayCells | null => x === null || isCells(x);

const isArrayShape = isShape<ArrayData>({
  shape: isArrayOf(isDim),
  grid: isGrid,
  downsampled: isBoolean,
  label: isString,
  value: isCells,
  tangent: isCellsOrNull,
  adjoint: isCellsOrNull,
});

/** The fields, and that every picture has exactly grid[0] × grid[1] cells and min ≤ max. */
export function isArrayData(x: unknown): x is ArrayData {
  if (!isArrayShape(x)) return false;
  const n = x.grid[0] * x.grid[1];
  const fits = (c: ArrayCells | null): boolean => c === null || (c.cells.length === n && (c.min === null || c.max === null || c.min <= c.max));
  return fits(x.value) && fits(x.tangent) && fits(x.adjoint);
}
