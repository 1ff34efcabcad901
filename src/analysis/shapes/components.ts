import type { SourceRange } from '../../core/sourceRange';
import type { IrClass, IrFunction } from '../../ir/nodes';
import { wordsInIr } from '../dependencies';

/**
 * Which of a module's functions shape inference must read together (issue 23: an edit of one
 * function should not read the whole file again). Inference shares state between two functions only
 * where one reaches the other by a name: a call (`helper(x)`, `Class.method`, `Neuron(nin)`: the
 * class's constructor), a method's receiver (its class's constructor and other methods, a base's),
 * the closure of a factory (`loss = make_loss(X, y)`), a workspace import, a hand-written
 * derivative's pairing. So a function is joined with every function, class, bound function and
 * workspace import its text names as a word, a method with its class, a class with every word of its
 * text (bases, the classes its constructor builds), and paired functions with each other; what is
 * joined, transitively, is one component, inferred on its own (shapes.ts `ShapeInference` with
 * `members`). Over-approximated on purpose: a word in a comment joins too.
 *
 * `homeOf` tells, for any function inference reads (a nested def, a method as its class holds it),
 * the component it belongs to: document.ts checks each read against it, and infers a component that
 * reads outside itself with the whole module, as before components.
 */
export class ShapeComponents {
  private readonly parent: number[] = [];
  /** The lines of each listed function and class, with its node. */
  private readonly spans: { readonly range: SourceRange; readonly node: number }[] = [];
  /** The node of the workspace imports, and of every function of an imported file. */
  private readonly importNode: number;
  /** Each listed function's node, in the module's order. */
  private readonly nodes = new Map<IrFunction, number>();

  constructor(
    /** The functions inference lists (the compiled module's, in its order). */
    functions: ReadonlyMap<string, IrFunction>,
    classes: readonly IrClass[],
    /** The module-level bound functions (`loss = make_loss(X, y)`): what makes each. */
    bound: readonly { readonly name: string; readonly value: unknown }[],
    /** Names bound by imports of workspace files: one node for all of them (an imported file's functions share their own helpers). */
    imported: readonly string[],
    pairs: readonly (readonly [IrFunction, IrFunction])[],
    /** The words of a definition: of its text when it has one in this document, else of its IR. */
    wordsOf: (node: IrFunction | IrClass) => Iterable<string>,
  ) {
    const byName = new Map<string, number>();
    const node = (): number => {
      this.parent.push(this.parent.length);
      return this.parent.length - 1;
    };
    const named = (name: string): number => {
      let n = byName.get(name);
      if (n === undefined) byName.set(name, (n = node()));
      return n;
    };
    const importNode = (this.importNode = node());
    for (const name of imported) byName.set(name, importNode);
    for (const c of classes) named(c.name);
    for (const b of bound) named(b.name);
    for (const [name, fn] of functions) {
      // `Class.method` is its class's, `NS.util.f` (an object's, a namespace's: JavaScript) its first
      // segment's, as `this.g` or `NS` reaches it; any other function its own name's.
      const dot = name.indexOf('.');
      const n = named(dot > 0 ? name.slice(0, dot) : name);
      this.nodes.set(fn, n);
      this.spans.push({ range: fn.range, node: n });
    }
    for (const c of classes) this.spans.push({ range: c.range, node: byName.get(c.name)! });
    const join = (n: number, words: Iterable<string>): void => {
      for (const w of words) {
        const other = byName.get(w);
        if (other !== undefined) this.union(n, other);
      }
    };
    for (const [fn, n] of this.nodes) join(n, wordsOf(fn));
    for (const c of classes) join(byName.get(c.name)!, wordsOf(c));
    for (const b of bound) join(byName.get(b.name)!, wordsInIr(b.value));
    for (const [a, b] of pairs) {
      const na = this.nodes.get(a);
      const nb = this.nodes.get(b);
      if (na !== undefined && nb !== undefined) this.union(na, nb);
    }
  }

  private find(n: number): number {
    while (this.parent[n] !== n) n = this.parent[n] = this.parent[this.parent[n]!]!;
    return n;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /**
   * The component of a function inference may read: a listed function's own, else that of the
   * outermost listed function or class whose lines hold it (a nested def, a method as its class
   * holds it), else the imports' (a function of an imported file, whose lines are far below zero).
   */
  homeOf(fn: IrFunction): number {
    const listed = this.nodes.get(fn);
    if (listed !== undefined) return this.find(listed);
    let outer: { readonly range: SourceRange; readonly node: number } | undefined;
    for (const s of this.spans) if (holds(s.range, fn.range) && (!outer || holds(s.range, outer.range))) outer = s;
    return this.find(outer?.node ?? this.importNode);
  }

  /** The listed functions of `fn`'s component, in the module's order. */
  members(component: number): IrFunction[] {
    return [...this.nodes].filter(([, n]) => this.find(n) === component).map(([fn]) => fn);
  }

  /** How many listed functions each component holds: for tests and the bench. */
  sizes(): number[] {
    const counts = new Map<number, number>();
    for (const n of this.nodes.values()) counts.set(this.find(n), (counts.get(this.find(n)) ?? 0) + 1);
    return [...counts.values()].sort((a, b) => b - a);
  }
}

/** Whether `outer`'s lines hold `inner`'s. */
const holds = (outer: SourceRange, inner: SourceRange): boolean => outer.start.line <= inner.start.line && inner.end.line <= outer.end.line;

const WORD = /[A-Za-z_$][\w$]*/g;
/** Words by text: most definitions' texts are the same from one version to the next. */
const wordsByText = new Map<string, readonly string[]>();

/** The distinct words of a text (kept for the next versions). */
export function wordsOfText(text: string): readonly string[] {
  let words = wordsByText.get(text);
  if (!words) {
    words = [...new Set(text.match(WORD) ?? [])];
    if (wordsByText.size >= 4_096) wordsByText.delete(wordsByText.keys().next().value!);
    wordsByText.set(text, words);
  }
  return words;
}
