import { sourceRange } from '../../core/sourceRange';
import type { IrExpr, IrGlobal, IrStmt, IrTarget } from '../../ir/nodes';
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
  const bind = (target: IrTarget, value: IrExpr, range: IrGlobal['range']): void => {
    if (target.kind === 'name') {
      constants.delete(target.name);
      constants.set(target.name, { kind: 'constant', name: target.name, value, range });
    } else if (target.kind === 'tuple' && (value.kind === 'tuple' || value.kind === 'list') && value.elements.length === target.elements.length) {
      target.elements.forEach((t, i) => bind(t, value.elements[i]!, range));
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
