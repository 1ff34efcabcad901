import { RandomGenerator } from './randomGenerators';
import { GradLensError, type Diagnostic } from '../../core/diagnostic';
import { diagnosticText } from '../../core/diagnosticText';
import type { IntrinsicName } from '../../ir/intrinsics';
import { ArrayValue, formatShape } from '../array/ndarray';
import type { CompiledFunction, Frame } from './compiled';
import type { SourceRange } from '../../core/sourceRange';

/**
 * A dict (a JavaScript object): entries in insertion order under a key made from the Python value
 * (`containers.ts`: `1`, `1.0` and `True` are one key, as in Python).
 */
export class DictValue {
  readonly entries = new Map<string, { key: Value; value: Value }>();
}

/** A set: members in insertion order, under the same keys as a dict's. */
export class SetValue {
  readonly members = new Map<string, Value>();
}

/**
 * A Python dict's `keys()`, `values()` or `items()`: a view that reads the dict when walked (so it
 * sees later changes, as Python 3's does), iterable, sized and searchable, but no list: `+`, `*`,
 * `[i]` and the list methods are TypeErrors, as `d1.items() + d2.items()` is in Python 3.
 * JavaScript's `Object.keys/values/entries` stay lists (its front end wraps the call in `list`).
 */
export class DictViewValue {
  constructor(
    readonly dict: DictValue,
    readonly kind: 'keys' | 'values' | 'items',
  ) {}

  /** The keys, values or (key, value) tuples now in the dict. */
  list(): Value[] {
    const entries = [...this.dict.entries.values()];
    if (this.kind === 'keys') return entries.map((e) => e.key);
    if (this.kind === 'values') return entries.map((e) => e.value);
    return entries.map((e) => new SequenceValue([e.key, e.value], true));
  }
}

/** A built-in exception type (`ValueError`); `exceptions.ts` knows their hierarchy. */
export class ErrorTypeValue {
  constructor(readonly name: string) {}
}

/** A raised exception: its type, its message, where it was raised. */
export class ErrorValue {
  constructor(
    readonly type: ErrorTypeValue,
    readonly message: string,
    readonly range: SourceRange,
    /**
     * Who raised it: the program's own `raise`, the engine (a domain error of a type Python raises), or
     * the engine where numpy goes on with nan (caught only by a handler naming its type: exceptions.ts).
     */
    readonly origin: 'program' | 'engine' | 'only-named' = 'program',
  ) {}
}

/**
 * What a harmless library object stands for (`print`, a `logging` logger, `warnings.warn`,
 * `np.errstate(...)`): calling it, reading its attributes or entering it as a context manager does
 * nothing and gives another inert value. Arithmetic with it fails, so it can never become a number.
 */
export class InertValue {
  static readonly instance = new InertValue();
  private constructor() {}
}

/**
 * What the interpreter computes with. A plain `number` is a constant (it does not depend on the
 * differentiated parameters, so nothing is taped for it); a `Tracked` is a tape entry with its primal
 * value at hand for comparisons and control flow.
 */
export type Value =
  | number
  | Tracked
  | ExactInteger
  | boolean
  | string
  | NoneValue
  | NotImplementedValue
  | UnreadableValue
  | SequenceValue
  | RangeValue
  | IteratorValue
  | FunctionValue
  | IntrinsicValue
  | BoundMethod
  | ClassValue
  | InstanceValue
  | BoundFunction
  | SuperValue
  | ArrayValue
  | SliceValue
  | EllipsisValue
  | RandomGenerator
  | DictValue
  | SetValue
  | ErrorTypeValue
  | ErrorValue
  | InertValue
  | ModuleValue
  | ObjectMember;

/**
 * What a JavaScript object literal holds for a member that uses its object (`energy() { return this.m
 * * … }`, `get x() {…}`, `set x(v) {…}`): functions whose first parameter `this` is the object the
 * member is read from. `getProperty` binds a method to that object, calls the getter, and
 * `setProperty` calls the setter; anything else that meets one (arithmetic, a list of values) refuses it.
 */
export class ObjectMember {
  constructor(
    readonly method: FunctionValue | undefined,
    readonly getter: FunctionValue | undefined,
    readonly setter: FunctionValue | undefined,
  ) {}
}

/**
 * A module of the user's own, imported whole (`import helpers as hp`, `import pkg.mod`): its names
 * are read as attributes (`hp.f`), each when first reached, so one it cannot read fails only there.
 */
export class ModuleValue {
  constructor(
    /** As imported (`helpers`, `pkg`), for messages. */
    readonly name: string,
    /** The module's value named `name`, or undefined when it defines none. */
    readonly attribute: (name: string, f: Frame) => Value | undefined,
  ) {}
}

export class Tracked {
  constructor(
    readonly id: number,
    readonly value: number,
  ) {}
}

/**
 * A Python int past float64's exact range (|n| > 2**53): `10**20 + 1`, `math.factorial(30)`. Ints
 * within the range stay plain numbers (float64 holds them exactly); one of these is made only where
 * integer arithmetic would otherwise round (exactIntegers.ts), and becomes a float where it meets
 * one, as Python converts it.
 */
export class ExactInteger {
  constructor(readonly value: bigint) {}
}

export class NoneValue {
  static readonly instance = new NoneValue();
  private constructor() {}
}

export const None = NoneValue.instance;

/**
 * A parameter default GradLens cannot evaluate (`gradient_scaler=GradientScaler()` with the class
 * imported from a package it does not read): it may be stored and passed on, and any other use of
 * it — arithmetic, a test, a comparison, `is`, an attribute, a call — is the refusal it stands for
 * (`refuseUnreadable`). So a method that never touches it gets its numbers, as Python would.
 */
export class UnreadableValue {
  constructor(readonly error: Diagnostic) {}
}

/** The refusal an UnreadableValue stands for, raised where it is used. */
export function refuseUnreadable(v: UnreadableValue): never {
  throw new GradLensError(v.error);
}

/** Python's `NotImplemented`: an operator method declining (see IrNotImplemented). */
export class NotImplementedValue {
  static readonly instance = new NotImplementedValue();
  private constructor() {}
}

/** A Python list or tuple (a JavaScript array). Lists are mutable in place, tuples are not. */
export class SequenceValue {
  constructor(
    readonly items: Value[],
    readonly isTuple: boolean,
    /** A named tuple's class (IrClass.tupleFields): its fields read by name, its methods bound to it. */
    readonly cls?: ClassValue,
    /** Written with a float among its items (`[1.0, 2]`, `[v, 2]` with `v = 1.0`): numpy makes a float array of it. */
    readonly floatLiteral = false,
    /**
     * The items as made, when every one is an int by the source (`[1, 2]`, `[i, n]`): while the list
     * still holds exactly these, numpy's array of it is int64 for sure (array/construct.ts).
     */
    readonly exactInts?: readonly Value[],
    /**
     * The items as made, with the int or float each is by the source (`[1.0, 3]`: float, int; a
     * parameter: unknown): while the list still holds them, str() prints them so (`[1.0, 3]`).
     */
    readonly made?: { readonly items: readonly Value[]; readonly kinds: readonly ('int' | 'float' | 'bool' | undefined)[] },
  ) {}

  /**
   * JavaScript's own properties of an array beside its items (chroma.js's `rgb._clipped = true`):
   * carried, never part of its numbers; made by the first such assignment (methods.ts setProperty).
   */
  properties?: Map<string, Value>;
}

/** JavaScript's typed arrays by what they store (`Float32Array` is `float32`). */
export type TypedElement = 'float64' | 'float32' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32';

/**
 * A JavaScript typed array: a list of numbers of fixed length whose every store converts the value
 * to its element type (typedArrays.ts: float32 rounds, integers truncate and wrap).
 */
export class TypedArrayValue extends SequenceValue {
  constructor(
    items: Value[],
    readonly element: TypedElement,
    /** An instance of a class that extends a typed array (gl-matrix's `class Vec2 extends Float64Array`): its methods. */
    cls?: ClassValue,
  ) {
    super(items, false, cls);
  }
}

/** `a Float32Array`, `an Int32Array`: as messages name one. */
export function aTypedArray(element: TypedElement): string {
  const name = typedArrayName(element);
  return `${name.startsWith('Int') ? 'an' : 'a'} ${name}`;
}

/** `Float32Array` for `float32`: the constructor's name, as messages name it. */
export function typedArrayName(element: TypedElement): string {
  return `${element[0] === 'u' ? 'Uint' : element[0] === 'i' ? 'Int' : 'Float'}${element.replace(/^\D+/, '')}Array`;
}

/**
 * Python's one-shot iterator (`iter(xs)`, and what a generator function returns: its body ran to its
 * end when called, each `yield` appending to the items). Walking it consumes it: a `for` loop takes
 * one item per iteration (a `break` leaves the rest), `next()` one, `list()`/`sum()`/`zip()` all that are left.
 */
export class IteratorValue {
  position = 0;
  /** The generator function that made it, for messages (`a generator (pairs)`). */
  generator?: string;
  /** The arguments that generator was called with: a loop over it must not change them (generatorLoops.ts). */
  args?: readonly Value[];

  constructor(readonly items: readonly Value[]) {}
}

/** `range(...)`, iterated lazily so that a huge range costs steps, not memory. */
export class RangeValue {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {}

  get length(): number {
    const n = Math.ceil((this.stop - this.start) / this.step);
    return Math.max(0, n);
  }

  at(i: number): number {
    return this.start + i * this.step;
  }
}

export class FunctionValue {
  constructor(
    readonly fn: CompiledFunction,
    /** The frame the function was defined in, for closures over enclosing locals. */
    readonly closure: Frame | null,
    /**
     * Its defaults as evaluated when its definition ran (CompiledFunction.defaultsOnce), in parameter
     * order, for a function a run makes (a nested `def`, a `lambda`). A module-level function's or a
     * method's are kept by the run instead (Runtime.definitionDefaults): this value outlives runs.
     */
    readonly definedDefaults?: readonly (Value | undefined)[],
  ) {}
}

export class IntrinsicValue {
  constructor(
    readonly name: IntrinsicName,
    /** Python's math module: a domain error raises, in an np.where branch too (IrIntrinsic.raises). */
    readonly raises = false,
  ) {}
}

/**
 * numpy's dtype of an array (`a.dtype`). It is the type object of its elements for what takes a type
 * (`np.zeros(2, dtype=a.dtype)`, `a.astype(b.dtype)`), and equals its type (`np.float64`, `float`)
 * and its name (`'float64'`), as numpy's dtype does; a plain string equals no type (`'float64' ==
 * np.float64` is False in Python), so only `.dtype` makes one.
 */
export class DtypeValue extends IntrinsicValue {
  private static readonly made = new Map<string, DtypeValue>();
  private constructor(readonly dtype: 'float64' | 'int64' | 'bool') {
    super(dtype);
  }
  static of(dtype: 'float64' | 'int64' | 'bool'): DtypeValue {
    let d = DtypeValue.made.get(dtype);
    if (d === undefined) DtypeValue.made.set(dtype, (d = new DtypeValue(dtype)));
    return d;
  }
}

/** `xs.append` before it is called. */
export class BoundMethod {
  constructor(
    readonly receiver: Value,
    readonly name: string,
  ) {}
}

/** A method of a user class, as the class keeps it. */
export interface MethodEntry {
  readonly fn: FunctionValue;
  readonly binding: 'instance' | 'static' | 'class' | 'getter';
}

/**
 * A user class (IrClass), made once per compiled module. Its methods never change; its class-level
 * attributes are per run (`Runtime.classAttributes`), so a method that counts calls in a class
 * attribute cannot leak into the next evaluation.
 */
export class ClassValue {
  /** Method-resolution order, this class first (filled once the bases are known). */
  mro: ClassValue[] = [this];
  readonly methods = new Map<string, MethodEntry>();
  /**
   * JavaScript's static methods named as an instance method of the class is (three.js's static and
   * instance `Triangle.getNormal`): read on the class itself, never on an instance.
   */
  readonly staticMethods = new Map<string, MethodEntry>();
  /** Role keys (`constructor`, `call`, `+`, `r+`, `neg`, `<`, …) to method names. */
  readonly roles = new Map<string, string>();
  /** Bases GradLens cannot read (`nn.Module`, a class from a module it does not know): named when a lookup misses. */
  readonly unknownBases: string[] = [];
  /** A problem in the class itself (a base that is not a class, an inconsistent MRO): raised on use. */
  problem: Diagnostic | undefined = undefined;
  /** A named tuple class's fields (IrClass.tupleFields): its objects are tuples of them. */
  tupleFields: readonly string[] | undefined = undefined;
  /** A frozen dataclass's field names (IrFrozen): its instances refuse assignment. */
  frozenFields: ReadonlySet<string> | undefined = undefined;
  /** The typed array it extends (`class Vec2 extends Float64Array`): its instances are typed arrays of that element with its methods. */
  arrayElement: TypedElement | undefined = undefined;

  /** Class-level attributes' initial values, evaluated once per run on first use, in order. */
  readonly attributes = new Map<string, (f: Frame) => Value>();

  constructor(readonly name: string) {}
}

/** An object of a user class: its own attributes, per run. */
export class InstanceValue {
  readonly fields = new Map<string, Value>();
  constructor(readonly cls: ClassValue) {}
}

/** A function bound to its first argument: an instance method read from an instance, a classmethod. */
export class BoundFunction {
  constructor(
    /** null: `object.__init__` (`super().__init__()` at the root), which does nothing. */
    readonly fn: FunctionValue | null,
    readonly receiver: Value,
    /** With a null fn: the constructor of these bases GradLens cannot read, stood in for by `callBound`. */
    readonly unreadBases?: readonly string[],
  ) {}
}

/** `super()` in a method of `cls`: lookups start after `cls` in the receiver's class's MRO. */
export class SuperValue {
  constructor(
    readonly cls: ClassValue,
    readonly receiver: Value,
  ) {}
}

export function isScalar(v: Value): v is number | Tracked {
  return typeof v === 'number' || v instanceof Tracked;
}

export function primalOf(v: number | Tracked): number {
  return typeof v === 'number' ? v : v.value;
}

/**
 * Whether messages name values in JavaScript's words: `undefined`, an object, an array, a property
 * (Python's None, a dict, a list, an attribute). Set for the length of one run by `inWordsOf`
 * (engine/run.ts); a run is synchronous and never mixes languages, so a flag serves where threading
 * the language through every message would not.
 */
let javaScriptWords = false;

export function inWordsOf<T>(language: string | undefined, body: () => T): T {
  const before = javaScriptWords;
  javaScriptWords = language === 'typescript';
  try {
    return body();
  } finally {
    javaScriptWords = before;
  }
}

/** Whether the running program is JavaScript, for the few semantics that differ (an object's property keys are strings). */
export function runningJavaScript(): boolean {
  return javaScriptWords;
}

/** The running program's word: `python` when it is Python (or a formula), `javaScript` when JavaScript. */
export function word(python: string, javaScript: string): string {
  return javaScriptWords ? javaScript : python;
}

export function typeName(v: Value): string {
  if (javaScriptWords) {
    if (v instanceof NoneValue) return 'undefined';
    if (v instanceof SequenceValue && !(v instanceof TypedArrayValue)) return 'an array';
    if (v instanceof DictValue) return 'an object';
    if (v instanceof SetValue) return 'a Set';
  }
  if (typeof v === 'number' || v instanceof Tracked) return 'a number';
  if (v instanceof ExactInteger) return 'an int';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'string') return 'a string';
  if (v instanceof NoneValue) return 'None';
  if (v instanceof NotImplementedValue) return 'NotImplemented';
  if (v instanceof UnreadableValue) return `a value GradLens cannot read (${diagnosticText(v.error)})`;
  if (v instanceof TypedArrayValue) return aTypedArray(v.element);
  if (v instanceof SequenceValue) return v.isTuple ? 'a tuple' : 'a list';
  if (v instanceof RangeValue) return 'a range';
  if (v instanceof IteratorValue) return v.generator !== undefined ? `a generator (${v.generator})` : 'an iterator';
  if (v instanceof FunctionValue) return `the function ${v.fn.name}`;
  if (v instanceof DtypeValue) return `numpy's dtype ${v.dtype}`;
  if (v instanceof IntrinsicValue) return `the function ${v.name}`;
  if (v instanceof ArrayValue) return `an array of shape ${formatShape(v.shape)}`;
  if (v instanceof SliceValue) return 'a slice';
  if (v instanceof EllipsisValue) return 'an ellipsis (...)';
  if (v instanceof RandomGenerator) return 'a random generator';
  if (v instanceof DictValue) return 'a dict';
  if (v instanceof ObjectMember) return v.method ? 'a method of an object' : 'an accessor property (get/set) of an object';
  if (v instanceof SetValue) return 'a set';
  if (v instanceof DictViewValue) return `a dict_${v.kind} view (a dict's ${v.kind}())`;
  if (v instanceof ErrorTypeValue) return `the exception type ${v.name}`;
  if (v instanceof ErrorValue) return `a ${v.type.name}`;
  if (v instanceof InertValue) return 'a value GradLens ignores (print, logging, warnings)';
  if (v instanceof ClassValue) return `the class ${v.name}`;
  if (v instanceof InstanceValue) return `a ${v.cls.name} object`;
  if (v instanceof BoundFunction) return `the method ${v.fn?.fn.name ?? '__init__'}`;
  if (v instanceof SuperValue) return `super() in ${v.cls.name}`;
  if (v instanceof ModuleValue) return `the module ${v.name}`;
  return `the method .${v.name}`;
}

/** `a:b:c` inside brackets, its parts not yet resolved against a length. */
export class SliceValue {
  constructor(
    readonly lower: Value | undefined,
    readonly upper: Value | undefined,
    readonly step: Value | undefined,
  ) {}
}

/** `...` inside brackets (`x[..., 0]`): as many full slices as the other indices leave axes. */
export class EllipsisValue {
  static readonly instance = new EllipsisValue();
  private constructor() {}
}

export { RandomGenerator };
