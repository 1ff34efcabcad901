import { diagnostic, GradLensError, type Diagnostic } from '../core/diagnostic';
import type { IrClass, IrExpr, IrFunction, IrMethod } from '../ir/nodes';
import { receiverElements, receiverFields, sameClassParameters } from '../ir/instanceParameters';
import { parameterClasses, type ClassScope } from '../ir/parameterClasses';
import { receiverInputs } from '../ir/receiverInputs';
import { FunctionCompiler, type ModuleEnvironment, type Refusal } from './interpreter/compile';
import { Signal, type CompiledFunction } from './interpreter/compiled';
import { roleKey } from './interpreter/objects';
import { Scope } from './interpreter/scope';
import { ClassValue, FunctionValue } from './interpreter/values';
import { listedMethodName } from '../ir/methodNames';
import { typedElementOf } from './interpreter/typedArrays';

/** A method as a function the analysis can list and run: `Class.method`. */
export interface MethodTarget {
  /** The method's IR seen from outside: named `Class.method`, without its receiver parameter. */
  readonly view: IrFunction;
  readonly cls: ClassValue;
  readonly method: IrMethod;
  readonly value: FunctionValue;
  readonly errors: readonly Diagnostic[];
  /** What would stop the method where an evaluation reaches it (compile.ts `Refusal`). */
  readonly refusals: readonly Refusal[];
  /** Explicit parameters it uses as instances of its class (ir/instanceParameters.ts): a point's object for one is made an instance. */
  readonly instanceParams: readonly string[];
  /** Explicit parameters it uses as instances of another class of its file or its imports (ir/parameterClasses.ts), and that class. */
  readonly paramClasses: ReadonlyMap<string, ClassValue>;
}

/** The IR each class was made from: an imported class's methods are read for what its parameters are. */
const classSources = new WeakMap<ClassValue, IrClass>();

/** The IR of a class made by `compileClasses` (of this file or a workspace file it imports). */
export function classSource(cls: ClassValue): IrClass | undefined {
  return classSources.get(cls);
}

/**
 * Makes the module's classes: one ClassValue each, bases linked by name, method-resolution order by
 * C3, methods compiled (`super()` knows its class). A method with errors is compiled to one that
 * fails when called, so the rest of the class still works. Bases that are not classes of this module
 * (`nn.Module`, `ABC` from a module GradLens does not read) are remembered and named when a lookup
 * misses, rather than refusing the class.
 */
export function declareClasses(classes: readonly IrClass[]): Map<string, ClassValue> {
  const byName = new Map<string, ClassValue>();
  for (const ir of classes) if (!byName.has(ir.name)) byName.set(ir.name, new ClassValue(ir.name));
  return byName;
}

/** Fills in the classes `declareClasses` made, once every module name (functions, constants, classes) is known. */
export function compileClasses(classes: readonly IrClass[], byName: ReadonlyMap<string, ClassValue>, env: ModuleEnvironment, imported?: ReadonlyMap<string, ClassValue>, globals: ReadonlyMap<string, IrExpr> = new Map()): MethodTarget[] {
  const made: { ir: IrClass; value: ClassValue }[] = [];
  for (const ir of classes) {
    const value = byName.get(ir.name)!;
    if (made.some((m) => m.value === value)) continue;
    const compiler = new FunctionCompiler(env);
    for (const a of ir.attributes) value.attributes.set(a.name, compiler.expr(a.value, new Scope([], null, null)));
    // A statement of the class body GradLens cannot read (a nested class, a loop) may define some
    // attribute: only a lookup that misses names it, so the rest of the class still works.
    const unread = ir.diagnostics.filter((d) => d.severity === 'error' && d.code === 'unsupported');
    for (const d of unread) value.unknownBases.push(`the class body's line ${d.range.start.line + 1}`);
    const problem = [...ir.diagnostics.filter((d) => !unread.includes(d)), ...compiler.errors].find((d) => d.severity === 'error');
    if (problem) value.problem = problem;
    if (ir.frozen) value.frozenFields = new Set(ir.frozen.fields);
    if (ir.tupleFields) value.tupleFields = ir.tupleFields;
    made.push({ ir, value });
    classSources.set(value, ir);
  }
  let scope: ClassScope | undefined;
  const classScope = (): ClassScope => {
    if (scope) return scope;
    const visible = new Map<string, IrClass>();
    for (const [name, value] of imported ?? []) {
      const ir = classSources.get(value);
      if (ir && !name.includes('.')) visible.set(name, ir);
    }
    for (const m of made) visible.set(m.ir.name, m.ir);
    return (scope = { classes: visible, globals });
  };
  const valueOf = (name: string): ClassValue | undefined => byName.get(name) ?? imported?.get(name);
  for (const { ir, value } of made) linkBases(ir, value, byName, imported);
  const targets: MethodTarget[] = [];
  for (const { ir, value } of made) {
    for (const method of ir.methods) {
      // Compiled when first looked up or listed as run (engine/module.ts compiles on first use too).
      let made: { fn: FunctionValue; errors: readonly Diagnostic[]; refusals: readonly Refusal[] } | undefined;
      const compiled = (): NonNullable<typeof made> => {
        if (made) return made;
        const { compiled, errors, refusals } = compileMethod(method, value, env);
        made = { fn: new FunctionValue(compiled, null), errors: value.problem ? [value.problem, ...errors] : errors, refusals };
        return made;
      };
      const shadowed = method.binding === 'static' && ir.methods.some((m) => m.fn.name === method.fn.name && m.binding !== 'static');
      (shadowed ? value.staticMethods : value.methods).set(method.fn.name, {
        get fn() {
          return compiled().fn;
        },
        binding: method.binding,
      });
      if (method.role) value.roles.set(roleKey(method.role), method.fn.name);
      // An instance that is a typed array: its fields are the elements the method reads by index.
      const fields = value.mro.some((c) => c.arrayElement) ? receiverElements(method) : receiverFields(method, ir, classes);
      if (!isListed(method, fields)) continue;
      let instanceParams: readonly string[] | undefined;
      let paramClasses: ReadonlyMap<string, ClassValue> | undefined;
      targets.push({
        view: methodView(ir, method, fields),
        cls: value,
        method,
        get value() {
          return compiled().fn;
        },
        get errors() {
          return compiled().errors;
        },
        get refusals() {
          return compiled().refusals;
        },
        get instanceParams() {
          // A parameter found to be another class's (its chained calls leave this one) is that class's.
          return (instanceParams ??= sameClassParameters(method, ir, classes).filter((p) => !this.paramClasses.has(p)));
        },
        get paramClasses() {
          return (paramClasses ??= new Map([...parameterClasses(method, ir, classScope())].flatMap(([p, k]) => (valueOf(k) ? [[p, valueOf(k)!] as const] : []))));
        },
      });
    }
  }
  return targets;
}

function compileMethod(method: IrMethod, cls: ClassValue, env: ModuleEnvironment): { compiled: CompiledFunction; errors: Diagnostic[]; refusals: Refusal[] } {
  const compiler = new FunctionCompiler(env, { cls, fn: method.fn });
  let compiled: CompiledFunction | undefined;
  try {
    compiled = compiler.compileFunction(method.fn, null);
  } catch (e) {
    compiler.errors.push(e instanceof GradLensError ? e.diagnostic : diagnostic('error', 'internal', `internal error while compiling ${cls.name}.${method.fn.name}: ${String(e)}`, method.fn.nameRange));
  }
  const errors = compiler.errors;
  const refusals = compiler.refusals;
  if (compiled && errors.length === 0) return { compiled, errors, refusals };
  const first = errors[0]!;
  const refusal = diagnostic(first.severity, first.code, `${cls.name}.${method.fn.name} cannot run: ${first.message} (line ${first.range.start.line + 1})`, first.range, first.values);
  const refuse = (): Signal => {
    throw new GradLensError(refusal);
  };
  const base = compiled ?? { name: method.fn.name, params: method.fn.params.map((p) => p.name), defaults: [], slotCount: method.fn.params.length, range: method.fn.range, site: env.sites.push(method.fn.range) - 1, paramSites: [], isLambda: false };
  return { compiled: { ...base, body: refuse }, errors, refusals };
}

/**
 * Methods get lenses unless they are dunder hooks other than `__call__`, getters, or take nothing
 * but their receiver and extras and read nothing on it: a method without parameters of its own that
 * reads its instance's attributes (`length()`, `def norm(self)`) varies those (the fields read).
 */
function isListed(method: IrMethod, fields: readonly string[]): boolean {
  // An alias (`forward = __call__`) is the same def: its lens is the original's.
  if (method.binding === 'getter' || method.aliasOf !== undefined || method.synthesized) return false;
  // A constructor (`__init__`, JavaScript's `constructor`) makes an instance; it computes nothing to
  // show; a setter only stores.
  if (method.role?.kind === 'constructor' || method.role?.kind === 'setter') return false;
  // Nothing but `*args`/`**kwargs` is nothing to vary either (a NamedTuple's `_replace(**changes)`).
  if (method.fn.params.slice(method.binding === 'static' ? 0 : 1).every((p) => p.kind === 'varargs' || p.kind === 'varkw')) {
    if (method.binding !== 'instance') return false;
    if (receiverInputs(method.fn.wrt).length > 0) return true;
    return fields.length > 0 && (!isDunder(method.fn.name) || method.fn.name === '__call__');
  }
  return !isDunder(method.fn.name) || method.fn.name === '__call__';
}

const isDunder = (name: string): boolean => name.startsWith('__') && name.endsWith('__');

function methodView(cls: IrClass, method: IrMethod, fields: readonly string[]): IrFunction {
  const explicit = method.binding === 'static' ? method.fn.params : method.fn.params.slice(1);
  const receiver = method.binding === 'instance' ? method.fn.params[0]?.name : undefined;
  return { ...method.fn, name: listedMethodName(cls, method), params: explicit, ...(receiver !== undefined ? { hasInstance: true, receiver: { name: receiver, fields } } : {}) };
}

function spelled(e: IrExpr): string {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'attribute') return `${spelled(e.object)}.${e.name}`;
  return 'a base class';
}

/** `imported`: classes another file of the workspace defines, imported by name (analysis/moduleImports.ts). */
function linkBases(ir: IrClass, value: ClassValue, byName: ReadonlyMap<string, ClassValue>, imported?: ReadonlyMap<string, ClassValue>): void {
  const bases: ClassValue[] = [];
  for (const b of ir.bases) {
    const name = spelled(b);
    if (name === 'object') continue;
    // `extends Float64Array`: instances are typed arrays with the class's methods (objects.ts).
    const element = b.kind === 'intrinsic' ? typedElementOf(b.name) : undefined;
    if (element) {
      value.arrayElement = element;
      continue;
    }
    // A dotted base (`go_base.Benchmark`) is a class of an imported workspace module, bound under that name.
    const base = b.kind === 'name' ? (byName.get(name) ?? imported?.get(name)) : b.kind === 'attribute' ? imported?.get(name) : undefined;
    if (base && base !== value) bases.push(base);
    else value.unknownBases.push(name);
  }
  const mro = c3(value, bases);
  if (mro) value.mro = mro;
  else value.problem ??= diagnostic('error', 'type', `cannot create a consistent method resolution order for ${ir.name}'s bases`, ir.nameRange);
}

/**
 * C3 linearisation (Python's MRO) from the bases' own orders, which are linked first because a
 * base is defined above its subclasses; undefined when there is none.
 */
function c3(cls: ClassValue, bases: readonly ClassValue[]): ClassValue[] | undefined {
  const lists: ClassValue[][] = bases.map((b) => [...b.mro]);
  lists.push([...bases]);
  const out: ClassValue[] = [cls];
  for (;;) {
    const open = lists.filter((l) => l.length > 0);
    if (open.length === 0) return out;
    const head = open.map((l) => l[0]!).find((h) => !open.some((l) => l.indexOf(h) > 0));
    if (!head) return undefined;
    out.push(head);
    for (const l of open) if (l[0] === head) l.shift();
  }
}
