import type { IrStmt } from '../ir/nodes';
import { refuse } from './steps';

/**
 * `break`, `continue` and `return` inside loops, in reverse mode. The loop body is rewritten so that
 * every path through it runs to the iteration's end: the code after an `if` that jumps moves into
 * the branches that do not jump (as an early return's does), a `continue` then ends its path (a
 * C-style loop's update still runs after it), and a `break` stays at the end of its path, where
 * reverse.ts sets the loop's exit flag; the primal loop leaves after that iteration's values are
 * pushed. The reverse loop needs nothing more: the stack holds one entry per iteration that ran (the
 * trip count), and each entry's branch tests, repeated on that iteration's values, choose the path it
 * took. A `return` inside a loop is a `break` that keeps its value first (`returnsOutOfLoop`).
 */

/** How much larger than the body its straightened form may grow (code after a jump copied into branches). */
const MAX_GROWTH = 4;

/** True when `stmts` (outside nested loops) hold a `break` or `continue` of the loop they are in. */
export function jumpsOut(stmts: readonly IrStmt[]): boolean {
  return stmts.some((s) => s.kind === 'break' || s.kind === 'continue' || (s.kind === 'if' && (jumpsOut(s.then) || jumpsOut(s.else))));
}

/**
 * The body with every jump at the end of its path: `continue` replaced by `tail` (a C-style loop's
 * update, else nothing), a path that falls off the end followed by `tail`, a `break` kept last.
 * `label` is the loop's own; a jump naming another loop is refused.
 */
export function straighten(body: readonly IrStmt[], tail: readonly IrStmt[], label: string | undefined): IrStmt[] {
  const walk = (stmts: readonly IrStmt[]): IrStmt[] => {
    const out: IrStmt[] = [];
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i]!;
      if (s.kind === 'break' || s.kind === 'continue') {
        if (s.label !== undefined && s.label !== label) refuse(`${s.kind} ${s.label}: a jump out of an enclosing loop or block is not written yet`, s.range);
        return s.kind === 'continue' ? [...out, ...tail] : [...out, { kind: 'break', range: s.range }];
      }
      if (s.kind === 'if' && (jumpsOut(s.then) || jumpsOut(s.else))) {
        const rest = stmts.slice(i + 1);
        return [...out, { ...s, then: walk([...s.then, ...rest]), else: walk([...s.else, ...rest]) }];
      }
      out.push(s);
    }
    return [...out, ...tail];
  };
  const straight = walk(body);
  if (size(straight) > MAX_GROWTH * size([...body, ...tail]) + 8) {
    refuse('a break or continue here would repeat the code after it in too many branches: not written yet', body[0]?.range ?? tail[0]!.range);
  }
  return straight;
}

function size(stmts: readonly IrStmt[]): number {
  return stmts.reduce((n, s) => n + 1 + (s.kind === 'if' ? size(s.then) + size(s.else) : s.kind === 'for' || s.kind === 'while' ? size(s.body) : 0), 0);
}

/** True when a `return` sits in `stmts` inside a loop (at any depth). */
export function returnsInLoop(stmts: readonly IrStmt[], inLoop: boolean): boolean {
  return stmts.some(
    (s) =>
      (s.kind === 'return' && inLoop) ||
      (s.kind === 'if' && (returnsInLoop(s.then, inLoop) || returnsInLoop(s.else, inLoop))) ||
      ((s.kind === 'for' || s.kind === 'while') && returnsInLoop(s.body, true)),
  );
}

/**
 * A loop with a `return` in its body (not in a loop nested in it), as statements without one: the
 * value kept in `kept` and `returned` set before the loop is left by a `break`, then after the loop
 * `if returned: return kept` (the code after the loop then runs only on the other branch, as after
 * any early return). `kept` starts as 0.0 so it is a value every iteration carries.
 */
export function returnsOutOfLoop(loop: IrStmt & { kind: 'for' | 'while' }, names: { kept: string; returned: string }): IrStmt[] {
  const r = loop.range;
  const name = (n: string) => ({ kind: 'name' as const, name: n, range: r });
  const rewrite = (stmts: readonly IrStmt[]): IrStmt[] =>
    stmts.flatMap((s): IrStmt[] => {
      if (s.kind === 'return') {
        if (!s.value) refuse('a return without a value has no derivative', s.range);
        return [
          { kind: 'assign', target: name(names.kept), value: s.value!, range: s.range },
          { kind: 'assign', target: name(names.returned), value: { kind: 'bool', value: true, range: s.range }, range: s.range },
          { kind: 'break', range: s.range },
        ];
      }
      if (s.kind === 'if') return [{ ...s, then: rewrite(s.then), else: rewrite(s.else) }];
      if ((s.kind === 'for' || s.kind === 'while') && returnsInLoop(s.body, true)) refuse('a return inside a nested loop is not written yet', s.range);
      return [s];
    });
  return [
    { kind: 'assign', target: name(names.kept), value: { kind: 'number', value: 0, range: r }, range: r },
    { kind: 'assign', target: name(names.returned), value: { kind: 'bool', value: false, range: r }, range: r },
    { ...loop, body: rewrite(loop.body) },
    { kind: 'if', test: name(names.returned), then: [{ kind: 'return', value: name(names.kept), range: r }], else: [], range: r },
  ];
}
