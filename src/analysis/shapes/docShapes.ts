/**
 * Parameter shapes a docstring states, in the spellings real code uses:
 *
 * - numpy style: `X : ndarray of shape (n_samples, n_features)`, `y : ndarray, shape (n_samples,)`,
 *   `w : array-like, shape=(n,)`, `of shape :code:\`(n_particles, dimensions)\`` (an RST role, pyswarms'),
 *   or the shape on the entry's next lines;
 * - course notes: `- W: A numpy array of shape (D, C) containing weights.`;
 * - Google style: `x (np.ndarray): shape (N, D)`, `x: (N, D) array`.
 *
 * An axis is a name (shared by every parameter that names it: `X (N, D)` and `W (D, C)` agree on D),
 * a number (that size), a name plus a number (`n_features + 1`: one more than that axis), or anything
 * else (a size of its own). An entry that offers
 * alternatives (`(n,) or (n, 1)`) states nothing.
 */
/** `times`: the product of named axes and whole numbers (`n_classes * n_features`, `4H`). */
export type DeclaredAxis = { readonly name: string } | { readonly size: number } | { readonly free: true } | { readonly of: string; readonly plus: number } | { readonly times: readonly string[] };

/** An entry that says its rows are one-hot labels. */
const ONE_HOT = /one[- ]?hot|LabelBinarizer|binari[sz]ed labels|indicator matrix/i;

/** Types that say a number (`reg : float`, `- reg: (float) regularization strength`). */
const NUMBER_TYPE = /^\s*\(?\s*(?:float|int|scalar|number|double|real)\s*\)?(?:[\s,.;]|$)/i;

const ANY_SHAPE = /\b(?:of|in|with) any shape\b|\barray of any shape\b/i;

export interface DeclaredShape {
  readonly axes: readonly DeclaredAxis[];
  /**
   * Rows of one-hot labels (`Y : ndarray of shape (n_samples, n_classes) Transformed labels according
   * to the output of LabelBinarizer`, `one-hot`): a sample point gives one 1 per row, and holds them.
   */
  readonly oneHot?: true;
  /** As written, for the hover: `(N, D)`. */
  readonly text: string;
}

/** The shapes `doc` states for these parameters (no axes: a number); a parameter it says nothing of is absent. */
export function declaredShapes(doc: string | undefined, params: readonly string[]): Map<string, DeclaredShape> {
  const out = new Map<string, DeclaredShape>();
  if (!doc) return out;
  const lines = doc.split('\n');
  for (const p of params) {
    const entry = entryOf(lines, p);
    if (entry === undefined) continue;
    if (NUMBER_TYPE.test(entry)) {
      out.set(p, { axes: [], text: entry.trim().split(/\s+/)[0]! });
      continue;
    }
    // `- x: Inputs, of any shape` (CS231n's elementwise layers): an array, a vector being its simplest
    // form; a number would hide what the code does per entry (`dx[x <= 0] = 0`).
    if (ANY_SHAPE.test(entry)) {
      out.set(p, { axes: [{ free: true }], text: 'any shape' });
      continue;
    }
    const alternatives = /\bor\s*(?:shape\s*)?\(/.test(entry);
    const shapes = [...entry.matchAll(alternatives ? /(?:shape\s*[=:]?\s*|\bor\s*(?:shape\s*)?)\(([^()]*)\)/gi : /shape\s*[=:]?\s*(?::code:`)?\(([^()]*)\)/gi)];
    // `x: (N, D) array`: a tuple first, with a comma (`(float)` is a type, not a shape).
    const tuples = shapes.length > 0 ? shapes : [...entry.matchAll(/^\s*\(([^()]*,[^()]*)\)/g)];
    const read = tuples.map((t) => axesOf(t[1]!, doc));
    const first = read[0];
    if (!first || read.some((r) => r === undefined)) continue;
    const oneHot = first.axes.length === 2 && ONE_HOT.test(entry) ? { oneHot: true as const } : {};
    if (alternatives ? read.length > 1 && offsetsOnly(read.map((r) => r!.axes)) : read.length === 1) out.set(p, { ...first, ...oneHot });
  }
  return out;
}

/** `n_features, 2` as axes, or undefined when empty or malformed. */
function axesOf(tuple: string, doc: string): { axes: DeclaredAxis[]; text: string } | undefined {
  const inner = tuple.trim();
  if (inner === '') return undefined;
  const parts = inner.split(',').map((a) => a.trim());
  if (parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.some((a) => a === '')) return undefined;
  return { axes: collapseRuns(parts, doc).map(axisOf), text: `(${inner})` };
}

const ELLIPSIS = /^(?:\.\.\.|…)$/;

/**
 * `N, d_1, ..., d_k` (CS231n's "any number of trailing axes"): the run `d_1, ..., d_k` read as one
 * axis, the product the docstring names (`D = d_1 * ... * d_k`, which `w: (D, M)` shares), else its
 * first name — a sample needs one rank, and the code reshapes them into one axis anyway.
 */
function collapseRuns(parts: readonly string[], doc: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const [first, dots, last] = [parts[i]!, parts[i + 1], parts[i + 2]];
    if (dots === undefined || last === undefined || !ELLIPSIS.test(dots) || !/^[A-Za-z_]\w*$/.test(first) || !/^[A-Za-z_]\w*$/.test(last)) {
      out.push(first);
      continue;
    }
    // Both are identifiers (tested above), safe inside a pattern.
    const product = new RegExp(`\\b([A-Za-z_]\\w*)\\s*=\\s*${first}\\s*\\*\\s*(?:\\.\\.\\.|…)\\s*\\*\\s*${last}\\b`).exec(doc);
    out.push(product?.[1] ?? first);
    i += 2;
  }
  return out;
}

/**
 * Alternatives that differ only by how much is added to a named axis (scikit-learn's
 * `(n_features + 1,) or (n_features + 2,)`: with or without an intercept): the first is taken, and
 * the code's own test of the length picks its branch. Other alternatives (`(n,) or (n, 1)`) state nothing.
 */
function offsetsOnly(alternatives: readonly (readonly DeclaredAxis[])[]): boolean {
  const base = (x: DeclaredAxis): string | undefined => ('of' in x ? x.of : 'name' in x ? x.name : 'size' in x ? `#${x.size}` : undefined);
  const [first, ...others] = alternatives;
  return (
    alternatives.some((axes) => axes.some((x) => 'of' in x)) &&
    others.every((axes) => axes.length === first!.length && axes.every((x, i) => base(x) !== undefined && base(x) === base(first![i]!)))
  );
}
function axisOf(text: string): DeclaredAxis {
  if (/^\d+$/.test(text)) return { size: Number(text) };
  if (/^[A-Za-z_]\w*$/.test(text)) return { name: text };
  // `n_features + 1`: scikit-learn's coefficients with the intercept last.
  const offset = /^([A-Za-z_]\w*)\s*\+\s*(\d+)$/.exec(text);
  if (offset) return { of: offset[1]!, plus: Number(offset[2]) };
  // `n_classes * n_features`: scikit-learn's raveled coefficient matrix; `4H`, `4 * H`: an LSTM's four gates.
  const factors = text.replace(/^(\d+)\s*(?=[A-Za-z_])/, '$1*').split('*').map((f) => f.trim());
  if (factors.length > 1 && factors.every((f) => /^(?:[A-Za-z_]\w*|\d+)$/.test(f)) && factors.some((f) => /^[A-Za-z_]/.test(f))) return { times: factors };
  return { free: true };
}

/**
 * The strings a docstring lists for `name` (a parameter, or a dict entry's key), in order: every
 * quoted word of its entry (`- mode: 'train' or 'test'; required`, `module : {'C' or 'G'}`,
 * `kind : {"linear", "cubic"}`); undefined when its entry quotes fewer than two.
 */
export function documentedChoices(doc: string | undefined, name: string): string[] | undefined {
  const entry = doc === undefined || !/^\w+$/.test(name) ? undefined : entryOf(doc.split('\n'), name);
  if (entry === undefined) return undefined;
  const choices = [...entry.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((m) => m[1] ?? m[2]!);
  return choices.length >= 2 ? [...new Set(choices)] : undefined;
}

/**
 * The text describing `param`: its entry's line (`X : …`, `- X: …`, `X (type): …`) past the colon,
 * and the lines indented more deeply below it.
 */
function entryOf(lines: readonly string[], param: string): string | undefined {
  const escaped = param.replace(/[$]/g, '\\$&');
  const head = new RegExp(`^(\\s*)(?:[-*]\\s*)?${escaped}\\s*(?:\\([^)]*\\))?\\s*:(.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = head.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const parts = [m[2]!];
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '') break;
      if (line.length - line.trimStart().length <= indent) break;
      parts.push(line.trim());
    }
    return parts.join(' ');
  }
  return undefined;
}
