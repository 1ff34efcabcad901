import { fail } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { IrCall } from '../../ir/nodes';
import type { KeywordValue } from './calls';
import type { Runtime } from './runtime';
import { scalarKind, type ScalarKind } from './scalarKinds';
import type { Value } from './values';

/**
 * Arguments CPython and numpy take only as integers. The interpreter's numbers are float64s, so
 * `5.0` and `5` are one value there; only the source tells them apart (scalarKinds.ts).
 * - `range(n / 2)` raises TypeError in every Python 3: GradLens raises it too (`raises`).
 * - numpy's counts (`np.linspace(0, 1, num=n / 2)`, `np.zeros(3.0)`) raise TypeError since numpy
 *   1.18; older numpy took int(…) with a DeprecationWarning, and published code written then
 *   (autograd's examples) still does this. GradLens computes what older numpy did, with a ⚠ that
 *   says numpy today raises: a number, never a silent one.
 * Positions count the arguments as written; `all` is every positional one.
 */
const INTEGER_ARGUMENTS: Partial<Record<IntrinsicName, { readonly positions: readonly number[] | 'all'; readonly keywords: readonly string[]; readonly what: string; readonly raises?: true }>> = {
  range: { positions: 'all', keywords: [], what: 'range', raises: true },
  linspace: { positions: [2], keywords: ['num'], what: 'np.linspace' },
  zeros: { positions: [0], keywords: ['shape'], what: 'np.zeros' },
  ones: { positions: [0], keywords: ['shape'], what: 'np.ones' },
  empty: { positions: [0], keywords: ['shape'], what: 'np.empty' },
  full: { positions: [0], keywords: ['shape'], what: 'np.full' },
  eye: { positions: [0, 1], keywords: ['N', 'M'], what: 'np.eye' },
  identity: { positions: [0], keywords: ['n'], what: 'np.identity' },
  random_rand: { positions: 'all', keywords: [], what: 'np.random.rand' },
  random_randn: { positions: 'all', keywords: [], what: 'np.random.randn' },
  tile: { positions: [1], keywords: ['reps'], what: 'np.tile' },
};

/** Floats the source passes where integers are needed: the first one's place, what to say, whether Python raises, and which arguments. */
export interface FloatCount {
  readonly range: SourceRange;
  readonly message: string;
  readonly raises: boolean;
  readonly positions: readonly number[];
  readonly keywords: readonly string[];
}

/** The argument of a call the source says is a float where an integer is needed, if any. */
export function floatWhereIntegerNeeded(name: IntrinsicName, call: IrCall, kinds: ReadonlyMap<string, ScalarKind>): FloatCount | undefined {
  const rule = INTEGER_ARGUMENTS[name];
  if (!rule) return undefined;
  const positions: number[] = [];
  const keywords: string[] = [];
  let first: { range: SourceRange; which: string } | undefined;
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i]!;
    // After a `*args` the positions are not known.
    if (arg.kind === 'spread') break;
    if ((rule.positions === 'all' || rule.positions.includes(i)) && scalarKind(arg, kinds) === 'float') {
      positions.push(i);
      first ??= { range: arg.range, which: `argument ${i + 1}` };
    }
  }
  for (const k of call.keywords) {
    if (rule.keywords.includes(k.name) && scalarKind(k.value, kinds) === 'float') {
      keywords.push(k.name);
      first ??= { range: k.value.range, which: `${k.name}=` };
    }
  }
  if (!first) return undefined;
  return {
    range: first.range,
    raises: rule.raises === true,
    positions,
    keywords,
    message: rule.raises
      ? `TypeError: 'float' object cannot be interpreted as an integer (${rule.what}'s ${first.which} is a float here, and Python raises; \`//\` or int(…) makes an integer)`
      : `${rule.what}'s ${first.which} is a float here: numpy 1.18 and later raise TypeError, older numpy took int(…) of it, as GradLens does (\`//\` or int(…) makes an integer)`,
  };
}

/**
 * What the call does with such arguments, once they are evaluated (as Python evaluates them before
 * the call): Python's TypeError, or older numpy's int(…) of each, with a ⚠ at `site`.
 */
export function withFloatCounts(rt: Runtime, found: FloatCount, site: number, args: readonly Value[], keywords: readonly KeywordValue[]): { args: Value[]; keywords: KeywordValue[] } {
  if (found.raises) return fail('type', found.message, found.range);
  rt.warn('float-count', found.message, site);
  const truncated = (v: Value): Value => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : v);
  return {
    args: args.map((a, i) => (found.positions.includes(i) ? truncated(a) : a)),
    keywords: keywords.map((k) => (found.keywords.includes(k.name) ? { name: k.name, value: truncated(k.value) } : k)),
  };
}
