/**
 * The random generators a program can draw from. numpy's legacy `RandomState` (and its global
 * `np.random.*`) and Python's `random` module are Mersenne Twisters (MT19937) with the very
 * transforms numpy and CPython apply, so a seeded stream gives their numbers bit for bit (checked
 * against numpy and CPython in test/unit/engine/randomStreams.test.ts). `default_rng` (PCG64 and a
 * ziggurat) and `Math.random` are GradLens's own generator, and say so where drawn.
 */
import { roundedCos, roundedLog, roundedSin } from './roundedLibm';

/** Every 32-bit word any generator has produced: moduleInit.ts tells a constant that drew from one that did not. */
let wordsDrawn = 0;

export function totalDraws(): number {
  return wordsDrawn;
}

/** Whose numbers a generator's stream reproduces. */
export type StreamKind = 'own' | 'numpy' | 'python';

export abstract class RandomGenerator {
  abstract readonly kind: StreamKind;
  readonly global: boolean = false;
  /**
   * The evaluation (one run, or one module constant's) that made or last seeded this generator. A
   * seeded stream is the program's own only when drawn in that evaluation: elsewhere, how many draws
   * the program made before depends on an order of execution GradLens does not follow.
   */
  constructor(public seeded: boolean, public scope: object) {}
  /** Why its draws outside `scope` may not be the program's, when more is known than the default reason (a function's default generator). */
  note: string | undefined = undefined;
  /** Uniform on [0, 1) with 53 random bits (numpy's `random_sample`, CPython's `random()`). */
  next(): number {
    const a = this.word() >>> 5;
    const b = this.word() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
  abstract normal(): number;
  /**
   * The same generator in the same state, drawing on its own from here: each run gets one of the
   * module's generators as its initialisation left them (moduleInit.ts), and draws without moving the next run's.
   */
  abstract clone(): RandomGenerator;
  /** An integer in [low, high), high − low ≤ 2³². */
  abstract integer(low: number, high: number): number;
  protected abstract next32(): number;
  protected word(): number {
    wordsDrawn++;
    return this.next32();
  }
}

/** GradLens's own generator (mulberry32): `default_rng(seed)` and `Math.random()`; its numbers are nobody else's. */
export class OwnGenerator extends RandomGenerator {
  readonly kind = 'own';
  constructor(public state: number, scope: object = {}) {
    super(true, scope);
  }

  /** Standard normal (Box–Muller; each call draws two uniforms). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  integer(low: number, high: number): number {
    return low + Math.floor((high - low) * this.next());
  }

  clone(): OwnGenerator {
    const copy = new OwnGenerator(this.state, this.scope);
    copy.seeded = this.seeded;
    return copy;
  }

  protected next32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

const N = 624;
const M = 397;

/** MT19937 as Matsumoto and Nishimura published it: the bit generator of numpy's RandomState and CPython's random. */
export class MersenneTwister extends RandomGenerator {
  private readonly mt = new Uint32Array(N);
  private index = N;
  /** The second normal of numpy's polar pair, or CPython's `gauss_next`. */
  private spare: number | undefined;

  constructor(
    readonly kind: 'numpy' | 'python',
    seed: number,
    seeded: boolean,
    scope: object,
    /** numpy's `np.random.*` or Python's `random.*` module generator, rather than one the program made. */
    override readonly global = false,
  ) {
    super(seeded, scope);
    this.seed(seed, seeded, scope);
  }

  /**
   * numpy's `RandomState(seed)`/`seed(seed)` with an integer takes it as the generator's one word
   * (init_genrand); CPython's `random.seed(n)` takes |n|'s 32-bit words (init_by_array).
   */
  seed(seed: number, seeded = true, scope: object = this.scope): void {
    this.seeded = seeded;
    this.scope = scope;
    this.spare = undefined;
    if (this.kind === 'numpy') this.initGenrand(seed >>> 0);
    else this.initByArray(wordsOf(Math.abs(seed)));
  }

  clone(): MersenneTwister {
    const copy = new MersenneTwister(this.kind, 0, this.seeded, this.scope, this.global);
    copy.mt.set(this.mt);
    copy.index = this.index;
    copy.spare = this.spare;
    return copy;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const p = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, p) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const p = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(p, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const p = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(p, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  protected next32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy's legacy gauss (Marsaglia's polar method, the pair's second kept) or CPython's `gauss` (Box–Muller, `gauss_next` kept). */
  normal(): number {
    const kept = this.spare;
    if (kept !== undefined) {
      this.spare = undefined;
      return kept;
    }
    if (this.kind === 'python') {
      const x2pi = this.next() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2 * roundedLog(1 - this.next()));
      this.spare = roundedSin(x2pi) * g2rad;
      return roundedCos(x2pi) * g2rad;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.next() - 1;
      x2 = 2 * this.next() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * roundedLog(r2)) / r2);
    this.spare = f * x1;
    return f * x2;
  }

  /**
   * numpy's legacy `randint` (a word masked to the range's bit length, redrawn while past it) or
   * CPython's `_randbelow` (the range's bit length taken from the top of a word, redrawn likewise).
   */
  integer(low: number, high: number): number {
    const n = high - low;
    if (this.kind === 'numpy') {
      const rng = n - 1;
      if (rng === 0) return low;
      if (rng === 0xffffffff) return low + this.word();
      let mask = rng;
      for (const s of [1, 2, 4, 8, 16]) mask |= mask >>> s;
      mask >>>= 0;
      let v: number;
      do v = (this.word() & mask) >>> 0;
      while (v > rng);
      return low + v;
    }
    const k = 32 - Math.clz32(n);
    let r: number;
    do r = this.word() >>> (32 - k);
    while (r >= n);
    return low + r;
  }
}

const STREAM_NAMES = { numpy: "numpy's", python: "Python's" } as const;

/**
 * Why a draw's numbers may not be the program's own, or undefined when they are: GradLens's own
 * stream, an unseeded one (the program draws other numbers every run), or a seeded one drawn outside
 * the evaluation that seeded it (its numbers depend on the draws made before).
 */
export function unreproducible(gen: RandomGenerator, scope: object): string | undefined {
  if (gen.kind === 'own') return "random values from GradLens's own seeded generator: they differ from numpy's stream for the same seed, and so does every number computed from them";
  const whose = STREAM_NAMES[gen.kind];
  if (!gen.seeded) {
    // A module's global generator may have been seeded by a statement GradLens does not run (a
    // top-level `np.random.seed(0)`): its draws then follow the program's order, which GradLens does not.
    const which = gen.global ? `${whose} global generator, seeded by nothing GradLens follows (a module-level seed call is not),` : `${whose} unseeded generator`;
    return `unseeded random values: ${which} draws other numbers on every run; GradLens shows the draws of seed 0, and every number computed from them is one of many`;
  }
  if (gen.scope !== scope && gen.note) return gen.note;
  if (gen.scope !== scope) return `random values from a generator seeded outside this evaluation (at module level or in a default argument): ${whose} numbers here depend on how many draws the program made before, which GradLens does not follow`;
  return undefined;
}

/**
 * Why a normal draw of a reproduced stream may still differ in its last bit, or undefined when it
 * cannot: the transforms take glibc's log (and CPython's Box–Muller its sin and cos), which round a
 * few results in a thousand otherwise than correctly, where GradLens's (roundedLibm.ts) are correctly
 * rounded. Measured: 4 of 1,000 polar-method logs.
 */
export function inexactNormals(gen: RandomGenerator): string | undefined {
  if (gen.kind === 'own') return undefined;
  return `normal draws: ${STREAM_NAMES[gen.kind]} numbers, except that a few draws in a thousand may differ in their last bit (the C library's log${gen.kind === 'python' ? ', sin and cos' : ''} round${gen.kind === 'python' ? '' : 's'} some results otherwise than correctly; GradLens's are correctly rounded)`;
}

/** |n|'s 32-bit words, least significant first (CPython's seed key); [0] for 0. */
function wordsOf(n: number): number[] {
  const words: number[] = [];
  let rest = Math.floor(n);
  do {
    words.push(rest % 4294967296);
    rest = Math.floor(rest / 4294967296);
  } while (rest > 0);
  return words;
}
