import type { IrClass, IrExpr, IrFunction, IrStmt } from '../../ir/nodes';

/**
 * Which listed function a method call inside a class reaches, read from the classes alone: `self.m(z)`
 * is the owner's `m` (or a base's), `self.elu.fn(z)` is `ELU.fn` when the owner's constructor sets
 * `self.elu = ELU(…)` (numpy-ml's SELU). Anything else (a parameter's method, an attribute set
 * elsewhere) reaches nothing GradLens can name, and says nothing about shapes.
 */
export class MethodTargets {
  private readonly classes: ReadonlyMap<string, IrClass>;

  constructor(
    classes: readonly IrClass[],
    private readonly functions: ReadonlyMap<string, IrFunction>,
  ) {
    this.classes = new Map(classes.map((c) => [c.name, c]));
  }

  /**
   * A Python class's constructor (`Neuron(nin)` calls `Neuron.__init__`), if the class has one: its
   * parameters after `self` are the call's arguments. (A JavaScript `new C(…)` is read as it was.)
   */
  constructorOf(cls: string): IrFunction | undefined {
    const init = this.classes.get(cls)?.methods.find((m) => m.role?.kind === 'constructor')?.fn;
    return init?.params[0]?.name === 'self' ? init : undefined;
  }

  /** The class that owns a listed method name (`SELU.fn` → `SELU`), if it is one. */
  ownerOf(fn: IrFunction): string | undefined {
    const dot = fn.name.lastIndexOf('.');
    // `Vec2.prototype.add` (an instance method beside a static of its name, ir/methodNames.ts) is Vec2's.
    const owner = dot > 0 ? fn.name.slice(0, dot).replace(/\.prototype$/, '') : undefined;
    return owner !== undefined && this.classes.has(owner) ? owner : undefined;
  }

  /** The listed name of `receiver.name(…)` called in a method of `owner`. */
  target(owner: string | undefined, receiver: IrExpr, name: string): string | undefined {
    // `Vec2.distance(this, b)`: a static method of a class of the file, called by the class's name.
    if (receiver.kind === 'name' && this.classes.get(receiver.name)?.methods.some((m) => m.binding === 'static' && m.fn.name === name) && this.functions.has(`${receiver.name}.${name}`)) return `${receiver.name}.${name}`;
    if (owner === undefined) return undefined;
    if (isSelf(receiver)) return this.lookup(owner, name);
    if (receiver.kind === 'attribute' && isSelf(receiver.object)) {
      const cls = this.attributeClass(owner, receiver.name);
      return cls === undefined ? undefined : this.lookup(cls, name);
    }
    return undefined;
  }

  /**
   * The listed `__call__` an element of `self.attr` reaches, when a method of `owner` walks it
   * (`for layer in self.layers: x = layer(x)`, `[n(x) for n in self.neurons]`) and the constructor
   * builds it as a list of one class's instances (`self.neurons = [Neuron(nin) for _ in range(nout)]`).
   */
  elementCall(owner: string | undefined, iterable: IrExpr): string | undefined {
    if (owner === undefined || iterable.kind !== 'attribute' || !isSelf(iterable.object)) return undefined;
    const cls = this.attributeClass(owner, iterable.name, new Set(), true);
    return cls === undefined ? undefined : this.lookup(cls, '__call__');
  }

  /** `cls.name` or the first base's that is listed (bases in order, depth first). */
  private lookup(cls: string, name: string, seen = new Set<string>()): string | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    if (this.functions.has(`${cls}.prototype.${name}`)) return `${cls}.prototype.${name}`;
    if (this.functions.has(`${cls}.${name}`)) return `${cls}.${name}`;
    for (const base of this.classes.get(cls)?.bases ?? []) {
      const found = base.kind === 'name' ? this.lookup(base.name, name, seen) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The class of `self.attr`: the one the constructor of `owner` (or a base's) builds it from. */
  private attributeClass(owner: string, attr: string, seen = new Set<string>(), elements = false): string | undefined {
    const cls = this.classes.get(owner);
    if (!cls || seen.has(owner)) return undefined;
    seen.add(owner);
    const constructor = cls.methods.find((m) => m.role?.kind === 'constructor');
    const built = constructor ? builtInto(constructor.fn.body, attr, elements) : undefined;
    if (built !== undefined && this.classes.has(built)) return built;
    for (const base of cls.bases) {
      const found = base.kind === 'name' ? this.attributeClass(base.name, attr, seen, elements) : undefined;
      if (found) return found;
    }
    return undefined;
  }
}

const isSelf = (e: IrExpr): boolean => e.kind === 'name' && (e.name === 'self' || e.name === 'this');

/**
 * `self.attr = C(…)` in these statements (and the branches within): C's name; with `elements`, the
 * class of a list's instances (`self.attr = [C(…) for …]`).
 */
function builtInto(body: readonly IrStmt[], attr: string, elements = false): string | undefined {
  for (const s of body) {
    if (s.kind === 'assign' && s.target.kind === 'attribute' && s.target.name === attr && isSelf(s.target.object)) {
      const v = elements && s.value.kind === 'comprehension' && s.value.result === 'list' ? s.value.element : s.value;
      if (v.kind === 'call' && v.callee.kind === 'name' && (!elements || v !== s.value)) return v.callee.name;
    }
    if (s.kind === 'if' || s.kind === 'match') {
      const found = s.kind === 'if' ? (builtInto(s.then, attr, elements) ?? builtInto(s.else, attr, elements)) : builtInto(s.cases, attr, elements);
      if (found) return found;
    }
  }
  return undefined;
}
