import type { IrClass, IrExpr, IrMethod, IrStmt, IrTarget } from './nodes';
import { childExprs, childStmts, someNode, stmtExprs } from './walk';

/**
 * The explicit parameters a method uses as instances of its own class: `def distance_to(self,
 * other)` reading `other.position`, `other.speed`, `other.kinetic_energy()`. A parameter qualifies
 * when the method reads attributes of it and every attribute it reads is a member of the class (a
 * method, a class attribute, or a name the class's methods read or write on their receiver, its
 * bases' included). A point's object for such a parameter is made into an instance of the class, as
 * `self:` values make the receiver; a plain object would have no methods (and in Python no
 * attributes at all). Nested functions are not looked into.
 */
export function sameClassParameters(method: IrMethod, cls: IrClass, classes: readonly IrClass[]): string[] {
  const explicit = (method.binding === 'static' ? method.fn.params : method.fn.params.slice(1)).filter((p) => p.kind === undefined || p.kind === 'kwonly');
  if (explicit.length === 0) return [];
  const members = classMembers(cls, classes);
  const receiver = method.binding === 'instance' ? method.fn.params[0]?.name : undefined;
  const operators = cls.methods.some((m) => m.role?.kind === 'binary');
  const reads = new Map<string, Set<string>>(explicit.map((p) => [p.name, new Set<string>()]));
  // `self - other` with an operator method of the class; `self.dot(other)` where `dot` reads its
  // parameter as an instance: uses of an instance too.
  const combined = new Set<string>();
  const isParam = (e: IrExpr): string | undefined => (e.kind === 'name' && reads.has(e.name) ? e.name : undefined);
  const isReceiver = (e: IrExpr): boolean => receiver !== undefined && e.kind === 'name' && e.name === receiver;
  const visit = (e: IrExpr): void => {
    if (e.kind === 'attribute' && e.object.kind === 'name') reads.get(e.object.name)?.add(e.name);
    if (e.kind === 'binary' && operators) {
      const p = (isReceiver(e.left) && isParam(e.right)) || (isReceiver(e.right) && isParam(e.left));
      if (p) combined.add(p);
    }
    if (e.kind === 'call' && e.callee.kind === 'attribute' && isReceiver(e.callee.object)) {
      const callee = cls.methods.find((m) => m.fn.name === (e.callee as { name: string }).name && m.binding === 'instance');
      e.args.forEach((a, i) => {
        const p = isParam(a);
        const theirs = callee?.fn.params[i + 1]?.name;
        if (p && callee && callee !== method && theirs && readsAsInstance(callee, theirs, members)) combined.add(p);
      });
    }
    for (const c of childExprs(e)) visit(c);
  };
  walkBody(method.fn.body, visit);
  return explicit
    .map((p) => p.name)
    .filter((n) => {
      const names = reads.get(n)!;
      return [...names].every((a) => members.has(a)) && (names.size > 0 || combined.has(n));
    });
}

/** Whether `method` reads attributes of its parameter `param`, every one a member of the class. */
function readsAsInstance(method: IrMethod, param: string, members: ReadonlySet<string>): boolean {
  const names = new Set<string>();
  const visit = (e: IrExpr): void => {
    if (e.kind === 'attribute' && e.object.kind === 'name' && e.object.name === param) names.add(e.name);
    for (const c of childExprs(e)) visit(c);
  };
  walkBody(method.fn.body, visit);
  return names.size > 0 && [...names].every((a) => members.has(a));
}

/**
 * Each class's members, with the bases its walk found by name: valid while `classes` names the
 * same bases. Every method's reading of its parameters asks for the members of every class in
 * scope, and walking all their bodies each time was a fifth of a 2,000-line file's cold sample search.
 */
const membersOf = new WeakMap<IrClass, { readonly bases: ReadonlyMap<string, IrClass | undefined>; readonly members: ReadonlySet<string> }>();

/** Methods, class attributes and receiver attributes of `cls` and of its bases found among `classes`. */
export function classMembers(cls: IrClass, classes: readonly IrClass[]): ReadonlySet<string> {
  const kept = membersOf.get(cls);
  if (kept && [...kept.bases].every(([name, base]) => classes.find((k) => k.name === name) === base)) return kept.members;
  const members = new Set<string>();
  const bases = new Map<string, IrClass | undefined>();
  const seen = new Set<IrClass>();
  const add = (c: IrClass): void => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const a of c.attributes) members.add(a.name);
    for (const f of c.frozen?.fields ?? []) members.add(f);
    for (const f of c.tupleFields ?? []) members.add(f);
    for (const m of c.methods) {
      members.add(m.fn.name);
      if (m.role?.kind === 'setter') members.add(m.role.attribute);
      const receiver = m.binding === 'static' || m.binding === 'class' ? undefined : m.fn.params[0]?.name;
      if (!receiver) continue;
      walkBody(m.fn.body, (e) => collect(e, receiver, members));
      walkTargets(m.fn.body, receiver, members);
    }
    for (const b of c.bases) {
      if (b.kind !== 'name') continue;
      const base = classes.find((k) => k.name === b.name);
      bases.set(b.name, base);
      if (base) add(base);
    }
  };
  add(cls);
  membersOf.set(cls, { bases, members });
  return members;
}

/**
 * The attributes an instance method reads on its receiver — directly (`this.x`, `self.w += …`) or
 * through the methods and getters of its class it calls there (`normalize()` calling `this.length()`):
 * what a method without parameters is differentiated with respect to (`Vector3.length` → x, y, z).
 * Method names are left out; which of these hold numbers is known only on an instance.
 */
export function receiverFields(method: IrMethod, cls: IrClass, classes: readonly IrClass[]): string[] {
  if (method.binding !== 'instance') return [];
  const methods = new Map<string, IrMethod>();
  const seen = new Set<IrClass>();
  const own = (c: IrClass): void => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const m of c.methods) if (!methods.has(m.fn.name) && (m.binding === 'instance' || m.binding === 'getter')) methods.set(m.fn.name, m);
    for (const b of c.bases) {
      const base = b.kind === 'name' ? classes.find((k) => k.name === b.name) : undefined;
      if (base) own(base);
    }
  };
  own(cls);
  const read = new Set<string>();
  const visited = new Set<IrMethod>();
  const visit = (m: IrMethod): void => {
    if (visited.has(m)) return;
    visited.add(m);
    for (const n of receiverNames(m)) {
      const callee = methods.get(n);
      if (callee) visit(callee);
      else read.add(n);
    }
  };
  visit(method);
  return [...read];
}

/**
 * The attributes and methods `m`'s body names on its receiver, by body: IR is never changed, and an
 * edit elsewhere keeps a definition's (frontends/python/reusedLowering.ts) while every class is
 * compiled again (its methods copied: shared/derivativeAnnotations.ts).
 */
const receiverNamesOf = new WeakMap<readonly IrStmt[], { readonly receiver: string; readonly names: ReadonlySet<string> }>();

export function receiverNames(m: IrMethod): ReadonlySet<string> {
  const receiver = m.fn.params[0]?.name;
  if (!receiver) return new Set();
  const known = receiverNamesOf.get(m.fn.body);
  if (known?.receiver === receiver) return known.names;
  const names = new Set<string>();
  walkBody(m.fn.body, (e) => collect(e, receiver, names));
  walkAugmented(m.fn.body, receiver, names);
  receiverNamesOf.set(m.fn.body, { receiver, names });
  return names;
}

/** `self.x += …`: the attribute is read as well as stored. */
function walkAugmented(body: readonly IrStmt[], receiver: string, out: Set<string>): void {
  for (const s of body) {
    if (s.kind === 'augAssign' && s.target.kind === 'attribute' && s.target.object.kind === 'name' && s.target.object.name === receiver) out.add(s.target.name);
    walkAugmented(childStmts(s), receiver, out);
  }
}

function collect(e: IrExpr, receiver: string, out: Set<string>): void {
  if (e.kind === 'attribute' && e.object.kind === 'name' && e.object.name === receiver) out.add(e.name);
  for (const c of childExprs(e)) collect(c, receiver, out);
}

/** `self.x = …`, `self.x += …`, `self.x, self.y = …`: attributes a method stores on its receiver. */
function walkTargets(body: readonly IrStmt[], receiver: string, out: Set<string>): void {
  const target = (t: IrTarget): void => {
    if (t.kind === 'attribute' && t.object.kind === 'name' && t.object.name === receiver) out.add(t.name);
    else if (t.kind === 'tuple') t.elements.forEach(target);
  };
  for (const s of body) {
    if (s.kind === 'assign' || s.kind === 'augAssign') target(s.target);
    walkTargets(childStmts(s), receiver, out);
  }
}

/** Every expression of `body` outside nested function bodies, each statement's top expressions first. */
export function walkBody(body: readonly IrStmt[], visit: (e: IrExpr) => void): void {
  for (const s of body) {
    for (const e of stmtExprs(s)) visit(e);
    walkBody(childStmts(s), visit);
  }
}

/**
 * The elements a method of a class extending a typed array reads or writes on its receiver at a
 * constant index (gl-matrix's `negate() { this[0] *= -1; this[1] *= -1; }`): its fields, as the
 * properties "0", "1" JavaScript gives them.
 */
export function receiverElements(method: IrMethod): string[] {
  const receiver = method.binding === 'instance' ? method.fn.params[0]?.name : undefined;
  const found = new Set<number>();
  const element = (e: IrExpr | IrTarget): void => {
    if (e.kind !== 'index' || e.object.kind !== 'name' || e.object.name !== receiver || e.index.kind !== 'number') return;
    if (Number.isInteger(e.index.value) && e.index.value >= 0) found.add(e.index.value);
  };
  someNode(method.fn.body, {
    expr: (e) => (element(e), false),
    stmt: (s) => ((s.kind === 'assign' || s.kind === 'augAssign') && element(s.target), false),
  });
  return [...found].sort((a, b) => a - b).map(String);
}

