import type { SourceRange } from '../../core/sourceRange';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { IrCall } from '../../ir/nodes';
import { scalarKind, type ScalarKind } from './scalarKinds';

/**
 * Arguments CPython and numpy take only as integers: `range(n / 2)`, `np.linspace(0, 1, num=n / 2)`,
 * `np.zeros(3.0)` raise TypeError (numpy 1.24, CPython 3.11). The interpreter's numbers are float64s,
 * so `5.0` and `5` are one value there; only the source tells them apart (scalarKinds.ts), and where
 * it says float the program stops, so GradLens must not give a number. Positions count the
 * arguments as written; `all` is every positional one.
 */
const INTEGER_ARGUMENTS: Partial<Record<IntrinsicName, { readonly positions: readonly number[] | 'all'; readonly keywords: readonly string[]; readonly what: string }>> = {
  range: { positions: 'all', keywords: [], what: 'range' },
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

/** The argument of a call the source says is a float where an integer is needed, if any. */
export function floatWhereIntegerNeeded(name: IntrinsicName, call: IrCall, kinds: ReadonlyMap<string, ScalarKind>): { readonly range: SourceRange; readonly message: string } | undefined {
  const rule = INTEGER_ARGUMENTS[name];
  if (!rule) return undefined;
  const message = (which: string): string => `TypeError: 'float' object cannot be interpreted as an integer (${rule.what}'s ${which} is a float here, and Python raises; \`//\` or int(…) makes an integer)`;
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i]!;
    // After a `*args` the positions are not known.
    if (arg.kind === 'spread') break;
    if ((rule.positions === 'all' || rule.positions.includes(i)) && scalarKind(arg, kinds) === 'float') return { range: arg.range, message: message(`argument ${i + 1}`) };
  }
  for (const k of call.keywords) {
    if (rule.keywords.includes(k.name) && scalarKind(k.value, kinds) === 'float') return { range: k.value.range, message: message(`${k.name}=`) };
  }
  return undefined;
}
