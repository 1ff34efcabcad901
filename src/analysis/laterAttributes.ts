import type { IrClass, IrExpr, IrFunction, IrParam, IrStmt, IrTarget } from '../ir/nodes';
import { childStmts, someNode } from '../ir/walk';

/**
 * Attributes of its instance a method reads that the class's constructor leaves unset, or sets to
 * None, and another method of the class sets to something else: a model's `self.weights` that `fit`
 * makes (`predict(self, X)` reads it), numpy-ml's `self.beta = None` until `fit`. Made as the
 * constructor makes the instance, such a method fails on every sample; as a user runs it (after
 * `fit`), the attribute holds an array. Empty when the method reads none.
 */
export function laterAttributes(classes: readonly IrClass[], clsName: string, method: IrFunction): string[] {
  const chain = classChain(classes, clsName);
  if (chain.length === 0) return [];
  const receiver = receiverOf(chain, method.name);
  if (!receiver) return [];
  const read = new Set<string>();
  someNode(method.body, {
    expr: (e) => {
      const attr = receiverAttribute(e, receiver);
      if (attr !== undefined) read.add(attr);
      return false;
    },
  });
  const classLevel = new Set(chain.flatMap((c) => c.attributes.map((a) => a.name)));
  const short = method.name.split('.').pop();
  const later: string[] = [];
  for (const attr of read) {
    if (classLevel.has(attr)) continue;
    let fromConstructor = false;
    let elsewhere = false;
    for (const c of chain) {
      for (const m of c.methods) {
        if (m.fn.name === short || m.binding !== 'instance') continue;
        const self = m.fn.params[0]?.name;
        if (!self) continue;
        for (const value of assignedValues(m.fn.body, self, attr)) {
          if (m.role?.kind === 'constructor') fromConstructor ||= value.kind !== 'none';
          else elsewhere ||= value.kind !== 'none';
        }
      }
    }
    if (!fromConstructor && elsewhere) later.push(attr);
  }
  return later;
}

/**
 * `method` (as listed: without its receiver parameter) with each of `attrs` read as a parameter of
 * its own, for shape inference to say what the attribute must be; `names` maps each attribute to
 * the parameter standing for it (its own name unless the method already uses that name).
 */
export function withAttributesAsParameters(method: IrFunction, receiver: string, attrs: readonly string[]): { fn: IrFunction; names: ReadonlyMap<string, string> } {
  const taken = new Set<string>([...method.params.map((p) => p.name)]);
  someNode(method.body, {
    expr: (e) => (e.kind === 'name' && taken.add(e.name), false),
    stmt: (s) => (s.kind === 'assign' && collectNames(s.target, taken), false),
  });
  const names = new Map<string, string>();
  for (const a of attrs) {
    let n = taken.has(a) ? `${receiver}_${a}` : a;
    while (taken.has(n)) n = `_${n}`;
    taken.add(n);
    names.set(a, n);
  }
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node === null || typeof node !== 'object') return node;
    const attr = receiverAttribute(node as IrExpr, receiver);
    if (attr !== undefined && names.has(attr)) return { kind: 'name', name: names.get(attr)!, range: (node as IrExpr).range };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'range' ? v : replace(v);
    return out;
  };
  const params: IrParam[] = [...method.params, ...attrs.map((a): IrParam => ({ name: names.get(a)!, range: method.nameRange }))];
  return { fn: { ...method, params, body: replace(method.body) as readonly IrStmt[] }, names };
}

/** The receiver's name in `methodName` of the first class of `chain` that has it (`self`). */
export function receiverOf(chain: readonly IrClass[], methodName: string): string | undefined {
  const short = methodName.split('.').pop();
  const m = chain.flatMap((c) => c.methods).find((x) => x.fn.name === short || x.fn.name === methodName);
  return m?.binding === 'instance' ? m.fn.params[0]?.name : undefined;
}

/** The class and its bases defined in the same module, nearest first. */
export function classChain(classes: readonly IrClass[], name: string, seen = new Set<string>()): IrClass[] {
  const cls = classes.find((c) => c.name === name);
  if (!cls || seen.has(name)) return [];
  seen.add(name);
  return [cls, ...cls.bases.flatMap((b) => (b.kind === 'name' ? classChain(classes, b.name, seen) : []))];
}

function receiverAttribute(e: IrExpr, receiver: string): string | undefined {
  return e.kind === 'attribute' && !e.property && e.object.kind === 'name' && e.object.name === receiver ? e.name : undefined;
}

/** The values `body` assigns to `receiver.attr` (`self.w = …`, `self.w, self.b = …` as a whole), nested blocks included. */
function assignedValues(body: readonly IrStmt[], receiver: string, attr: string): IrExpr[] {
  const out: IrExpr[] = [];
  const targets = (t: IrTarget): boolean => (t.kind === 'tuple' ? t.elements.some(targets) : t.kind === 'attribute' && t.object.kind === 'name' && t.object.name === receiver && t.name === attr);
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if ((s.kind === 'assign' || s.kind === 'augAssign') && targets(s.target)) out.push(s.kind === 'assign' && s.target.kind !== 'tuple' ? s.value : { kind: 'tuple', elements: [], range: s.range });
      visit(childStmts(s));
    }
  };
  visit(body);
  return out;
}

function collectNames(t: IrTarget, into: Set<string>): void {
  if (t.kind === 'name') into.add(t.name);
  else if (t.kind === 'tuple') for (const e of t.elements) collectNames(e, into);
}
