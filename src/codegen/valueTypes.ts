import type { IrExpr, IrStmt, IrTarget } from '../ir/nodes';

/**
 * The TypeScript type of each name generated code assigns, so the declarations it hoists and the
 * stacks its loops push on type-check under `tsc --strict`: a name is `boolean` when every value it
 * is given is a truth value (a flag a `break` sets, a comparison), else `number`. Loop stacks hold
 * tuples of these.
 */

export type ValueType = 'number' | 'boolean';

export interface ValueTypes {
  /** A name's type (`number` when nothing says otherwise). */
  of(name: string): ValueType;
  /** The type of a loop's stack: `number[][]`, or a tuple of what each iteration pushes when a flag is among them (`[number, boolean][]`). */
  stack(name: string): string;
}

interface Facts {
  readonly assigned: [string, IrExpr][];
  /** Stack name → the tuple each iteration pushes. */
  readonly pushes: Map<string, readonly IrExpr[]>;
  /** Names unpacked from a stack's pop, by position. */
  readonly pops: [readonly IrTarget[], string][];
}

export function valueTypes(stmts: readonly IrStmt[]): ValueTypes {
  const facts: Facts = { assigned: [], pushes: new Map(), pops: [] };
  collect(stmts, facts);
  const types = new Map<string, ValueType>();
  const typeOf = (e: IrExpr): ValueType | undefined => {
    switch (e.kind) {
      case 'bool':
      case 'compare':
        return 'boolean';
      case 'unary':
        return e.op === 'not' ? 'boolean' : 'number';
      case 'logical':
        return typeOf(e.left) === 'boolean' && typeOf(e.right) === 'boolean' ? 'boolean' : undefined;
      case 'name':
        return types.get(e.name);
      case 'none':
        return undefined;
      case 'conditional':
        return typeOf(e.then) ?? typeOf(e.else);
      default:
        return 'number';
    }
  };
  const give = (name: string, t: ValueType | undefined): boolean => {
    if (!t || types.get(name) === 'number' || types.get(name) === t) return false;
    // A name given a number anywhere is a number.
    types.set(name, types.has(name) ? 'number' : t);
    return true;
  };
  for (let pass = 0, changed = true; changed && pass < 20; pass++) {
    changed = false;
    for (const [name, value] of facts.assigned) changed = give(name, typeOf(value)) || changed;
    for (const [targets, stack] of facts.pops) {
      const pushed = facts.pushes.get(stack) ?? [];
      targets.forEach((t, i) => {
        if (t.kind === 'name' && pushed[i]) changed = give(t.name, typeOf(pushed[i]!)) || changed;
      });
    }
  }
  const of = (name: string): ValueType => types.get(name) ?? 'number';
  return {
    of,
    stack: (name) => {
      const pushed = facts.pushes.get(name);
      const elements = (pushed ?? []).map((e) => (e.kind === 'name' ? of(e.name) : (typeOf(e) ?? 'number')));
      // Numbers only: an array of arrays reads best; with a flag among them, the tuple it is.
      return elements.every((t) => t === 'number') ? 'number[][]' : `[${elements.join(', ')}][]`;
    },
  };
}

function collect(stmts: readonly IrStmt[], facts: Facts): void {
  for (const s of stmts) {
    if (s.kind === 'assign') {
      if (s.target.kind === 'name') facts.assigned.push([s.target.name, s.value]);
      else if (s.target.kind === 'tuple') {
        const stack = popped(s.value);
        if (stack) facts.pops.push([s.target.elements, stack]);
      }
    } else if (s.kind === 'expr') {
      const v = s.value;
      if (v.kind === 'call' && v.callee.kind === 'attribute' && v.callee.name === 'append' && v.callee.object.kind === 'name' && v.args[0]?.kind === 'tuple') {
        facts.pushes.set(v.callee.object.name, v.args[0].elements);
      }
    } else if (s.kind === 'if') {
      collect(s.then, facts);
      collect(s.else, facts);
    } else if (s.kind === 'for' || s.kind === 'while') {
      collect(s.body, facts);
    }
  }
}

function popped(e: IrExpr): string | undefined {
  return e.kind === 'call' && e.callee.kind === 'attribute' && e.callee.name === 'pop' && e.callee.object.kind === 'name' ? e.callee.object.name : undefined;
}
