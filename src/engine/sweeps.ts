import type { Tape } from './tape';

/**
 * The two sweeps over a recorded tape. Both read the partials stored with each entry, which the
 * primitives' rules computed at record time, so forward and reverse mode are two orders of
 * accumulating one linearisation (and agree to rounding).
 */

/** Tangents ẋ of every entry for the seed direction (1 on `seeds`, 0 elsewhere). */
export function forwardSweep(tape: Tape, seeds: readonly number[]): Float64Array {
  const n = tape.length;
  const dot = new Float64Array(n);
  for (const id of seeds) dot[id] = 1;
  const { in0, in1, partial0, partial1 } = tape;
  for (let i = 0; i < n; i++) {
    const a = in0[i]!;
    if (a < 0 && in1[i]! < 0) continue; // an input: keeps its seed
    let t = 0;
    if (a >= 0) t += partial0[i]! * dot[a]!;
    const b = in1[i]!;
    if (b >= 0) t += partial1[i]! * dot[b]!;
    dot[i] = t;
  }
  return dot;
}

/**
 * Adjoints x̄ = ∂output/∂x of every entry, in one backward pass: x̄ᵢ += ∂ᵢ·ȳ for each entry's inputs.
 */
export function reverseSweep(tape: Tape, outputId: number): Float64Array {
  const adj = new Float64Array(tape.length);
  adj[outputId] = 1;
  const { in0, in1, partial0, partial1 } = tape;
  for (let i = outputId; i >= 0; i--) {
    const g = adj[i]!;
    if (g === 0) continue;
    const a = in0[i]!;
    if (a >= 0) adj[a] = adj[a]! + partial0[i]! * g;
    const b = in1[i]!;
    if (b >= 0) adj[b] = adj[b]! + partial1[i]! * g;
  }
  return adj;
}
