/**
 * Iso-lines over a grid by marching squares: for each level, the segments where the bilinear surface
 * crosses it. Cells with a missing corner (null: outside the domain) draw nothing. Pure.
 */
export type Segment = readonly [number, number, number, number];

export function isoSegments(values: readonly (number | null)[], nx: number, ny: number, level: number): Segment[] {
  const out: Segment[] = [];
  const at = (i: number, j: number): number | null => values[j * nx + i] ?? null;
  // Where the level crosses the edge between corners p (value a) and q (value b).
  const cross = (a: number, b: number): number => (a === b ? 0.5 : (level - a) / (b - a));
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const v0 = at(i, j), v1 = at(i + 1, j), v2 = at(i + 1, j + 1), v3 = at(i, j + 1);
      if (v0 === null || v1 === null || v2 === null || v3 === null) continue;
      const pts: [number, number][] = [];
      // Edges: bottom (0→1), right (1→2), top (3→2), left (0→3), in grid coordinates.
      if (v0 < level !== v1 < level) pts.push([i + cross(v0, v1), j]);
      if (v1 < level !== v2 < level) pts.push([i + 1, j + cross(v1, v2)]);
      if (v3 < level !== v2 < level) pts.push([i + cross(v3, v2), j + 1]);
      if (v0 < level !== v3 < level) pts.push([i, j + cross(v0, v3)]);
      if (pts.length === 2) out.push([pts[0]![0], pts[0]![1], pts[1]![0], pts[1]![1]]);
      else if (pts.length === 4) {
        out.push([pts[0]![0], pts[0]![1], pts[1]![0], pts[1]![1]]);
        out.push([pts[2]![0], pts[2]![1], pts[3]![0], pts[3]![1]]);
      }
    }
  }
  return out;
}

/** The q-quantile of the finite values (robust ranges: a pole must not flatten the whole plot). */
export function quantile(values: readonly (number | null)[], q: number): number | undefined {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}
