import type { SourceRange } from '../core/sourceRange';

/**
 * Which of a file's functions a result about one of them may depend on, read from the text and the
 * module's bindings, so that an edit recomputes only what it can change (the worker's caches,
 * report/documentReport.ts).
 *
 * Over-approximated on purpose — a result kept when it should not be is a silently wrong number:
 * - a function *uses* every function whose name, or a segment of whose dotted name (`Point` and
 *   `norm` of `Point.norm`), appears as a word anywhere in its text (calls, values passed on, strings
 *   read by `getattr`, comments); a method uses its class's other methods (through `self`);
 * - a word naming a module-level binding (a constant, a class, a bound function: `moduleNames`) uses
 *   what that binding's definition names, in turn (`X, y = make_data(20)` makes `make_data` a use
 *   of every function reading X); module code that binds nothing a function reads (prints, the
 *   calls of `if __name__ == "__main__":`) runs in no evaluation, and the points it gives are the
 *   caches' business (they key on them, and on the module-level text);
 * - a function whose text names a dynamic lookup (`getattr`, `globals`, `eval`…) uses all of them;
 * - a result about `f` depends on what `f` reaches through uses, and also on what every function
 *   reaching `f` reaches, with its hand-written derivative's pairing partners likewise: shape
 *   inference reads what callers pass a callee and how a derivative uses it (shapes.ts), and a sample
 *   point may be the arguments a caller passes it (document.ts's `callerPoint`).
 */

/** Names that may reach any function without naming it. */
const DYNAMIC = new Set(['getattr', 'globals', 'locals', 'vars', 'eval', 'exec', '__dict__', '__getattribute__', 'Reflect', 'Function']);

const WORD = /[A-Za-z_$][\w$]*/g;

/** The words of a text. */
export const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/**
 * A function's words, an attribute's (after `.`) marked `.name`: a method is used through an
 * attribute (`self.fun`, `v.tanh()`) or its class's name, never by its bare name. An attribute of a
 * library module (`np.exp`, `math.tanh`: `library` holds the names the file imports) is no method.
 */
function tokensOf(text: string, library: ReadonlySet<string>, libraryKey: string): readonly string[] {
  // Most definitions' texts are the same from one version of a file to the next.
  const key = `${libraryKey}\u0001${text}`;
  let tokens = tokensByText.get(key);
  if (!tokens) {
    tokens = readTokens(text, library);
    if (tokensByText.size >= 4_096) tokensByText.delete(tokensByText.keys().next().value!);
    tokensByText.set(key, tokens);
  }
  return tokens;
}

const tokensByText = new Map<string, readonly string[]>();

function readTokens(text: string, library: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    let i = m.index - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    if (text[i] !== '.' || text[i - 1] === '.') {
      out.push(m[0]);
      continue;
    }
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    let k = j;
    while (k >= 0 && /[\w$]/.test(text[k]!)) k--;
    const receiver = text.slice(k + 1, j + 1);
    if (receiver && library.has(receiver) && !/[\w$.]/.test(text[k] ?? ' ')) continue;
    out.push(`.${m[0]}`);
  }
  return out;
}

/** The names a text's import lines bind (`np` of `import numpy as np`, `special` of `from scipy import special`). */
function importedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+\S+[ \t]+)?import[ \t]+\(?([^\n]+)/gm)) {
    for (const part of m[1]!.split(',')) {
      const words = wordsOf(part);
      const as = words.indexOf('as');
      const name = as >= 0 ? words[as + 1] : words[0];
      if (name) out.add(name);
    }
  }
  // JavaScript: `import * as tf from '…'`, `const np = require('…')`.
  for (const m of text.matchAll(/\bimport\s+\*\s+as\s+([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(/g)) out.add((m[1] ?? m[2])!);
  return out;
}

/** Every word of every string in an IR node (names, attributes, literals), each as a name and as an attribute: for `moduleNames`. */
export function wordsInIr(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') for (const w of wordsOf(node)) out.push(w, `.${w}`);
  else if (Array.isArray(node)) for (const n of node) wordsInIr(n, out);
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'range') wordsInIr(v, out);
  return out;
}

export interface DefinedFunction {
  readonly name: string;
  readonly range: SourceRange;
}

export class FileDependencies {
  /** Each function's source text, as written (a name defined twice: the last, in the first one's place, as the engine's module holds it). */
  readonly texts = new Map<string, string>();
  /** Every definition of the text in order, keyed by its name (a name defined twice: the last; the earlier ones `name#1`…): what reportLayout.ts places. */
  readonly definitions: { readonly name: string; readonly key: string; readonly range: SourceRange; readonly text: string }[] = [];
  /**
   * The text outside the functions, in order, without line numbers (an edit that adds a line inside a
   * function leaves it the same), the lines the language reads the same without (`ignored`: Python's
   * blank lines and plain comments) left out: what a report kept with a range on a module line is
   * moved by (report/reportLayout.ts).
   */
  readonly moduleText: string;
  /**
   * `moduleText` without the lines no analysis reads (`inert`: a definition's name being typed,
   * inertLines.ts): the module-level text as the caches key it. Which functions are defined, and
   * where, is left out: a function reads another only by naming it, and its dependencies' texts
   * (`runDependencies`, in the order defined) say those; so adding, deleting, renaming or copying
   * one recomputes only the functions that name it.
   */
  readonly moduleKey: string;
  /** The module lines left out of `moduleText`: a kept report's range on one cannot be moved (report/reportLayout.ts). */
  readonly ignoredLines: ReadonlySet<number>;
  private readonly uses = new Map<string, ReadonlySet<string>>();
  private readonly partners = new Map<string, string[]>();
  private readonly closures = new Map<string, readonly string[]>();

  /**
   * `bindings`: each module-level binding a function may read by name, with the words of its
   * definition (`wordsInIr` of a constant's value, of a class from a notebook's prelude), each as a
   * name and as an attribute (`.w`); `classes`: the classes of this text, read from it; `ignored`:
   * lines the language reads the same program without (a blank line or a plain comment between Python's
   * statements); `inert`: module lines no analysis reads (inertLines.ts), left out of `moduleKey`.
   */
  constructor(text: string, functions: readonly DefinedFunction[], bindings: ReadonlyMap<string, readonly string[]>, pairs: readonly (readonly [string, string])[], classes: readonly DefinedFunction[] = [], ignored: ReadonlySet<number> = new Set(), inert: ReadonlySet<number> = new Set()) {
    const lines = text.split('\n');
    const owner: (string | undefined)[] = new Array(lines.length);
    const own = functions.filter((f) => f.range.start.line >= 0);
    const left = new Map<string, number>();
    for (const f of own) left.set(f.name, (left.get(f.name) ?? 0) + 1);
    for (const f of own) {
      const { start, end } = f.range;
      // A name defined twice means its last definition once the module has run, as the engine's
      // (engine/module.ts): that one is keyed by the name, and its text counts; the ones before, `name#1`….
      const later = left.get(f.name)! - 1;
      left.set(f.name, later);
      const text = sliceText(lines, f.range);
      this.definitions.push({ name: f.name, key: later === 0 ? f.name : `${f.name}#${later}`, range: f.range, text });
      for (let l = start.line; l <= end.line && l < lines.length; l++) owner[l] ??= f.name;
      this.texts.set(f.name, text);
    }
    const outside: string[] = [];
    const kept: string[] = [];
    for (let l = 0; l < lines.length; l++) {
      if (owner[l] !== undefined || ignored.has(l)) continue;
      outside.push(lines[l]!);
      if (!inert.has(l)) kept.push(lines[l]!);
    }
    this.moduleText = outside.join('\n');
    this.moduleKey = kept.join('\n');
    this.ignoredLines = new Set([...ignored].filter((l) => l < lines.length && owner[l] === undefined));

    // A function by its dotted name's first segment (`f`, the class `Point` of `Point.norm`); an
    // attribute by any segment (`.norm`, and `.f` for a function passed around as one).
    const byFirst = new Map<string, string[]>();
    const bySegment = new Map<string, string[]>();
    const index = (map: Map<string, string[]>, key: string, name: string): void => {
      const list = map.get(key);
      if (list) {
        if (list[list.length - 1] !== name) list.push(name);
      } else map.set(key, [name]);
    };
    for (const name of this.texts.keys()) {
      const segments = name.split('.');
      index(byFirst, segments[0]!, name);
      for (const segment of segments) index(bySegment, segment, name);
    }
    const all = new Set(this.texts.keys());
    const library = importedNames(this.moduleText);
    const libraryKey = [...library].join(',');
    // A class of this text stands for the words of its text outside its listed methods (which are
    // functions here): its bases, class attributes, and the methods not listed (`__init__`, getters).
    const moduleNames = new Map(bindings);
    for (const c of classes) {
      if (c.range.start.line < 0) continue;
      const own: string[] = [];
      for (let l = c.range.start.line; l <= c.range.end.line && l < lines.length; l++) if (owner[l] === undefined) own.push(lines[l]!);
      moduleNames.set(c.name, [...(moduleNames.get(c.name) ?? []), ...tokensOf(own.join('\n'), library, libraryKey)]);
    }
    const matches = (token: string): readonly string[] => (token.startsWith('.') ? bySegment.get(token.slice(1)) : byFirst.get(token)) ?? [];
    // The functions each module name's definition reaches, through other module names too.
    const viaModule = new Map<string, ReadonlySet<string>>();
    const moduleUses = (name: string): ReadonlySet<string> => {
      const done = viaModule.get(name);
      if (done) return done;
      const out = new Set<string>();
      viaModule.set(name, out);
      for (const token of moduleNames.get(name) ?? []) {
        if (DYNAMIC.has(token) || DYNAMIC.has(token.slice(1))) {
          for (const n of all) out.add(n);
          break;
        }
        for (const n of matches(token)) out.add(n);
        if (token !== name && moduleNames.has(token)) for (const n of moduleUses(token)) out.add(n);
      }
      return out;
    };
    const named = (tokens: readonly string[]): ReadonlySet<string> => {
      const out = new Set<string>();
      for (const token of tokens) {
        if (DYNAMIC.has(token) || DYNAMIC.has(token.slice(1))) return all;
        for (const n of matches(token)) out.add(n);
        if (moduleNames.has(token)) for (const n of moduleUses(token)) out.add(n);
      }
      return out;
    };
    for (const [name, body] of this.texts) {
      // A method uses its class's other methods (through `self`); a bound function (`loss =
      // make_loss(X, y)`) what its binding names.
      const own = [...(name.includes('.') ? [name.split('.')[0]!] : []), ...(moduleNames.has(name) ? [name] : []), ...tokensOf(body, library, libraryKey)];
      this.uses.set(name, named(own));
    }
    for (const [a, b] of pairs) {
      if (!all.has(a) || !all.has(b) || a === b) continue;
      (this.partners.get(a) ?? this.partners.set(a, []).get(a)!).push(b);
      (this.partners.get(b) ?? this.partners.set(b, []).get(b)!).push(a);
    }
  }

  private graph?: { readonly names: readonly string[]; readonly index: ReadonlyMap<string, number>; readonly reach: readonly Uint32Array[] };

  /**
   * Each function's reach (itself and what it uses, transitively) as a bit set over the functions:
   * the uses' strongly connected components (Tarjan), each component's set the union of its
   * members and of the components it uses, which Tarjan finishes first.
   */
  private reachSets(): NonNullable<FileDependencies['graph']> {
    if (this.graph) return this.graph;
    const names = [...this.texts.keys()];
    const index = new Map(names.map((n, i) => [n, i]));
    const n = names.length;
    const words = (n + 31) >>> 5;
    const edges = names.map((name) => [...(this.uses.get(name) ?? [])].map((u) => index.get(u)!).filter((i) => i !== undefined));
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const component = new Int32Array(n).fill(-1);
    const componentReach: Uint32Array[] = [];
    const stack: number[] = [];
    let counter = 0;
    for (let root = 0; root < n; root++) {
      if (order[root] !== -1) continue;
      // Iterative Tarjan: each frame is a node and the next edge to follow.
      const frames: [number, number][] = [[root, 0]];
      order[root] = low[root] = counter++;
      stack.push(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1]!;
        const [v, e] = frame;
        const out = edges[v]!;
        if (e < out.length) {
          frame[1] = e + 1;
          const w = out[e]!;
          if (order[w] === -1) {
            order[w] = low[w] = counter++;
            stack.push(w);
            frames.push([w, 0]);
          } else if (component[w] === -1) low[v] = Math.min(low[v]!, order[w]!);
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1]![0];
          low[parent] = Math.min(low[parent]!, low[v]!);
        }
        if (low[v] !== order[v]) continue;
        const id = componentReach.length;
        const bits = new Uint32Array(words);
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          component[w] = id;
          members.push(w);
          bits[w >>> 5]! |= 1 << (w & 31);
        } while (w !== v);
        for (const m of members) {
          for (const x of edges[m]!) {
            const c = component[x]!;
            if (c !== id) {
              const other = componentReach[c]!;
              for (let k = 0; k < words; k++) bits[k]! |= other[k]!;
            }
          }
        }
        componentReach.push(bits);
      }
    }
    this.graph = { names, index, reach: names.map((_, i) => componentReach[component[i]!]!) };
    return this.graph;
  }

  /** The functions whose results may change with `name`'s: those that reach it (itself among them); undefined for a function not of this text. */
  reachers(name: string): ReadonlySet<string> | undefined {
    const { names, index, reach } = this.reachSets();
    const i = index.get(name);
    if (i === undefined) return undefined;
    const out = new Set<string>();
    for (let g = 0; g < names.length; g++) if (reach[g]![i >>> 5]! & (1 << (i & 31))) out.add(names[g]!);
    return out;
  }

  /**
   * The union of bit sets (and of the functions `more` indexes), as names in the order they are defined: keys list them so, for the
   * order of functions is read too (document.ts's `callerPoint` runs callers in it), and the
   * module-level text no longer says it (`moduleKey`).
   */
  private union(sets: readonly Uint32Array[], more: readonly number[] = []): string[] {
    const { names } = this.reachSets();
    const bits = new Uint32Array((names.length + 31) >>> 5);
    for (const r of sets) for (let k = 0; k < bits.length; k++) bits[k]! |= r[k]!;
    for (const g of more) bits[g >>> 5]! |= 1 << (g & 31);
    return names.filter((_, g) => (bits[g >>> 5]! & (1 << (g & 31))) !== 0);
  }

  /** `name` and its hand-written derivative's pairing partners, those of this text. */
  private roots(name: string): number[] {
    const { index } = this.reachSets();
    return [name, ...(this.partners.get(name) ?? [])].map((n) => index.get(n)).filter((i) => i !== undefined);
  }

  /**
   * What a run of `name` or of its pairing partners may reach, in the order defined: what its values, gradients
   * and checks at a given point depend on (the point itself is another matter, `guessDependencies`).
   */
  runDependencies(name: string): readonly string[] {
    const key = `run\u0000${name}`;
    let out = this.closures.get(key);
    if (!out) {
      const { reach } = this.reachSets();
      out = this.union(this.roots(name).map((i) => reach[i]!));
      this.closures.set(key, out);
    }
    return out;
  }

  /**
   * What the guesses about `name` read — its sample point's shapes, the parameters read as labels
   * or counts — besides the module-level text: what it and its pairing partners reach, and the text
   * of the functions that use them (shape inference reads what a caller passes; shapes.ts). Shapes a
   * caller's own callers imply reach a callee only through that caller's parameters, and are not
   * followed: a guess kept after such an edit is still a point where the function runs, and every
   * number about it is computed again whenever its run dependencies change.
   */
  guessDependencies(name: string): readonly string[] {
    const key = `guess\u0000${name}`;
    let out = this.closures.get(key);
    if (!out) {
      const { names, index, reach } = this.reachSets();
      const roots = this.roots(name);
      const callers = roots.flatMap((r) => this.usedBy().get(names[r]!) ?? []).map((n) => index.get(n)!);
      out = this.union(roots.map((i) => reach[i]!), callers);
      this.closures.set(key, out);
    }
    return out;
  }

  private users?: ReadonlyMap<string, readonly string[]>;

  /** For each function, the functions that use it (in order). */
  private usedBy(): ReadonlyMap<string, readonly string[]> {
    if (this.users) return this.users;
    const users = new Map<string, string[]>();
    for (const [g, used] of this.uses) for (const u of used) (users.get(u) ?? users.set(u, []).get(u)!).push(g);
    return (this.users = users);
  }

  /**
   * Every function a caller's run (document.ts `callerPoint`) may depend on, in the order defined: what `name`
   * and its pairing partners reach, and what every function reaching them reaches.
   */
  dependencies(name: string): readonly string[] {
    let out = this.closures.get(name);
    if (out) return out;
    const { names, reach } = this.reachSets();
    const sets: Uint32Array[] = [];
    for (const i of this.roots(name)) for (let g = 0; g < names.length; g++) if (reach[g]![i >>> 5]! & (1 << (i & 31))) sets.push(reach[g]!);
    out = this.union(sets);
    this.closures.set(name, out);
    return out;
  }
}

/** The text of `r` in `lines`. */
export function sliceText(lines: readonly string[], r: SourceRange): string {
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.column, r.end.column);
  const parts = [(lines[r.start.line] ?? '').slice(r.start.column)];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[r.end.line] ?? '').slice(0, r.end.column));
  return parts.join('\n');
}
