import type { IrStmt } from '../../ir/nodes';
import { Signal, type Frame, type StmtFn } from './compiled';
import type { CompilerParts } from './constructs';
import { truthTest } from './operators';
import type { Scope } from './scope';
import { iterate } from './sequences';
import { refuseChangedArguments, writtenNames } from './generatorLoops';
import { DictValue, IteratorValue, RangeValue, SequenceValue } from './values';
import { fail } from '../../core/diagnostic';

/**
 * The compilers of `for` and `while` (compile.ts's compiler given as `c`). Each iteration takes a
 * step from the budget; `break`/`continue` and labelled jumps come back from the body as signals.
 */

type IrFor = IrStmt & { kind: 'for' };
type IrWhile = IrStmt & { kind: 'while' };

/** `for target in iterable`. */
export function compileFor(c: CompilerParts, s: IrFor, scope: Scope): StmtFn {
  const assign = c.target(s.target, scope);
  const iter = c.expr(s.iterable, scope);
  const body = c.block(s.body, scope);
  const site = c.site(s.range);
  const what = `the for loop at line ${s.range.start.line + 1}`;
  const label = s.label;
  // A local name's slot is written here, as compileTarget writes it: one call fewer per iteration.
  const slot = s.target.kind === 'name' ? (scope.slots.get(s.target.name) ?? -1) : -1;
  const javaScript = c.language === 'typescript';
  const written = writtenNames(c, s.body, scope);
  return (f) => {
    const it = iter(f);
    if (written && it instanceof IteratorValue) refuseChangedArguments(f, it, written, site);
    // Python walks a dict's keys; JavaScript's for…of refuses a plain object (a TypeError).
    if (javaScript && it instanceof DictValue) fail('type', 'an object is not iterable: for…of walks arrays (write `for (const k in o)`, `Object.values(o)` or `Object.entries(o)`)', f.rt.sites[site]!);
    // A range is read lazily; a list through a live index, as Python iterates a list the body appends to.
    // An iterator (a generator's) gives one item per iteration, so that a `break` leaves it the rest
    // and a `next()` in the body takes the one after.
    const once = it instanceof IteratorValue ? it : undefined;
    const items = it instanceof RangeValue ? undefined : it instanceof SequenceValue ? it.items : once ? once.items : iterate(f.rt, it, site, 'a for loop');
    const n = items ? Infinity : (it as RangeValue).length;
    for (let i = once ? once.position : 0; items ? i < items.length : i < n; i = once ? once.position : i + 1) {
      f.rt.step(site, what);
      if (once) once.position = i + 1;
      const v = items ? items[i]! : (it as RangeValue).at(i);
      if (slot >= 0) f.slots[slot] = v;
      else assign(f, v);
      const signal = body(f);
      if (signal !== Signal.Normal) {
        const flow = loopFlow(f, signal, label);
        if (flow === Flow.Break) break;
        if (flow === Flow.Exit) return signal;
      }
    }
    return Signal.Normal;
  };
}

/** `while test`, with the update a JavaScript `for (;;)` or `do … while` lowers to. */
export function compileWhile(c: CompilerParts, s: IrWhile, scope: Scope): StmtFn {
  const test = c.expr(s.test, scope);
  const body = c.block(s.body, scope);
  const update = s.update && s.update.length > 0 ? c.block(s.update, scope) : undefined;
  const site = c.site(s.range);
  const what = `the while loop at line ${s.range.start.line + 1}`;
  const label = s.label;
  const truth = truthTest(c.language);
  return (f) => {
    while (truth(test(f), f.rt, site)) {
      f.rt.step(site, what);
      const signal = body(f);
      if (signal !== Signal.Normal) {
        const flow = loopFlow(f, signal, label);
        if (flow === Flow.Break) break;
        if (flow === Flow.Exit) return signal;
      }
      // A `break` in the update ends the loop (a `do … while` test lowered as an update).
      if (update && update(f) === Signal.Break) break;
    }
    return Signal.Normal;
  };
}

const enum Flow {
  Next,
  Break,
  /** The signal is not this loop's: a `return`, or a labelled jump to an enclosing statement. */
  Exit,
}

/** What a loop does after its body ended with `signal` (not Normal). */
function loopFlow(f: Frame, signal: Signal, label: string | undefined): Flow {
  if (signal === Signal.Return) return Flow.Exit;
  if (f.jumpLabel !== undefined) {
    if (f.jumpLabel !== label) return Flow.Exit;
    f.jumpLabel = undefined;
  }
  return signal === Signal.Break ? Flow.Break : Flow.Next;
}
