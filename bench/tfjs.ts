/**
 * TensorFlow.js on its pure-JavaScript CPU backend (float32 only: the backend has no float64).
 * Inputs are created once, outside the timed region; each timed call computes the value and the
 * gradients with `tf.valueAndGrads`, reads them back (`dataSync`) and disposes every tensor it made.
 * The primal is the same function called without a gradient, inside `tf.tidy`.
 */
import type { BenchCase, ValueAndGradient } from './cases';

type TF = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;

export interface PeerVariant {
  readonly label: string;
  /** A note shown under the table (how the variant is written). */
  readonly note?: string;
  primal(): number;
  valueAndGradientRun(): number;
  valueAndGradient(): ValueAndGradient;
}

export interface TfjsPeer {
  readonly version: string;
  readonly backend: string;
  variants(c: BenchCase): PeerVariant[];
  /** Tensors alive (to check that the timed code leaks none). */
  numTensors(): number;
}

/** Loads @tensorflow/tfjs if installed, on its CPU backend; null (with the reason) otherwise. */
export async function loadTfjs(): Promise<TfjsPeer | { unavailable: string }> {
  let tf: TF;
  const { log, warn, info } = console;
  try {
    // tfjs greets Node users with an advertisement for tfjs-node on first use: keep it off the table.
    console.log = console.warn = console.info = () => undefined;
    tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    tf.tidy(() => tf.scalar(1).add(1));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { unavailable: /Cannot find (module|package)/.test(message) ? 'not installed' : `failed to load: ${message.split('\n')[0]}` };
  } finally {
    Object.assign(console, { log, warn, info });
  }
  return {
    version: tf.version.tfjs,
    backend: tf.getBackend(),
    numTensors: () => tf.memory().numTensors,
    variants: (c) => (c.id === 'seed001' ? seed001Variants(tf, c) : rosenVariants(tf, c)),
  };
}

/** Reads value and gradients back, disposes them, returns what the check needs. */
function readBack(tf: TF, vg: { value: Tensor; grads: Tensor[] }): ValueAndGradient {
  const value = vg.value.dataSync()[0]!;
  const gradient: number[] = [];
  for (const g of vg.grads) for (const x of g.dataSync()) gradient.push(x);
  tf.dispose([vg.value, ...vg.grads]);
  return { value, gradient };
}

/** The timed path: read back the value and every gradient (as the other implementations return them), dispose. */
function readBackRun(tf: TF, vg: { value: Tensor; grads: Tensor[] }): number {
  let s = vg.value.dataSync()[0]!;
  for (const g of vg.grads) s += g.dataSync()[0]!;
  tf.dispose([vg.value, ...vg.grads]);
  return s;
}

function seed001Variants(tf: TF, c: BenchCase): PeerVariant[] {
  const a = tf.scalar(c.point.v_1 as number);
  const b = tf.scalar(c.point.v0 as number);
  const f = (x: Tensor, y: Tensor): Tensor => {
    const v1 = tf.div(x, y);
    const v2 = tf.sin(v1);
    const v3 = tf.exp(y);
    const v4 = tf.sub(v1, v3);
    const v5 = tf.add(v2, v4);
    return tf.mul(v5, v4);
  };
  const vg = tf.valueAndGrads((...xs: Tensor[]) => f(xs[0]!, xs[1]!));
  return [
    {
      label: 'scalar tensors',
      primal: () => {
        const y = tf.tidy(() => f(a, b));
        const v = y.dataSync()[0]!;
        y.dispose();
        return v;
      },
      valueAndGradientRun: () => readBackRun(tf, vg([a, b])),
      valueAndGradient: () => readBack(tf, vg([a, b])),
    },
  ];
}

function rosenVariants(tf: TF, c: BenchCase): PeerVariant[] {
  const values = c.point.x as number[];
  const n = values.length;
  const x = tf.tensor1d(values);
  const scalars = values.map((v) => tf.scalar(v));

  // The Python loop, element by element: x[i] is a one-element slice of the 1-D tensor, as often as the source reads it.
  const loopSlice = (t: Tensor): Tensor => {
    let s: Tensor = tf.scalar(0);
    for (let i = 0; i < n - 1; i++) {
      const xi1 = tf.slice(t, [i + 1], [1]);
      const xi = tf.slice(t, [i], [1]);
      const xi2 = tf.slice(t, [i], [1]);
      s = tf.add(s, tf.add(tf.mul(100, tf.pow(tf.sub(xi1, tf.pow(xi, 2)), 2)), tf.pow(tf.sub(1, xi2), 2)));
    }
    return tf.reshape(s, []);
  };
  // The same loop over a list of scalar tensors (what GradLens's list parameter is: one tracked scalar per element).
  const loopList = (xs: Tensor[]): Tensor => {
    let s: Tensor = tf.scalar(0);
    for (let i = 0; i < n - 1; i++) {
      s = tf.add(s, tf.add(tf.mul(100, tf.pow(tf.sub(xs[i + 1]!, tf.pow(xs[i]!, 2)), 2)), tf.pow(tf.sub(1, xs[i]!), 2)));
    }
    return s;
  };
  const vectorized = (t: Tensor): Tensor => {
    const head = tf.slice(t, [0], [n - 1]);
    const tail = tf.slice(t, [1], [n - 1]);
    return tf.sum(tf.add(tf.mul(100, tf.pow(tf.sub(tail, tf.pow(head, 2)), 2)), tf.pow(tf.sub(1, head), 2)));
  };

  const primalOf = (make: () => Tensor) => (): number => {
    const y = tf.tidy(make);
    const v = y.dataSync()[0]!;
    y.dispose();
    return v;
  };
  const vgSlice = tf.valueAndGrads((t: Tensor) => loopSlice(t));
  const vgList = tf.valueAndGrads((...xs: Tensor[]) => loopList(xs));
  const vgVec = tf.valueAndGrads((t: Tensor) => vectorized(t));
  return [
    {
      label: 'loop, x[i] = slice',
      note: 'loop, x[i] = slice: the Python loop in JS, each x[i] a tf.slice of the 1-D tensor x',
      primal: primalOf(() => loopSlice(x)),
      valueAndGradientRun: () => readBackRun(tf, vgSlice([x])),
      valueAndGradient: () => readBack(tf, vgSlice([x])),
    },
    {
      label: 'loop, list of scalars',
      note: 'loop, list of scalars: the same loop over 2,000 scalar tensors (gradient = 2,000 scalar tensors)',
      primal: primalOf(() => loopList(scalars)),
      valueAndGradientRun: () => readBackRun(tf, vgList(scalars)),
      valueAndGradient: () => readBack(tf, vgList(scalars)),
    },
    {
      label: 'VECTORIZED',
      note: 'VECTORIZED: not the loop: sum(100·(x[1:] − x[:-1]²)² + (1 − x[:-1])²) as whole-tensor ops',
      primal: primalOf(() => vectorized(x)),
      valueAndGradientRun: () => readBackRun(tf, vgVec([x])),
      valueAndGradient: () => readBack(tf, vgVec([x])),
    },
  ];
}
