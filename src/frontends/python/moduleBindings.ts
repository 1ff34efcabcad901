import type { SourceRange } from '../../core/sourceRange';
import type { IrClause, IrExpr, IrGlobal, IrTarget } from '../../ir/nodes';

/** A module constant (IR's `constant` global). */
export type ModuleConstant = Extract<IrGlobal, { kind: 'constant' }>;

/** One binding of a module name: when it became visible, and the key its constant is kept under now. */
interface Binding {
  readonly name: string;
  readonly stamp: number;
  key: string;
}

/** The start of a hidden constant's name: a binding of a name bound again later. No Python name can hold `@`. */
const PREVIOUS = 'earlier value@';

/**
 * The constants of a module's top level as it binds them, in order (globals.ts reads the statements).
 * A name bound twice keeps its earlier binding under a hidden name (`earlier value@…`), and every
 * value reads each module name as the binding of its time: the one made last before its statement
 * ran (`Y = g(Y)` reads the earlier Y, `a, b = b, a` the earlier a and b), or the first binding for a
 * read before any. Which binding a read meets is decided once, at the end (`resolve`), from each
 * name's versions: a rebinding renames nothing.
 */
export class ModuleBindings {
  /** Every constant under its key, in the order the output lists them. */
  readonly constants = new Map<string, ModuleConstant>();
  /** When each constant's value is read: its statement's time. */
  private readonly readAt = new Map<string, number>();
  private readonly versions = new Map<string, Binding[]>();
  private readonly byKey = new Map<string, Binding>();
  /** The constants whose values name each module name (a superset of those that read it), by id: keys move. */
  private readonly readersOf = new Map<string, Set<number>>();
  private readonly keyOf: string[] = [];
  private readonly idOf = new Map<string, number>();
  private clock = 0;
  private now = 0;
  private hidden = 0;

  /** A statement begins: what it binds is not seen by what it reads. */
  beginStatement(): void {
    this.now = this.clock++;
  }

  /** A name no Python name can be, made from `prefix` and the place it stands for. */
  hiddenName(prefix: string, range: SourceRange): string {
    return `${prefix}${range.start.line}:${range.start.column}#${this.hidden++}`;
  }

  /** Binds `name` to `value`: a new version of it; the one before, if any, kept under the hidden key this returns. */
  bind(name: string, value: IrExpr, range: SourceRange): string | undefined {
    const previous = this.constants.get(name);
    let earlier: string | undefined;
    if (previous) {
      earlier = this.hiddenName(PREVIOUS, previous.range);
      this.constants.delete(name);
      this.constants.set(earlier, { ...previous, name: earlier });
      this.readAt.set(earlier, this.readAt.get(name)!);
      const id = this.idOf.get(name)!;
      this.idOf.delete(name);
      this.idOf.set(earlier, id);
      this.keyOf[id] = earlier;
      const binding = this.byKey.get(name)!;
      binding.key = earlier;
      this.byKey.delete(name);
      this.byKey.set(earlier, binding);
    }
    this.constants.set(name, { kind: 'constant', name, value, range });
    this.readAt.set(name, this.now);
    this.noteReads(name, value);
    const binding: Binding = { name, stamp: this.clock++, key: name };
    this.byKey.set(name, binding);
    const list = this.versions.get(name);
    if (list) list.push(binding);
    else this.versions.set(name, [binding]);
    return earlier;
  }

  /** A constant under a hidden key (`seeded@…`, `unpacked value@…`), evaluated in its place. */
  addHidden(key: string, value: IrExpr, range: SourceRange): void {
    this.constants.set(key, { kind: 'constant', name: key, value, range });
    this.readAt.set(key, this.now);
    this.noteReads(key, value);
  }

  /** The keys of the constants whose values may read the binding kept under `held` (a superset), in no order. */
  readers(held: string): string[] {
    const name = this.byKey.get(held)?.name ?? held;
    return [...(this.readersOf.get(name) ?? [])].map((id) => this.keyOf[id]!);
  }

  private noteReads(key: string, value: IrExpr): void {
    const id = this.keyOf.length;
    this.keyOf.push(key);
    this.idOf.set(key, id);
    for (const name of namesRead(value)) {
      const set = this.readersOf.get(name);
      if (set) set.add(id);
      else this.readersOf.set(name, new Set([id]));
    }
  }

  /** Constant `key` with another value (a refusal), read at the same time. */
  replace(key: string, value: IrExpr): void {
    const g = this.constants.get(key)!;
    this.constants.set(key, { ...g, value });
  }

  /** The module name a value of constant `key` reads as `name` means, when that is not `name` itself: the key of the binding of its time. */
  private resolve(name: string, at: number): string | undefined {
    const list = this.versions.get(name);
    if (!list) return undefined;
    // The last version made before `at`: versions are in stamp order.
    let lo = 0;
    let hi = list.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.stamp < at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found === list.length - 1 ? undefined : list[found]!.key;
  }

  /**
   * Whether constant `key`'s value holds the value kept under `held` — by default as itself or an
   * element of a display; `where` says otherwise where, given the name the value reads it by.
   */
  holds(key: string, held: string, where: (e: IrExpr, name: string) => boolean = holds): boolean {
    const g = this.constants.get(key)!;
    const binding = this.byKey.get(held);
    if (!binding) return where(g.value, held);
    return where(g.value, binding.name) && (this.resolve(binding.name, this.readAt.get(key)!) ?? binding.name) === held;
  }

  /** The module name constant `key` is a binding of, if it is one (`earlier value@…` of A: A). */
  nameOf(key: string): string | undefined {
    return this.byKey.get(key)?.name;
  }

  /** Every constant with its reads of module names made reads of the bindings of their time; in order. */
  resolved(): Map<string, ModuleConstant> {
    for (const [key, g] of this.constants) {
      const at = this.readAt.get(key)!;
      const value = renamed(g.value, (name) => this.resolve(name, at));
      if (value !== g.value) this.constants.set(key, { ...g, value });
    }
    return this.constants;
  }
}

/** Every name `e` mentions, its lambdas' bodies too. */
function namesRead(e: IrExpr): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const node = v as Record<string, unknown>;
      if (node.kind === 'name' && typeof node.name === 'string') out.add(node.name);
      for (const k in node) if (k !== 'range') walk(node[k]);
    }
  };
  walk(e);
  return out;
}

/** Whether `e` is the name, or a display holding it as an element (the same object, not a value computed from it). */
function holds(e: IrExpr, name: string): boolean {
  if (e.kind === 'name') return e.name === name;
  if (e.kind === 'list' || e.kind === 'tuple' || e.kind === 'set') return e.elements.some((x) => holds(x, name));
  if (e.kind === 'dict') return e.entries.some((x) => ('spread' in x ? false : holds(x.value, name)));
  return false;
}

/**
 * `e` with every read of a module name `to` names made a read of that; the original when none is. A
 * lambda's body (or a nested function's) reads module names when it is called, after the module has
 * run: only its defaults are renamed; a comprehension's own targets hide the names they bind, but
 * for its first iterable.
 */
function renamed(e: IrExpr, to: (name: string) => string | undefined): IrExpr {
  const walk = (v: unknown, hidden: ReadonlySet<string>): unknown => {
    if (Array.isArray(v)) {
      const out = v.map((x) => walk(x, hidden));
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (v === null || typeof v !== 'object') return v;
    const node = v as Record<string, unknown>;
    if (node.kind === 'name' && typeof node.name === 'string' && !hidden.has(node.name)) {
      const target = to(node.name);
      return target === undefined ? node : { ...node, name: target };
    }
    if (node.kind === 'lambda') return fields(node, ['params'], hidden);
    if (node.kind === 'function') {
      const fn = node.fn as Record<string, unknown>;
      const params = walk(fn.params, hidden);
      return params === fn.params ? node : { ...node, fn: { ...fn, params } };
    }
    if (node.kind === 'comprehension') {
      const [first, ...rest] = node.clauses as (IrClause & { iterable: IrExpr })[];
      const bound = (node.clauses as IrClause[]).flatMap((c) => (c.kind === 'for' ? namesIn(c.target) : []));
      if (first && bound.length > 0) {
        const inner = new Set([...hidden, ...bound]);
        const iterable = walk(first.iterable, hidden);
        const head = fields(iterable === first.iterable ? first : { ...first, iterable }, Object.keys(first).filter((k) => k !== 'range' && k !== 'iterable'), inner);
        const tail = walk(rest, inner) as unknown[];
        const out = fields(node, Object.keys(node).filter((k) => k !== 'range' && k !== 'clauses'), inner) as Record<string, unknown>;
        if (head === first && tail === rest && out === node) return node;
        return { ...out, clauses: [head, ...tail] };
      }
    }
    return fields(node, Object.keys(node).filter((k) => k !== 'range'), hidden);
  };
  const fields = (node: Record<string, unknown>, keys: readonly string[], hidden: ReadonlySet<string>): unknown => {
    let out: Record<string, unknown> | undefined;
    for (const k of keys) {
      const x = walk(node[k], hidden);
      if (x !== node[k]) (out ??= { ...node })[k] = x;
    }
    return out ?? node;
  };
  return walk(e, new Set()) as IrExpr;
}

export function namesIn(target: IrTarget): string[] {
  if (target.kind === 'name') return [target.name];
  return target.kind === 'tuple' ? target.elements.flatMap(namesIn) : [];
}
