import { fail } from '../../core/diagnostic';
import type { IrExpr, IrStmt } from '../../ir/nodes';
import { isChangingMethod } from '../../ir/moduleNames';
import { someNode } from '../../ir/walk';
import type { ExprFn, Frame } from './compiled';
import type { CompilerParts } from './constructs';
import type { Scope } from './scope';
import type { IteratorValue, Value } from './values';

/**
 * A generator's body ran to its end when it was called (frontends/python/generators.ts), so a loop
 * over it that changes, between two items, what the generator was given would be seen by Python's
 * generator and not by GradLens's: refused, located at the loop. What the loop body writes into — an
 * element or attribute of a name, a changing method on it (`s['x'] += v`, `acc.append(v)`) — is
 * compared by identity with the generator's arguments when the loop starts.
 */
export interface WrittenNames {
  readonly names: readonly string[];
  readonly reads: readonly ExprFn[];
}

export function writtenNames(c: CompilerParts, body: readonly IrStmt[], scope: Scope): WrittenNames | undefined {
  const names = new Set<string>();
  const baseName = (e: IrExpr): void => {
    let base = e;
    while (base.kind === 'attribute' || base.kind === 'index') base = base.object;
    if (base.kind === 'name') names.add(base.name);
  };
  someNode(body, {
    stmt: (s) => ((s.kind === 'assign' || s.kind === 'augAssign') && (s.target.kind === 'attribute' || s.target.kind === 'index') && baseName(s.target), false),
    expr: (e) => (e.kind === 'call' && e.callee.kind === 'attribute' && isChangingMethod(e.callee.name) && baseName(e.callee.object), false),
  });
  if (names.size === 0) return undefined;
  const list = [...names];
  return { names: list, reads: list.map((name) => c.expr({ kind: 'name', name, range: body[0]!.range }, scope)) };
}

export function refuseChangedArguments(f: Frame, it: IteratorValue, written: WrittenNames, site: number): void {
  const args = it.args;
  if (!args || it.position >= it.items.length) return;
  written.reads.forEach((read, i) => {
    let v: Value | undefined;
    try {
      v = read(f);
    } catch {
      return;
    }
    if (typeof v === 'object' && args.includes(v)) {
      fail('unsupported', `this loop changes ${written.names[i]}, which the generator ${it.generator} was given, between its items: GradLens ran the generator's body to its end when it was called, so it would not see the change`, f.rt.sites[site]!);
    }
  });
}
