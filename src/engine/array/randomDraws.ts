import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { MersenneTwister, OwnGenerator } from '../interpreter/randomGenerators';
import { None, RandomGenerator, SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { bind, given, int, operand, type Impl } from './args';
import { filled, random, shapeArg, toArray, warnIfUnreproducible, type Distribution } from './construct';
import { applyAny, isTracked } from './elementwise';
import { ArrayValue, broadcastShapes, formatShape } from './ndarray';
import { getIndex } from './indexing';
import { asArray, type Operand } from './record';

/**
 * numpy's random draws: `np.random.*` and a `RandomState`'s methods (numpy's legacy stream, bit for
 * bit), and a `default_rng` Generator's (GradLens's own stream). Draws are constants: a tracked
 * distribution parameter moves them as loc + scale·z (or low + (high − low)·u) does, as in numpy.
 */

/** numpy's global generator (np.random.rand…): made unseeded on first use in a run, as numpy seeds it from the OS. */
function globalGenerator(rt: Runtime): RandomGenerator {
  return (rt.random ??= new MersenneTwister('numpy', 0, false, rt.drawScope, true));
}

/** A seed GradLens can reproduce: an integer in numpy's [0, 2³²) (None: unseeded, as numpy's entropy). */
function seedOf(rt: Runtime, v: Value | undefined, site: number): number | undefined {
  if (!given(v)) return undefined;
  const seed = int(rt, v, site, 'seed');
  if (seed < 0 || seed > 0xffffffff) fail('domain', `a seed must be between 0 and 2**32 - 1, got ${seed}`, rt.sites[site]!);
  return seed;
}

function numpyGenerator(rt: Runtime, seed: number | undefined): MersenneTwister {
  return new MersenneTwister('numpy', seed ?? 0, seed !== undefined, rt.drawScope);
}

function sizeArgs(rt: Runtime, args: Value[], site: number): number[] | undefined {
  if (args.length === 0) return undefined;
  if (args.length === 1 && args[0] instanceof SequenceValue) return shapeArg(rt, args[0], site);
  return args.map((a) => int(rt, a, site, 'a dimension'));
}

/** The shape of draws with array parameters: size if given, else the parameters' broadcast shape. */
function drawShape(rt: Runtime, size: number[] | undefined, p: Operand, q: Operand, site: number): number[] | undefined {
  if (size) return size;
  const a = asArray(rt, p, site);
  const b = asArray(rt, q, site);
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape) fail('shape', `the distribution's parameters could not be broadcast together (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`, rt.sites[site]!);
  return shape.length === 0 ? undefined : shape;
}

export function randomDraw(rt: Runtime, gen: RandomGenerator, method: string, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const size = (v: Value | undefined): number[] | undefined => (given(v) ? shapeArg(rt, v, site) : undefined);
  let dist: Distribution;
  let shape: number[] | undefined;
  switch (method) {
    case 'random':
    case 'random_sample': {
      const b = bind(rt, method, ['size'], args, kw, site);
      dist = { kind: 'uniform', low: 0, high: 1 };
      shape = size(b.size);
      break;
    }
    case 'standard_normal': {
      const b = bind(rt, method, ['size'], args, kw, site);
      dist = { kind: 'normal', loc: 0, scale: 1 };
      shape = size(b.size);
      break;
    }
    case 'normal': {
      const b = bind(rt, method, ['loc', 'scale', 'size'], args, kw, site);
      const [loc, scale] = [given(b.loc) ? operand(rt, b.loc, site) : 0, given(b.scale) ? operand(rt, b.scale, site) : 1];
      if (isTracked(loc) || isTracked(scale) || loc instanceof ArrayValue || scale instanceof ArrayValue) {
        // loc + scale·z, z standard normal: the same draws, and loc's and scale's derivatives flow
        const z = random(rt, gen, { kind: 'normal', loc: 0, scale: 1 }, drawShape(rt, size(b.size), loc, scale, site), site);
        return applyAny(rt, P.add, loc, applyAny(rt, P.mul, scale, z as Operand, site), site);
      }
      dist = { kind: 'normal', loc: loc as number, scale: scale as number };
      shape = size(b.size);
      break;
    }
    case 'uniform': {
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      const [low, high] = [given(b.low) ? operand(rt, b.low, site) : 0, given(b.high) ? operand(rt, b.high, site) : 1];
      if (isTracked(low) || isTracked(high) || low instanceof ArrayValue || high instanceof ArrayValue) {
        // low + (high − low)·u, u uniform on [0, 1): the same draws, and the bounds' derivatives flow
        const u = random(rt, gen, { kind: 'uniform', low: 0, high: 1 }, drawShape(rt, size(b.size), low, high, site), site);
        return applyAny(rt, P.add, low, applyAny(rt, P.mul, applyAny(rt, P.sub, high, low, site), u as Operand, site), site);
      }
      dist = { kind: 'uniform', low: low as number, high: high as number };
      shape = size(b.size);
      break;
    }
    case 'integers': {
      if (gen.kind === 'numpy') return notAMethod(rt, gen, method, site);
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      dist = integerRange(rt, b.low!, b.high, site);
      shape = size(b.size);
      break;
    }
    case 'rand':
    case 'randn':
      if (gen.kind !== 'numpy') return notAMethod(rt, gen, method, site);
      return random(rt, gen, method === 'rand' ? { kind: 'uniform', low: 0, high: 1 } : { kind: 'normal', loc: 0, scale: 1 }, sizeArgs(rt, args, site), site);
    case 'randint': {
      if (gen.kind !== 'numpy') return notAMethod(rt, gen, method, site);
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      return random(rt, gen, integerRange(rt, b.low!, b.high, site), size(b.size), site);
    }
    case 'choice':
      return choice(rt, gen, args, kw, site);
    case 'permutation':
      return permutation(rt, gen, args, kw, site);
    case 'seed': {
      if (!(gen instanceof MersenneTwister)) return notAMethod(rt, gen, method, site);
      const seed = seedOf(rt, bind(rt, method, ['seed'], args, kw, site).seed, site);
      gen.seed(seed ?? 0, seed !== undefined, rt.drawScope);
      return None;
    }
    default:
      return notAMethod(rt, gen, method, site);
  }
  return random(rt, gen, dist, shape, site);
}

/** The methods each kind of generator has (a RandomState's legacy names, a Generator's new ones). */
const METHODS_OF = {
  numpy: ['rand', 'randn', 'randint', 'random', 'random_sample', 'standard_normal', 'normal', 'uniform', 'choice', 'permutation', 'seed'],
  own: ['random', 'standard_normal', 'normal', 'uniform', 'integers', 'choice', 'permutation'],
  python: [],
} as const;

/** Every method name some generator has: methods.ts binds these, and `randomDraw` says which generator lacks one. */
export const RANDOM_METHODS: ReadonlySet<string> = new Set([...METHODS_OF.numpy, ...METHODS_OF.own]);

function notAMethod(rt: Runtime, gen: RandomGenerator, method: string, site: number): never {
  const what = gen.kind === 'numpy' ? 'a RandomState' : 'a Generator';
  return fail('unsupported', `${what} has no method .${method}() GradLens models (it models: ${METHODS_OF[gen.kind].join(', ')})`, rt.sites[site]!);
}

/** `randint(low, high)` / `integers(low, high)`: [low, high), or [0, low) without high. */
function integerRange(rt: Runtime, lowArg: Value, highArg: Value | undefined, site: number): Distribution {
  const low = int(rt, lowArg, site, 'low');
  const [lo, hi] = given(highArg) ? [low, int(rt, highArg, site, 'high')] : [0, low];
  if (hi <= lo) fail('domain', `low >= high (${lo} >= ${hi}): there is no integer to draw`, rt.sites[site]!);
  if (hi - lo > 0x100000000) fail('unsupported', `GradLens draws integers from ranges of at most 2**32 values, got ${hi - lo}`, rt.sites[site]!);
  return { kind: 'integers', low: lo, high: hi };
}

/**
 * `choice(a, size=None, replace=True, p=None)`: numpy's legacy way, an index by `randint(0, n)`, or
 * with `p` by where a uniform draw falls in p's normalised cumulative sum. Without replacement numpy
 * shuffles a permutation, which GradLens does not reproduce.
 */
function choice(rt: Runtime, gen: RandomGenerator, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const b = bind(rt, 'choice', ['a', 'size', 'replace', 'p'], args, kw, site);
  if (given(b.replace) && b.replace !== true && !(typeof b.replace === 'number' && b.replace !== 0)) fail('unsupported', 'choice(…, replace=False) is not supported: numpy draws it by shuffling, which GradLens does not reproduce', rt.sites[site]!);
  const pool = typeof b.a === 'number' ? undefined : toArray(rt, b.a!, site, 'choice');
  if (pool && pool.shape.length !== 1) fail('shape', `choice's a must be 1-dimensional, got shape ${formatShape(pool.shape)}`, rt.sites[site]!);
  const n = pool ? pool.size : int(rt, b.a!, site, 'a');
  if (n <= 0) fail('domain', 'choice from an empty population', rt.sites[site]!);
  const shape = given(b.size) ? shapeArg(rt, b.size, site) : undefined;
  let pick: () => number;
  if (given(b.p)) {
    const p = toArray(rt, b.p, site, 'p');
    if (p.size !== n) fail('shape', `choice's p has ${p.size} probabilities for ${n} values`, rt.sites[site]!);
    const cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const pi = p.data[i]!;
      if (!(pi >= 0)) fail('domain', 'probabilities are not non-negative', rt.sites[site]!);
      cdf[i] = acc += pi;
    }
    if (Math.abs(acc - 1) > Math.sqrt(Number.EPSILON)) fail('domain', `probabilities do not sum to 1 (they sum to ${acc})`, rt.sites[site]!);
    for (let i = 0; i < n; i++) cdf[i]! /= acc;
    pick = () => {
      const u = gen.next();
      let i = 0;
      while (i < n - 1 && cdf[i]! <= u) i++;
      return i;
    };
  } else pick = () => gen.integer(0, n);
  warnIfUnreproducible(rt, gen, site);
  if (shape === undefined) return pool ? getIndex(rt, pool, pick(), site) : pick();
  const picked = filled(rt, shape, 0, site, 'int');
  for (let i = 0; i < picked.data.length; i++) picked.data[i] = pick();
  // The values chosen from a, gathered: a's derivatives flow to the entries drawn (each as often as drawn).
  return pool ? getIndex(rt, pool, picked, site) : picked;
}

/**
 * `permutation(x)`: numpy's legacy shuffle of `arange(n)` — Fisher–Yates from the end, the index of
 * each swap drawn as randint's masked draw (numpy's random_interval) — bit for bit; for an array, its
 * rows gathered in that order, so its derivatives flow to the places its entries land.
 */
function permutation(rt: Runtime, gen: RandomGenerator, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const x = bind(rt, 'permutation', ['x'], args, kw, site).x!;
  const rows = typeof x === 'number' ? undefined : toArray(rt, x, site, 'permutation');
  if (rows && rows.shape.length === 0) fail('index', 'x must be an integer or at least 1-dimensional', rt.sites[site]!);
  const n = rows ? rows.shape[0]! : Math.max(0, int(rt, x, site, 'x'));
  const order = filled(rt, [n], 0, site, 'int');
  for (let i = 0; i < n; i++) order.data[i] = i;
  warnIfUnreproducible(rt, gen, site);
  for (let i = n - 1; i >= 1; i--) {
    const j = gen.integer(0, i + 1);
    const held = order.data[i]!;
    order.data[i] = order.data[j]!;
    order.data[j] = held;
  }
  return rows ? getIndex(rt, rows, order, site) : order;
}

/** Python's `random` module's generator: made unseeded on first use in a run, as CPython seeds it from the OS. */
function pythonGenerator(rt: Runtime): RandomGenerator {
  return (rt.pythonRandom ??= new MersenneTwister('python', 0, false, rt.drawScope, true));
}

/** One of Python's `random.*` draws: a number, said where drawn when it is not the program's own. */
function pythonDraw(rt: Runtime, site: number, draw: (gen: RandomGenerator) => Value, normals = false): Value {
  const gen = pythonGenerator(rt);
  warnIfUnreproducible(rt, gen, site, normals);
  return draw(gen);
}

/** Python's `random` module, CPython's very algorithms on its Mersenne Twister. */
const PYTHON_RANDOM = {
  py_random: (rt, args, kw, site) => {
    bind(rt, 'random', [], args, kw, site);
    return pythonDraw(rt, site, (g) => g.next());
  },
  py_uniform: (rt, args, kw, site) => {
    const b = bind(rt, 'uniform', ['a', 'b'], args, kw, site);
    const [a, z] = [operand(rt, b.a!, site), operand(rt, b.b!, site)];
    // a + (b − a)·random(), as CPython computes it: the bounds' derivatives flow, the draw is a constant.
    return pythonDraw(rt, site, (g) => applyAny(rt, P.add, a, applyAny(rt, P.mul, applyAny(rt, P.sub, z, a, site), g.next(), site), site));
  },
  py_gauss: (rt, args, kw, site) => {
    const b = bind(rt, 'gauss', ['mu', 'sigma'], args, kw, site);
    const [mu, sigma] = [given(b.mu) ? operand(rt, b.mu, site) : 0, given(b.sigma) ? operand(rt, b.sigma, site) : 1];
    return pythonDraw(rt, site, (g) => applyAny(rt, P.add, mu, applyAny(rt, P.mul, g.normal(), sigma, site), site), true);
  },
  py_randint: (rt, args, kw, site) => {
    const b = bind(rt, 'randint', ['a', 'b'], args, kw, site);
    const [lo, hi] = [int(rt, b.a!, site, 'a'), int(rt, b.b!, site, 'b')];
    if (hi < lo) fail('domain', `empty range for randint(${lo}, ${hi})`, rt.sites[site]!);
    if (hi - lo >= 0xffffffff) fail('unsupported', `GradLens draws integers from ranges of fewer than 2**32 values, got ${hi - lo + 1}`, rt.sites[site]!);
    return pythonDraw(rt, site, (g) => g.integer(lo, hi + 1));
  },
  py_choice: (rt, args, kw, site) => {
    const seq = bind(rt, 'choice', ['seq'], args, kw, site).seq!;
    const items = seq instanceof SequenceValue ? seq.items : undefined;
    if (!items) fail('type', `random.choice needs a list or tuple, got ${typeName(seq)}`, rt.sites[site]!);
    if (items.length === 0) fail('index', 'Cannot choose from an empty sequence', rt.sites[site]!);
    return pythonDraw(rt, site, (g) => items[g.integer(0, items.length)]!);
  },
  py_seed: (rt, args, kw, site) => {
    const b = bind(rt, 'seed', ['a'], args, kw, site);
    const seed = given(b.a) ? int(rt, b.a, site, 'seed') : undefined;
    if (seed !== undefined && Math.abs(seed) > Number.MAX_SAFE_INTEGER) fail('unsupported', 'GradLens takes seeds up to 2**53', rt.sites[site]!);
    (rt.pythonRandom = new MersenneTwister('python', 0, false, rt.drawScope, true)).seed(seed ?? 0, seed !== undefined, rt.drawScope);
    return None;
  },
} satisfies Record<string, Impl>;

export const RANDOM_IMPLEMENTATIONS = {
  ...PYTHON_RANDOM,
  random_rand: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'rand', args, kw, site),
  random_randn: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'randn', args, kw, site),
  random_sample: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'random_sample', args, kw, site),
  random_standard_normal: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'standard_normal', args, kw, site),
  random_uniform: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'uniform', args, kw, site),
  random_normal: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'normal', args, kw, site),
  random_randint: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'randint', args, kw, site),
  random_choice: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'choice', args, kw, site),
  random_permutation: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'permutation', args, kw, site),
  random_seed: (rt, args, kw, site) => {
    // np.random.seed(s) reseeds the global RandomState; from here this evaluation's draws are numpy's own.
    const seed = seedOf(rt, bind(rt, 'seed', ['seed'], args, kw, site).seed, site);
    rt.random = numpyGenerator(rt, seed);
    return None;
  },
  random_state: (rt, args, kw, site) => numpyGenerator(rt, seedOf(rt, bind(rt, 'RandomState', ['seed'], args, kw, site).seed, site)),
  default_rng: (rt, args, kw, site) => {
    const b = bind(rt, 'default_rng', ['seed'], args, kw, site);
    return new OwnGenerator(given(b.seed) ? int(rt, b.seed, site, 'seed') : 0, rt.drawScope);
  },
} satisfies Record<string, Impl>;
