import { optionalParameters } from './shapes/optionalParameters';
import { isPointObject, isPointText, pointTreeFrom } from '../core/pointTree';
import { keyedCopy, keyedFromEntries, keyedRecord, ownValue } from '../core/keyed';
import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { t } from '../core/localize';
import type { SourceRange } from '../core/sourceRange';
import type { IrFunction, IrModule, IrPoint, IrPointValue } from '../ir/nodes';
import type { PointValue } from '../engine/run';
import { failure, success, type Outcome } from './outcome';
import { NESTING_MESSAGE, nestsTooDeep } from '../frontends/shared/nesting';
export { unknownWrt, wrtChoices } from '../ir/receiverInputs';
import { keyedByParameters } from '../frontends/python/nfkcNames';
import { destructuredNote } from '../ir/parameterText';

/** A point as the engine takes it: each given parameter's value, in declaration order. */
export interface ResolvedPoint {
  readonly values: Readonly<Record<string, PointValue>>;
  /** Where it came from, for lenses ("from @at", "from the call on line 12"). */
  readonly source: 'argument' | 'annotation' | 'call-site' | 'last-used' | 'sample' | 'shared' | 'test';
  readonly range?: SourceRange;
  /** A point from a call in a test file (testPoints.ts): that file and the call's one-based line. */
  readonly test?: { readonly file: string; readonly line: number };
  /** For a method: how its instance is made (`# @at z=0.5; self: alpha=0.1`); constants. */
  readonly receiver?: Readonly<Record<string, PointValue>>;
  /**
   * A sample point's inferred parameters and what was ambiguous (`x: a vector of 3 — a size not
   * fixed by the code: 3 chosen`), for hovers.
   */
  readonly notes?: readonly string[];
  /**
   * Parameters a sample point gives whole values because the code treats them as integers and no
   * fractional candidate evaluates (`if (n % 1 !== 0) throw …`): not differentiated, as counts are.
   */
  readonly wholeNumbers?: readonly string[];
}

/**
 * Parses a point given on the command line: a JSON object (`{"x1": 2, "A": [[1, 2], [3, 4]], "kind":
 * "call"}`) or the short form `x1=2,x2=5,kind=call` (values are JSON — numbers, lists, objects,
 * strings, true/false/null — or a string in single quotes, or a bare word taken as a string: the
 * shell has already removed the quotes of `--at kind="call"`).
 */
export type ParsedPointArgument = { readonly ok: true; readonly value: Record<string, PointValue> } | { readonly ok: false; readonly message: string };

export function parsePointArgument(text: string): ParsedPointArgument {
  const trimmed = text.trim();
  if (nestsTooDeep(trimmed)) return { ok: false, message: `--at is ${NESTING_MESSAGE}` };
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      return { ok: false, message: `--at is not valid JSON: ${(e as Error).message}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, message: '--at must be a JSON object of parameter values' };
    const out = keyedRecord<PointValue>();
    for (const [k, v] of Object.entries(parsed)) {
      const tree = pointTreeFrom(v);
      if (tree === undefined) return { ok: false, message: `--at: the value of ${k} must be a number, a string, true/false/null, a nested list of numbers or an object of them` };
      out[k] = tree;
    }
    return { ok: true, value: out };
  }
  const out = keyedRecord<PointValue>();
  for (const part of splitTopLevel(trimmed)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--at: expected name=value, got "${part}" (example: x1=2,x2=5)` };
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    const tree = pointTreeFrom(shortFormValue(raw));
    if (tree === undefined) return { ok: false, message: `--at: the value of ${name} must be a number, a list of numbers, a JSON object of them, a string or true/false/null, got "${raw}"` };
    out[name] = tree;
  }
  return { ok: true, value: out };
}

/** A bare word that is a string in the short form: not a number's spelling JSON lacks (`nan`, `inf`). */
const BARE_WORD = /^[\p{L}_][\p{L}\p{M}\p{N}_.\-]*$/u;
const NOT_A_WORD = /^[+-]?(?:nan|inf|infinity)$/i;

const PYTHON_WORDS: Readonly<Record<string, boolean | null>> = { True: true, False: false, None: null };

/** A short-form value: JSON, else `'text'` or a bare word as a string; undefined when it is neither. */
function shortFormValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    const quoted = /^'([^'\\]*)'$/.exec(raw);
    if (quoted) return quoted[1];
    // Python's spellings are its booleans and None, not text: the string "False" would be truthy.
    if (Object.hasOwn(PYTHON_WORDS, raw)) return PYTHON_WORDS[raw];
    return BARE_WORD.test(raw) && !NOT_A_WORD.test(raw) ? raw : undefined;
  }
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    // A comma inside a string (`label="a, b"`) is the string's.
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (s.slice(start).trim() !== '') parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function isPointValue(v: unknown): v is PointValue {
  if (typeof v === 'number') return Number.isFinite(v);
  if (isPointText(v)) return true;
  if (isPointObject(v)) return Object.keys(v).length > 0 && Object.values(v).every(isPointValue);
  return Array.isArray(v) && v.every(isPointValue);
}

/** The points the file itself supplies for `fn`: annotations first, then call sites, in document order. */
export function pointsInFile(module: IrModule, fn: IrFunction): IrPoint[] {
  const mine = module.points.filter((p) => p.function === fn.name);
  return [...mine.filter((p) => p.source === 'annotation'), ...mine.filter((p) => p.source === 'call-site')];
}

/** Checks a point against the function's parameters: every value names one, every parameter without a default has one. */
export function bindPoint(fn: IrFunction, point: IrPoint | Record<string, PointValue>, range: SourceRange): Outcome<Record<string, PointValue>> {
  // `**kwargs` takes no value from a point; keyword-only parameters take named ones; `*args`
  // (`...rest`) optionally a list, its extra positional arguments (a call's values past the others).
  const varargs = fn.params.find((p) => p.kind === 'varargs');
  const bindable = fn.params.filter((p) => p.kind !== 'varkw');
  const params = bindable.map((p) => p.name);
  const positionalParams = bindable.filter((p) => p.kind === undefined).map((p) => p.name);
  const signature = `${fn.name}(${params.join(', ')})`;
  const bad = (message: string): Outcome<Record<string, PointValue>> => failure(diagnostic('error', 'point', message, range));
  let named: Record<string, IrPointValue>;
  if ('source' in point && typeof point.source === 'string' && ('named' in point || 'positional' in point)) {
    const p = point as IrPoint;
    if (p.positional) {
      if (p.positional.length > positionalParams.length && !varargs) return bad(`the call gives ${p.positional.length} values but ${signature} takes ${positionalParams.length}`);
      named = keyedFromEntries(p.positional.slice(0, positionalParams.length).map((v, i) => [positionalParams[i]!, v] as const));
      if (varargs && p.positional.length > positionalParams.length) named[varargs.name] = p.positional.slice(positionalParams.length);
    } else named = keyedCopy(p.named ?? {});
  } else named = keyedCopy(point as Record<string, PointValue>);
  // `--at H=1` names the parameter `ℌ`: Python compares names in NFKC (frontends/python/nfkcNames.ts).
  keyedByParameters(named, params);
  for (const key of Object.keys(named)) {
    if (!params.includes(key)) return bad(`the point gives a value for ${key}, which is not a parameter of ${signature}${destructuredNote(bindable)}`);
  }
  const values = keyedRecord<PointValue>();
  // JavaScript's optional parameters may be left out, as a call leaves them out.
  const optional = optionalParameters(fn);
  for (const p of bindable) {
    const v = ownValue(named, p.name);
    if (v !== undefined && p.kind === 'varargs' && !Array.isArray(v)) return bad(`the value of ${p.name} must be a list: the extra arguments ${fn.name} takes`);
    if (v === undefined) {
      if (!p.default && p.kind !== 'varargs' && !optional.includes(p.name)) return bad(`the point has no value for ${p.name} (${signature} needs ${params.join(', ')}${destructuredNote(bindable)})`);
      continue;
    }
    values[p.name] = v as PointValue;
  }
  return success(values);
}

export function describeSource(point: ResolvedPoint): string {
  switch (point.source) {
    case 'argument':
      return t('given point');
    case 'annotation':
      return '@at';
    case 'call-site':
      return point.range ? t('call on line {0}', point.range.start.line + 1) : t('call site');
    case 'last-used':
      return t('last used');
    case 'sample':
      return t('sample point');
    case 'shared':
      return point.range ? t('@at on line {0}', point.range.start.line + 1) : t('shared @at');
    case 'test':
      return point.test ? t('call in {0}, line {1}', point.test.file.slice(point.test.file.lastIndexOf('/') + 1), point.test.line) : t('call in a test file');
  }
}

export function pointDiagnostics(errors: readonly Diagnostic[]): Diagnostic[] {
  return errors.filter((d) => d.code === 'point');
}
