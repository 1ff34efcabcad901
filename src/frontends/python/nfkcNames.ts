import type { MaskedRegion } from '../shared/nesting';

/**
 * Python reads identifiers NFKC-normalized (PEP 3131): `ℌ` and `H`, `µ` (micro sign) and `μ`, `ｘ`
 * and `x` are one name. GradLens compares names as written, so without this a parameter `ℌ` read as
 * `H` in the body would be another variable — a global `H`, or an unknown name.
 *
 * Names are compared in NFKC and shown as written: every spelling of one name becomes its first
 * spelling in the file, in place (so a lone `ℓ` stays `ℓ` in every lens, and `def f(ℌ)` keeps
 * `ℌ` when its body writes `H`). The text keeps its length, so every offset holds; a spelling of
 * another length in UTF-16 (`𝐱` for `x`, `ﬁ` for `fi`) cannot be replaced in place and is refused
 * at the character, on the function holding it, with what to do. Strings and comments are not code
 * and are left alone (points in `# @at` comments are matched by NFKC where they are bound).
 */
export interface UnifiedNames {
  readonly text: string;
  /** Spellings that could not be replaced in place: blanked and reported like too-deep code. */
  readonly refused: readonly MaskedRegion[];
}

const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;

export function unifyNfkcNames(text: string): UnifiedNames {
  // Pure ASCII text is already normal: nothing to compare.
  if (!/[^\x00-\x7f]/.test(text)) return { text, refused: [] };
  const tokens = nameTokens(text);
  const first = new Map<string, string>();
  let differs = false;
  for (const t of tokens) {
    const key = t.name.normalize('NFKC');
    if (!first.has(key)) first.set(key, t.name);
    else if (first.get(key) !== t.name) differs = true;
  }
  if (!differs) return { text, refused: [] };
  const parts: string[] = [];
  const refused: MaskedRegion[] = [];
  let at = 0;
  for (const t of tokens) {
    const written = first.get(t.name.normalize('NFKC'))!;
    if (written === t.name) continue;
    if (written.length !== t.name.length) {
      refused.push({ from: t.from, to: t.from + t.name.length, message: `'${t.name}' and '${written}' are one name to Python (it compares names in NFKC form), but GradLens can read them as one only when they are written the same length: write this name as '${written}'` });
      continue;
    }
    parts.push(text.slice(at, t.from), written);
    at = t.from + t.name.length;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), refused };
}

interface NameToken {
  readonly from: number;
  readonly name: string;
}

/** Identifiers in code: outside comments and strings (triple-quoted ones too), not inside numbers (`1e5`). */
function nameTokens(text: string): NameToken[] {
  const out: NameToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (i < n && /[\w.]/.test(text[i]!)) i++;
      continue;
    }
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (m) {
      out.push({ from: i, name: m[0] });
      i += m[0].length;
      continue;
    }
    // Past a character no name starts with (one code point, a surrogate pair counted whole).
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return out;
}

/** Where a string starting at `i` ends: a triple quote at its match, one quote at its match or the line's end. */
function stringEnd(text: string, i: number): number {
  const q = text[i]!;
  if (text.startsWith(q + q + q, i)) {
    const end = findUnescaped(text, q + q + q, i + 3);
    return end < 0 ? text.length : end + 3;
  }
  let j = i + 1;
  while (j < text.length && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

function findUnescaped(text: string, quote: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(quote, j)) return j;
  }
  return -1;
}

/**
 * `values` with each key that is not a parameter but one in NFKC (`# @at ℌ=2` for `def f(H)`, after
 * the text spelled the name one way) renamed to the parameter, as Python would bind it.
 */
export function keyedByParameters<T>(values: Record<string, T>, params: readonly string[]): Record<string, T> {
  for (const key of Object.keys(values)) {
    if (params.includes(key)) continue;
    const normal = key.normalize('NFKC');
    const same = params.find((p) => p.normalize('NFKC') === normal);
    if (same === undefined || Object.hasOwn(values, same)) continue;
    values[same] = values[key]!;
    delete values[key];
  }
  return values;
}
