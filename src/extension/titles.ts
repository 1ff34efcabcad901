import { ownValue } from '../core/keyed';
import { isPointObject, numericPart } from '../core/pointTree';
import { describeSource } from '../analysis/points';
import type { Language } from '../ir/nodes';
import { countEntries, derivedNames, formatNumber, formatPoint, pointValueText, summarizeValue, withSubscripts } from '../report/format';
import type { CheckReport, FunctionReport } from '../report/report';
import { t } from '../core/localize';

/**
 * The texts lenses, hovers and notifications share: the single place a function's result becomes a
 * line of text. Pure, so unit tests read them. A lens has one line and no wrap, so `lens*` texts put
 * the state first (`⟳ stale ·`, `✗`) and give up detail — the point, then the largest entries, then
 * the gradient's entries — until they fit `LENS_COLUMNS`; the hover keeps the full text.
 */

/** About what a lens may take before the editor's right edge clips it (a 120-column editor, the gutter). */
export const LENS_COLUMNS = 100;

/** A point longer than this is not repeated in a lens (`f(…)`): the hover has it. */
const LENS_POINT_COLUMNS = 32;

const columns = (s: string): number => [...s].length;

/** `f(2, 5) = 11.6521 · ∇f = (5.5, 1.7163)`, arrays summarized: hovers and notifications (no width limit). */
export function resultTitle(fn: FunctionReport, precision: number, language: Language): string {
  return resultText(fn, precision, language, { point: pointText(fn, precision, language), brief: false, gradientNorm: false });
}

interface Detail {
  readonly point: string;
  readonly brief: boolean;
  readonly gradientNorm: boolean;
}

function pointText(fn: FunctionReport, precision: number, language: Language): string {
  return formatPoint(fn.point!.values, fn.params, precision, language, pointValueText);
}

function resultText(fn: FunctionReport, precision: number, language: Language, detail: Detail): string {
  const r = fn.result!;
  const head = `${fn.name}(${detail.point}) = ${summarizeValue(r.value, precision, { brief: detail.brief }, language)}`;
  if (r.gradient) {
    const shown = derivedNames(fn.params, r.gradient);
    const parts = shown.map((p) => ownValue(r.gradient!, p));
    if (detail.gradientNorm && (parts.length > 1 || typeof parts[0] !== 'number')) {
      const entries = parts.flatMap((g) => flatNumbers(g));
      const norm = Math.sqrt(entries.reduce((s, x) => s + x * x, 0));
      return `${head} · ${t('∇: {0} entries, ‖·‖ = {1}', entries.length, formatNumber(norm, precision))}`;
    }
    const texts = parts.map((g) => summarizeValue(g, precision, { brief: detail.brief }));
    // An attribute among them (`@wrt self.sigma`) is no parameter: the lens names what it differentiated.
    const attributes = shown.some((n) => !fn.params.includes(n));
    // So is a parameter given text (`option_type="put"`): it is in the point, not in the gradient.
    const text = fn.params.some((p) => {
      const v = fn.point && ownValue(fn.point.values, p);
      return v !== undefined && numericPart(v) === undefined;
    });
    const label = attributes || text ? `∂${fn.name}/∂${shown.length === 1 ? shown[0]! : `(${shown.join(', ')})`}` : `∇${fn.name}`;
    return `${head} · ${label} = ${texts.length === 1 ? texts[0]! : `(${texts.join(', ')})`}`;
  }
  if (r.jacobian) {
    const entries = Object.values(r.jacobian).reduce((n: number, col) => n + countEntries(col), 0);
    return `${head} · ${t('Jacobian ({0} entries)', entries)}`;
  }
  return head;
}

function flatNumbers(v: unknown): number[] {
  if (isPointObject(v)) return Object.values(v).flatMap(flatNumbers);
  return typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(flatNumbers) : [];
}

/**
 * The first candidate that fits `LENS_COLUMNS`, or the last one cut at the edge with `…`. Candidates
 * are made as they are tried: most lenses fit the first, and each is a formatting of the result
 * (a whole file's lenses are built while the editor waits for them).
 */
function fitted(candidates: Iterable<string>): string {
  let last = '';
  for (const c of candidates) {
    if (columns(c) <= LENS_COLUMNS) return c;
    last = c;
  }
  return `${[...last].slice(0, LENS_COLUMNS - 1).join('')}…`;
}

/**
 * Texts from the most detailed to the least, `prefix` and `suffix` around each. `full`: the result's
 * `resultTitle`, when the caller has it (the lens's tooltip): the first text is that one whenever the
 * point is short enough to be shown whole, and each text is made once for all the suffixes.
 */
function* resultCandidates(fn: FunctionReport, precision: number, language: Language, prefix: string, suffixes: readonly string[], full?: string): Generator<string> {
  const point = pointText(fn, precision, language);
  const shortPoint = columns(point) > LENS_POINT_COLUMNS ? '…' : point;
  const details: Detail[] = [
    { point: shortPoint, brief: false, gradientNorm: false },
    { point: shortPoint, brief: true, gradientNorm: false },
    { point: '…', brief: true, gradientNorm: false },
    { point: '…', brief: true, gradientNorm: true },
  ];
  const texts = new Map<Detail, string>(full !== undefined && shortPoint === point ? [[details[0]!, full]] : []);
  const text = (d: Detail): string => {
    let t = texts.get(d);
    if (t === undefined) texts.set(d, (t = resultText(fn, precision, language, d)));
    return t;
  };
  for (const suffix of suffixes) for (const d of details) yield `${prefix}${text(d)}${suffix}`;
}

/** `seed000(2, 5) = 11.6521 · ∇seed000 = (5.5, 1.7163)   (@at)`; `full`: its `resultTitle`, if made already (the tooltip's). */
export function resultLens(fn: FunctionReport, precision: number, language: Language, full?: string): string {
  return fitted(resultCandidates(fn, precision, language, doubtfulWarnings(fn).length > 0 ? '⚠ ' : '', [`   (${describeSource(fn.point!)})`, ''], full));
}

/**
 * Warnings that say the number itself may not be the one wanted (a gradient 0 through control flow,
 * a decorator left out, an integer past float64's exact range): the lens starts with ⚠ and its
 * tooltip says why, so the number is never shown bare. Other warnings stay in the Problems panel.
 */
export function doubtfulWarnings(fn: FunctionReport): readonly string[] {
  return (fn.result?.warnings ?? []).filter((w) => DOUBTFUL.has(w.code)).map((w) => `⚠ ${w.message}`);
}

const DOUBTFUL: ReadonlySet<string> = new Set(['control-flow', 'ignored-decorator', 'inexact-integer', 'random-stream', 'float-count']);

/** `⟳ stale · live(2, 3) = 8 · ∇live = (4, 2)   (line 3: …)`: the last result while the function does not parse. */
export function staleLens(last: FunctionReport, why: { readonly message: string; readonly line: number }, precision: number, language: Language): string {
  return fitted(resultCandidates(last, precision, language, `⟳ ${t('stale')} · `, [`   (${t('line {0}: {1}', why.line, why.message)})`, `   (${t('line {0}', why.line)})`, '']));
}

/** `✗ f(−1, 2) (last used): log of a negative number`: the point it failed at and where it came from. */
export function errorLens(fn: FunctionReport, message: string, precision: number, language: Language): string {
  const source = fn.point ? ` (${describeSource(fn.point)})` : '';
  const point = fn.point ? pointText(fn, precision, language) : '';
  const call = columns(point) > LENS_POINT_COLUMNS ? `${fn.name}(…)` : `${fn.name}(${point})`;
  return fitted([`✗ ${call}${source}: ${message}`]);
}

/** `✗ sneaky cannot run — …`: a syntax error or a construct GradLens will not run, and no earlier result. */
export function cannotRunLens(fn: FunctionReport, message: string): string {
  return fitted([`✗ ${t('{0} cannot run — {1}', fn.name, message)}`]);
}

const AT_COMMENT: Readonly<Record<Language, string>> = { python: '# @at', typescript: '// @at', math: '@at' };

/** `GradLens: Set point… (or add "# @at x=1, y=2" above it)`, in the comment syntax of the language. */
export function setPointLens(fn: FunctionReport, language: Language): string {
  const example = `${AT_COMMENT[language]} ${fn.params.map((p, i) => `${p}=${i + 1}`).join(', ')}`;
  return fitted([t('GradLens: Set point… (or add "{0}" above it)', example), t('GradLens: Set point…')]);
}

/** `✓ matches ∇f at 9 points (max rel. error 2.2e−16)` or `✗ ∂f/∂x₂ differs: yours −13.2041, AD −13.724 at (1.5, 0.5)`. */
/** A hand-written derivative's lens while its check is coming (report.ts's `checkPending`: `∇f`). */
export function checkingTitle(what: string): string {
  return `⋯ ${t('checking against {0}…', withSubscripts(what))}`;
}

export function checkTitle(fn: FunctionReport, check: CheckReport, precision: number, language: Language): string {
  if (!check.outcome.ok) return `✗ ${t('cannot check {0} — {1}', fn.name, check.outcome.error.message)}`;
  const c = check.outcome.value;
  if (c.verdict === 'match' && c.partial) return `✓ ${t('matches {0} at only {1} points — {2} (max rel. error {3})', withSubscripts(check.what), c.points, c.partial, formatNumber(c.maxRelError, 2))}`;
  if (c.verdict === 'match') return `✓ ${t('matches {0} at {1} points (max rel. error {2})', withSubscripts(check.what), c.points, formatNumber(c.maxRelError, 2))}`;
  const first = c.components[0]!;
  const more = c.components.length > 1 ? ` ${t('(+{0} more)', c.components.length - 1)}` : '';
  return `✗ ${t('{0} differs: yours {1}, AD {2} at ({3})', withSubscripts(first.name), formatNumber(first.yours, precision), formatNumber(first.ad, precision), formatPoint(first.at, check.ofParams, precision, language))}${more}`;
}
