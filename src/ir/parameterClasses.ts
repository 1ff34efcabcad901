import type { IrClass, IrExpr, IrMethod, IrStmt } from './nodes';
import { classMembers, sameClassParameters, walkBody } from './instanceParameters';
import { childExprs, childStmts } from './walk';

/**
 * What a method's code can see of classes: the classes of its file and those it imports from the
 * workspace, by the name the file uses; and its module-level values (`const _v1 = new Vector3()`).
 */
export interface ClassScope {
  readonly classes: ReadonlyMap<string, IrClass>;
  readonly globals: ReadonlyMap<string, IrExpr>;
}

/**
 * The explicit parameters a method uses as instances of another class, by that class's name in
 * `scope` — three.js's `Sphere.distanceToPoint(point)` calling `point.distanceTo(this.center)`,
 * `Box3.distanceToPoint(point)` passing it to `_vector.copy(point).clamp(…)`:
 *
 * - the methods called on it (and its other attributes) are members of exactly one class in scope,
 *   at least one of them a method: a plain object would have none;
 * - or it is passed to a method, of a receiver whose class is known (`this.center` made by the
 *   constructor as `new Vector3()`, a module-level `new Vector3()`, another such parameter, a local
 *   holding one), whose parameter at that position is an instance of that method's class, or of
 *   the class this reading finds for it there.
 *
 * Parameters used as instances of the method's own class are `sameClassParameters`', not listed here.
 * Where the uses disagree, or name no class, the parameter is left as its reads make it.
 */
export function parameterClasses(method: IrMethod, cls: IrClass, scope: ClassScope, depth = 0): Map<string, string> {
  const out = new Map<string, string>();
  const explicit = (method.binding === 'static' ? method.fn.params : method.fn.params.slice(1)).filter((p) => p.kind === undefined);
  if (explicit.length === 0) return out;
  const members = new Map<string, ReadonlySet<string>>();
  const membersOf = (name: string): ReadonlySet<string> => {
    let m = members.get(name);
    if (!m) members.set(name, (m = name === cls.name ? classMembers(cls, [...scope.classes.values()]) : classMembers(scope.classes.get(name)!, [...scope.classes.values()])));
    return m;
  };
  // `target.copy(this.origin).addScaledVector(…)` (three.js's Ray.at): a chained call is the same
  // object's, so a parameter whose chain leaves its method's own class (Ray has copy, not
  // addScaledVector) is not an instance of that class after all.
  const chained = new Map<string, Set<string>>(explicit.map((p) => [p.name, new Set<string>()]));
  walkBody(method.fn.body, (e) => everyExpr(e, (x) => collectChained(x, chained)));
  const own = new Set(sameClassParameters(method, cls, [...scope.classes.values()]).filter((p) => [...chained.get(p)!].every((a) => membersOf(cls.name).has(a))));
  // A type the source states (`v: Vector3`, `@param {Vector3} v`) naming another class in scope is the parameter's.
  for (const p of explicit) {
    const stated = statedClass(p.type);
    if (stated !== undefined && stated !== cls.name && scope.classes.has(stated) && !own.has(p.name)) out.set(p.name, stated);
  }
  const params = explicit.map((p) => p.name).filter((n) => !own.has(n) && !out.has(n));
  if (params.length === 0) return out;
  const receiver = method.binding === 'instance' ? method.fn.params[0]?.name : undefined;
  const reads = new Map<string, Set<string>>(params.map((p) => [p, new Set<string>(chained.get(p))]));
  walkBody(method.fn.body, (e) => everyExpr(e, (x) => collectReads(x, reads)));
  walkStores(method.fn.body, reads);
  const calls: { param: string; name: string; count: number }[] = [];
  walkBody(method.fn.body, (e) =>
    everyExpr(e, (x) => {
      const m = methodCall(x);
      if (m && m.object.kind === 'name' && reads.has(m.object.name)) calls.push({ param: m.object.name, name: m.name, count: m.count });
    }),
  );
  const methodsOf = (name: string): Set<string> => new Set(scope.classes.get(name)!.methods.map((m) => m.fn.name));
  // By reads: the one class that has every attribute read, one of them a method.
  for (const p of params) {
    const names = [...reads.get(p)!];
    if (names.length === 0) continue;
    const fits = [...scope.classes.keys()].filter((k) => names.every((a) => membersOf(k).has(a)) && names.some((a) => methodsOf(k).has(a)));
    // `target.set(1 - u - v, v, u)` with Vector2, 3 and 4 in scope: the one whose set takes three.
    const exact = fits.length > 1 ? fits.filter((k) => takesAsCalled(scope.classes.get(k)!, p, calls)) : fits;
    if (exact.length === 1) out.set(p, exact[0]!);
  }
  // By what it is passed to: repeated while a parameter's class makes another's known.
  const localClass = localClasses(method.fn.body, (e) => classOf(e));
  function classOf(e: IrExpr): string | undefined {
    if (e.kind === 'name') {
      if (e.name === receiver) return cls.name;
      if (out.has(e.name)) return out.get(e.name);
      if (own.has(e.name)) return cls.name;
      const local = localClass(e.name);
      if (local) return local;
      const g = scope.globals.get(e.name);
      return g ? constructed(g, scope) : undefined;
    }
    if (e.kind === 'attribute' && e.object.kind === 'name' && e.object.name === receiver) return fieldClass(cls, e.name, scope);
    return constructed(e, scope);
  }
  for (let round = 0; round < 3; round++) {
    const passed = new Map<string, Set<string>>();
    walkBody(method.fn.body, (e) => everyExpr(e, (x) => collectPassed(x, params, classOf, scope, cls, passed, depth)));
    let changed = false;
    for (const [p, classes] of passed) {
      if (classes.size !== 1) continue;
      const k = [...classes][0]!;
      if (out.get(p) === k) continue;
      if (out.has(p) || ![...reads.get(p)!].every((a) => membersOf(k).has(a))) continue;
      out.set(p, k);
      changed = true;
    }
    if (!changed) break;
  }
  return out;
}

/**
 * The class a stated type names: `Vector3`, `THREE.Vector3`, `Vector3 | undefined`, `?Vector3`
 * (JSDoc's nullable); a union of two classes, an array or a generic names none.
 */
function statedClass(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  const parts = type.replace(/^[?!]|[=]$/g, '').split('|').map((t) => t.trim()).filter((t) => t !== 'undefined' && t !== 'null');
  return parts.length === 1 && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(parts[0]!) ? parts[0] : undefined;
}

function everyExpr(e: IrExpr, visit: (e: IrExpr) => void): void {
  visit(e);
  for (const c of childExprs(e)) everyExpr(c, visit);
}

/** Whether every method called on `param` is one of `cls`'s taking exactly as many arguments as the call gives. */
function takesAsCalled(cls: IrClass, param: string, calls: readonly { param: string; name: string; count: number }[]): boolean {
  return calls.every((c) => {
    if (c.param !== param) return true;
    const m = cls.methods.find((x) => x.fn.name === c.name && x.binding === 'instance');
    return m !== undefined && m.fn.params.length - 1 === c.count && m.fn.params.every((q) => q.kind === undefined);
  });
}

/** `p.a(…).b(…).c(…)`: b and c, called on what p's chainable methods return. */
function collectChained(e: IrExpr, into: Map<string, Set<string>>): void {
  if (e.kind !== 'call' || e.callee.kind !== 'attribute') return;
  let inner: IrExpr = e.callee.object;
  while (inner.kind === 'call' && inner.callee.kind === 'attribute') {
    if (inner.callee.object.kind === 'name') {
      into.get(inner.callee.object.name)?.add(e.callee.name);
      return;
    }
    inner = inner.callee.object;
  }
}

/**
 * `p.set(x, y, z)`: JavaScript's front end lowers it as typed arrays' `set` (the intrinsic, which
 * calls an instance's own `set` first): a call of the method `set` on p all the same.
 */
const OWN_METHOD_INTRINSICS: Readonly<Record<string, string>> = { typed_set: 'set' };

/** The object, method name and argument count of `p.m(…)`, also when lowered as an intrinsic taking p first. */
function methodCall(e: IrExpr): { object: IrExpr; name: string; count: number } | undefined {
  if (e.kind !== 'call' || e.args.some((a) => a.kind === 'spread')) return undefined;
  if (e.callee.kind === 'attribute') return { object: e.callee.object, name: e.callee.name, count: e.args.length };
  const name = e.callee.kind === 'intrinsic' && Object.hasOwn(OWN_METHOD_INTRINSICS, e.callee.name) ? OWN_METHOD_INTRINSICS[e.callee.name] : undefined;
  return name && e.args[0] ? { object: e.args[0], name, count: e.args.length - 1 } : undefined;
}

function collectReads(e: IrExpr, reads: Map<string, Set<string>>): void {
  if (e.kind === 'attribute' && e.object.kind === 'name') reads.get(e.object.name)?.add(e.name);
  const m = methodCall(e);
  if (m && e.kind === 'call' && e.callee.kind === 'intrinsic' && m.object.kind === 'name') reads.get(m.object.name)?.add(m.name);
}

/** `target.x = …`: stored attributes must be the class's too. */
function walkStores(body: readonly IrStmt[], reads: Map<string, Set<string>>): void {
  for (const s of body) {
    if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'attribute' && s.target.object.kind === 'name') reads.get(s.target.object.name)?.add(s.target.name);
    walkStores(childStmts(s), reads);
  }
}

/**
 * `recv.m(…, p, …)` where recv's class has an instance method `m` using its parameter there as an
 * instance of its own class: p is one of that class.
 */
function collectPassed(e: IrExpr, params: readonly string[], classOf: (e: IrExpr) => string | undefined, scope: ClassScope, self: IrClass, into: Map<string, Set<string>>, depth: number): void {
  if (e.kind !== 'call' || e.callee.kind !== 'attribute') return;
  const at = e.args.map((a) => (a.kind === 'name' && params.includes(a.name) ? a.name : undefined));
  if (at.every((p) => p === undefined)) return;
  const k = classOf(e.callee.object);
  const ir = k === self.name ? self : k !== undefined ? scope.classes.get(k) : undefined;
  if (!k || !ir) return;
  const name = e.callee.name;
  const callee = ir.methods.find((m) => m.fn.name === name && m.binding === 'instance');
  if (!callee) return;
  const theirs = new Set(sameClassParameters(callee, ir, [...scope.classes.values()]));
  // `this.delta(target)` where delta calls `target.subVectors(…)`: its parameter's class, read the same way (a few calls deep).
  const others = depth < 2 ? parameterClasses(callee, ir, scope, depth + 1) : new Map<string, string>();
  at.forEach((p, i) => {
    const param = callee.fn.params[i + 1]?.name;
    const of = param && theirs.has(param) ? k : param ? others.get(param) : undefined;
    if (!p || !of) return;
    let s = into.get(p);
    if (!s) into.set(p, (s = new Set()));
    s.add(of);
  });
}

/** `new K(…)` (a class of the file: a call of its name; an imported one: `construct(K, …)`), by K's name when in scope. */
function constructed(e: IrExpr, scope: ClassScope): string | undefined {
  if (e.kind !== 'call') return undefined;
  const callee = e.callee.kind === 'intrinsic' && e.callee.name === 'construct' ? e.args[0] : e.callee;
  return callee?.kind === 'name' && scope.classes.has(callee.name) ? callee.name : undefined;
}

/**
 * The class of `this.<field>` as the constructor makes it: `this.center = new Vector3()`, or
 * `this.center = center` where the parameter's default is `new Vector3()` (three.js's Sphere).
 */
export function fieldClass(cls: IrClass, field: string, scope: ClassScope): string | undefined {
  const init = cls.methods.find((m) => m.role?.kind === 'constructor');
  const receiver = init?.fn.params[0]?.name;
  if (!init || !receiver) return undefined;
  const found = new Set<string | undefined>();
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'assign' && s.target.kind === 'attribute' && s.target.name === field && s.target.object.kind === 'name' && s.target.object.name === receiver) {
        const v = s.value;
        const param = v.kind === 'name' ? init.fn.params.find((p) => p.name === v.name) : undefined;
        found.add(param ? (param.default ? constructed(param.default, scope) : undefined) : constructed(v, scope));
      }
      visit(childStmts(s));
    }
  };
  visit(init.fn.body);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * The class of a local assigned once, from an expression whose class is known (`const center =
 * this.center`); read when asked, since its value may name a parameter whose class is found later.
 */
function localClasses(body: readonly IrStmt[], classOf: (e: IrExpr) => string | undefined): (name: string) => string | undefined {
  const assigned = new Map<string, IrExpr[]>();
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'name') {
        const list = assigned.get(s.target.name) ?? [];
        list.push(s.kind === 'assign' ? s.value : s.target);
        assigned.set(s.target.name, list);
      }
      visit(childStmts(s));
    }
  };
  visit(body);
  const asking = new Set<string>();
  return (name) => {
    const values = assigned.get(name);
    if (!values || values.length !== 1 || asking.has(name)) return undefined;
    asking.add(name);
    try {
      return classOf(values[0]!);
    } finally {
      asking.delete(name);
    }
  };
}
