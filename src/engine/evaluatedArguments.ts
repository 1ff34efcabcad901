import { budgetWith, type Budget } from '../core/budget';
import { GradLensError } from '../core/diagnostic';
import { keyedRecord } from '../core/keyed';
import type { PointTree } from '../core/pointTree';
import { ArrayValue, nestedList } from './array/ndarray';
import { withDeadline } from './clock';
import type { CompiledModule } from './module';
import { Runtime } from './interpreter/runtime';
import { DictValue, inWordsOf, NoneValue, SequenceValue, type Value } from './interpreter/values';

/**
 * The values of a call's computed arguments (frontends/python/evaluatedCalls.ts): the module
 * constant holding them evaluated as a run reads it, each turned into a point value. Undefined when
 * it fails, or when a value would not come back as itself once passed as a point — a point's
 * rectangular list is a numpy array in a numpy module (`pointInputs.ts`), so a Python list or tuple
 * of numbers there, an array elsewhere, an integer or boolean array (labels: a float array indexes
 * nothing), an object of the file's classes are not given. `random`: warnings that the values were
 * drawn from a stream the program's run would not draw the same numbers from.
 */
export function argumentValues(module: CompiledModule, constant: string, budget?: Partial<Budget>): { values: PointTree[]; random: string[] } | undefined {
  const rt = new Runtime(null, budgetWith(budget), module.sites);
  // Read from the module's initialisation, as a run reads them: its constants evaluated in the program's order.
  rt.initialState = module.initialState;
  let v: Value | undefined;
  try {
    v = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => module.constantValue(constant, rt)));
  } catch (e) {
    // A value that reads itself (a name first bound by code GradLens does not run) exhausts the stack: no point.
    if (!(e instanceof GradLensError) && !(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    return undefined;
  }
  if (!(v instanceof SequenceValue)) return undefined;
  const arrays = module.module.listsAreArrays === true;
  const values = v.items.map((x) => faithfulPoint(x, arrays, true));
  if (values.some((x) => x === undefined)) return undefined;
  const random = rt.warnings.filter((w) => w.code === 'random-stream').map((w) => w.message);
  return { values: values as PointTree[], random };
}

/**
 * `v` as a point that a run makes into the same kind of value again: numbers, text, float arrays
 * (in a numpy module), lists and tuples of them that stay lists (ragged, or holding arrays of
 * different shapes), dicts of string keys. `top`: a whole argument (a dict inside a list is not read back).
 */
function faithfulPoint(v: Value, arrays: boolean, top: boolean): PointTree | undefined {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof NoneValue) return null;
  if (v instanceof ArrayValue) return arrays && v.dtype === 'float' && v.row < 0 ? (nestedList(v.shape, Array.from(v.data)) as PointTree) : undefined;
  if (v instanceof SequenceValue) {
    if (v.cls) return undefined;
    const items = v.items.map((x) => faithfulPoint(x, arrays, false));
    if (items.some((x) => x === undefined)) return undefined;
    // A list of numbers (or of equal rows) is made an array in a numpy module; a list elsewhere stays
    // one. Arrays of one shape (`(W0, b0)`) are one array then too: read alike (unpacked, indexed,
    // iterated, and numpy makes `params + x` elementwise), so given; numbers, whose list repeats under `*`, are not.
    if (arrays && rectangular(v) && !v.items.every((x) => x instanceof ArrayValue)) return undefined;
    return items as PointTree[];
  }
  if (v instanceof DictValue && top && v.entries.size > 0) {
    const out = keyedRecord<PointTree>();
    for (const { key, value } of v.entries.values()) {
      const item = typeof key === 'string' ? faithfulPoint(value, arrays, false) : undefined;
      if (item === undefined) return undefined;
      out[key as string] = item;
    }
    return out;
  }
  return undefined;
}

/** Whether a list's point would be one rectangular array (pointInputs.ts `listShape`): numbers, or items of one shape. */
function rectangular(v: SequenceValue): boolean {
  return shapeOf(v) !== undefined;
}

function shapeOf(x: Value): readonly number[] | undefined {
  if (typeof x === 'number') return [];
  if (x instanceof ArrayValue) return x.shape;
  if (!(x instanceof SequenceValue)) return undefined;
  if (x.items.length === 0) return [0];
  const shapes = x.items.map(shapeOf);
  const first = shapes[0];
  return first && shapes.every((s) => s !== undefined && s.join(',') === first.join(',')) ? [x.items.length, ...first] : undefined;
}
