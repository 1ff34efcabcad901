import { sourceRange } from '../../core/sourceRange';
import type { IrExpr, IrGlobal, IrStmt, IrTarget } from '../../ir/nodes';
import { someExpr } from '../../ir/walk';
import type { TopStatement } from './document';
import { BUILTIN_ALIASES, BUILTIN_INTRINSICS } from './libraryNames';
import { lowerStatement } from './lowerStatements';
import type { SyntaxNode } from '@lezer/common';
import { children, type SourceView } from './parse';
import type { Scope } from './scope';

/** Python's builtins that are intrinsics, bound first so that imports, constants and defs can shadow them. */
export function builtinGlobals(): IrGlobal[] {
  const nowhere = sourceRange(0, 0, 0, 0);
  return [
    ...BUILTIN_INTRINSICS.map((name): IrGlobal => ({ kind: 'intrinsic', name, intrinsic: name, range: nowhere })),
    ...Object.entries(BUILTIN_ALIASES).map(([name, intrinsic]): IrGlobal => ({ kind: 'intrinsic', name, intrinsic, range: nowhere })),
  ];
}

/**
 * Module-level assignments (`ALPHA = 0.5`, `W = [1.0, 2.0]`, `A = B = 0`, `N += 1`) as constants, the
 * last assignment winning as it would by the time a function runs. A value may call the file's own
 * functions (`train_targets = predictions(true_weights, train_inputs) > 0.5`, `X, y = make_data(20)`):
 * a constant is evaluated when a run first reads it, once per run (engine/module.ts), so such a call
 * runs then, under the run's budgets. Unpacking a value that is no tuple display (`X, y = make_data()`)
 * binds a hidden constant to the value, evaluated once, and each name to its part.
 */
export function moduleConstants(
  statements: readonly TopStatement[],
  scopeFor: (view: SourceView) => Scope,
  userNames: ReadonlySet<string>,
  internal: (e: unknown, s: TopStatement) => void,
): IrGlobal[] {
  const constants = new Map<string, IrGlobal>();
  const bind = (target: IrTarget, given: IrExpr, range: IrGlobal['range']): void => {
    let value = given;
    if (target.kind === 'name') {
      // `Y = g(Y)`: the Y it reads is the one bound before, kept under a name no Python name can be.
      const previous = constants.get(target.name);
      if (previous?.kind === 'constant' && someExpr(value, (x) => x.kind === 'name' && x.name === target.name) && !someExpr(value, bindsNames)) {
        const earlier = `${PREVIOUS}${range.start.line}:${range.start.column}`;
        constants.set(earlier, { ...previous, name: earlier });
        value = renamed(value, target.name, earlier);
      }
      constants.delete(target.name);
      constants.set(target.name, { kind: 'constant', name: target.name, value, range });
    } else if (target.kind === 'tuple' && (given.kind === 'tuple' || given.kind === 'list') && given.elements.length === target.elements.length) {
      target.elements.forEach((t, i) => bind(t, given.elements[i]!, range));
    } else if (target.kind === 'tuple' && callsAny(value, userNames) && target.elements.every((t) => t.kind === 'name')) {
      // `X, y = make_data(20)`: one call, its parts named. No Python name can hold the separator.
      const whole = `${UNPACKED}${range.start.line}:${range.start.column}`;
      constants.set(whole, { kind: 'constant', name: whole, value, range });
      target.elements.forEach((t, i) => {
        const part: IrExpr = { kind: 'index', object: { kind: 'name', name: whole, range }, index: { kind: 'number', value: i, range: t.range }, range: t.range };
        bind(t, part, range);
      });
    } else {
      namesIn(target).forEach((n) => constants.delete(n));
    }
  };
  const apply = (s: IrStmt): void => {
    if (s.kind === 'assign') bind(s.target, s.value, s.range);
    else if (s.kind === 'augAssign' && s.target.kind === 'name') {
      const previous = constants.get(s.target.name);
      if (previous?.kind !== 'constant') return void constants.delete(s.target.name);
      bind(s.target, { kind: 'binary', op: s.op, left: previous.value, right: s.value, range: s.range }, s.range);
    }
  };
  for (const s of statements) {
    if (s.errors.length > 0) continue;
    const nodes = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
    try {
      for (const n of nodes) {
        if (n.name === 'AssignStatement' || n.name === 'UpdateStatement') lowerStatement(n, scopeFor(s.view)).forEach(apply);
        // `if __name__ == "__main__":` runs when the file is the program: its assignments (at its
        // own top level, in order) are module constants for the functions that read them.
        for (const inner of mainBlockStatements(n, s.view)) {
          if (inner.name === 'AssignStatement' || inner.name === 'UpdateStatement') lowerStatement(inner, scopeFor(s.view)).forEach(apply);
        }
      }
    } catch (e) {
      internal(e, s);
    }
  }
  return [...constants.values()];
}

/** The statements directly in the body of `if __name__ == "__main__":` (either operand order, either quote); none for another statement. */
export function mainBlockStatements(node: SyntaxNode, view: SourceView): SyntaxNode[] {
  if (node.name !== 'IfStatement') return [];
  const parts = children(node);
  const condition = parts[1];
  const body = parts[2];
  if (!condition || condition.name !== 'BinaryExpression' || body?.name !== 'Body') return [];
  if (parts.length > 3) return []; // an elif or else: the guard is not the plain one
  const text = view.textOf(condition).replace(/\s+/g, '');
  if (!/^(__name__==(['"])__main__\2|(['"])__main__\3==__name__)$/.test(text)) return [];
  return children(body).flatMap((c) => (c.name === 'StatementGroup' ? children(c) : [c]));
}

/** The start of a hidden constant's name: the value a module-level `a, b = f(…)` unpacks. */
const UNPACKED = 'unpacked value@';
const PREVIOUS = 'earlier value@';

/** Expressions that bind names of their own (a lambda's parameters, a comprehension's targets). */
const bindsNames = (x: IrExpr): boolean => x.kind === 'lambda' || x.kind === 'comprehension' || x.kind === 'function' || x.kind === 'effect';

/** `e` with every read of the name `from` reading `to` (e binds no names of its own: bindsNames). */
function renamed(e: IrExpr, from: string, to: string): IrExpr {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const node = v as Record<string, unknown>;
    if (node.kind === 'name' && node.name === from) return { ...node, name: to };
    return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, k === 'range' ? x : walk(x)]));
  };
  return walk(e) as IrExpr;
}

function namesIn(target: IrTarget): string[] {
  if (target.kind === 'name') return [target.name];
  return target.kind === 'tuple' ? target.elements.flatMap(namesIn) : [];
}

function callsAny(e: IrExpr, names: ReadonlySet<string>): boolean {
  const sub = (x: IrExpr | undefined): boolean => x !== undefined && callsAny(x, names);
  switch (e.kind) {
    case 'call':
      return (e.callee.kind === 'name' && names.has(e.callee.name)) || sub(e.callee) || e.args.some(sub) || e.keywords.some((k) => sub(k.value));
    case 'binary':
    case 'logical':
      return sub(e.left) || sub(e.right);
    case 'sum':
      return e.terms.some(sub);
    case 'unary':
      return sub(e.operand);
    case 'compare':
      return e.operands.some(sub);
    case 'conditional':
      return sub(e.test) || sub(e.then) || sub(e.else);
    case 'list':
    case 'tuple':
      return e.elements.some(sub);
    case 'index':
      return sub(e.object) || sub(e.index);
    case 'slice':
      return sub(e.lower) || sub(e.upper) || sub(e.step);
    case 'attribute':
      return sub(e.object);
    case 'lambda':
      // Its body runs only when called, like a def's.
      return e.params.some((p) => sub(p.default));
    default:
      return false;
  }
}
