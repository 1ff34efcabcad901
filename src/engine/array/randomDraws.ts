import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { None, RandomGenerator, SequenceValue, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { bind, given, int, operand, type Impl } from './args';
import { random, shapeArg, type Distribution } from './construct';
import { applyAny, isTracked } from './elementwise';
import { ArrayValue, broadcastShapes, formatShape } from './ndarray';
import { asArray, type Operand } from './record';

/**
 * numpy's random draws (np.random.* and a Generator's methods), from GradLens's own seeded generator:
 * a tracked distribution parameter moves the draws as loc + scale·z (or low + (high − low)·u) does.
 */

/** GradLens's global generator (np.random.rand…): seeded with 0 at the start of every run. */
function globalGenerator(rt: Runtime): RandomGenerator {
  return (rt.random ??= new RandomGenerator(0));
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
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      const low = int(rt, b.low!, site, 'low');
      dist = given(b.high) ? { kind: 'integers', low, high: int(rt, b.high, site, 'high') } : { kind: 'integers', low: 0, high: low };
      shape = size(b.size);
      break;
    }
    default:
      return fail('unsupported', `the random generator method .${method}() is not supported (supported: random, standard_normal, normal, uniform, integers)`, rt.sites[site]!);
  }
  return random(rt, gen, dist, shape, site);
}

export const RANDOM_IMPLEMENTATIONS = {
  random_rand: (rt, args, _kw, site) => random(rt, globalGenerator(rt), { kind: 'uniform', low: 0, high: 1 }, sizeArgs(rt, args, site), site),
  random_randn: (rt, args, _kw, site) => random(rt, globalGenerator(rt), { kind: 'normal', loc: 0, scale: 1 }, sizeArgs(rt, args, site), site),
  random_uniform: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'uniform', args, kw, site),
  random_normal: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'normal', args, kw, site),
  random_seed: (rt, args, kw, site) => {
    rt.random = new RandomGenerator(int(rt, bind(rt, 'seed', ['seed'], args, kw, site).seed!, site, 'seed'));
    return None;
  },
  default_rng: (rt, args, kw, site) => {
    const b = bind(rt, 'default_rng', ['seed'], args, kw, site);
    return new RandomGenerator(given(b.seed) ? int(rt, b.seed, site, 'seed') : 0);
  },
} satisfies Record<string, Impl>;
