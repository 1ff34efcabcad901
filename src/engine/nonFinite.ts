import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { callTemplate, type Phrase } from '../core/diagnosticText';
import type { SourceRange } from '../core/sourceRange';
import { ARRAY_OP, ELEMENT_OP, INPUT_OP, type Tape } from './tape';

/**
 * Where a NaN or an infinity first arose. An operation that makes one from finite numbers is already
 * an error (runtime.ts, elementwise.ts: `log(0)`, `exp(1000)`), so a non-finite result that reaches
 * the output came in through a constant (`math.inf`, `1e999`, `float('nan')`) or the point, and the
 * first operation that met it is what the warning names. Nothing here runs unless a number is
 * already non-finite: finite runs pay nothing.
 */
export interface NonFiniteOrigin {
  readonly site: number;
  /** `sub(∞, ∞) = NaN`, `the constant ∞`, its numbers as values. */
  readonly what: Phrase;
  /** A constant, not an operation (an operation's origin replaces it). */
  readonly constant: boolean;
}

/** `sub({0}, {1}) = {2}` with its numbers (`sub(∞, ∞) = NaN` when shown). */
export function callText(name: string, args: readonly number[], out: number): Phrase {
  return { text: `${callTemplate(name, args.length)} = {${args.length}}`, values: [...args, out] };
}

const isFiniteNumber = (x: number): boolean => x - x === 0;

/** Whether any entry is NaN or ±∞ (a nested list of numbers, or one number). */
export function holdsNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !isFiniteNumber(v);
  if (Array.isArray(v)) return v.some(holdsNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsNonFinite);
  return false;
}

function kindOf(v: unknown): string {
  const seen = { nan: false, inf: false };
  const walk = (x: unknown): void => {
    if (typeof x === 'number') {
      if (Number.isNaN(x)) seen.nan = true;
      else if (!isFiniteNumber(x)) seen.inf = true;
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(v);
  return seen.nan && seen.inf ? 'NaN and infinite entries' : seen.nan ? 'NaN' : 'an infinity';
}

/**
 * The warning for a result (`the value`, `the gradient`) holding NaN or ±∞, which JSON prints as
 * null: located at where the first one arose when that is known, else at the function.
 */
export function nonFiniteWarning(what: string, result: unknown, origin: { readonly range: SourceRange; readonly what: Phrase } | undefined, fallback: SourceRange): Diagnostic {
  const head = `${what} holds ${kindOf(result)} (printed as null)`;
  if (origin) return diagnostic('warning', 'non-finite', `${head}: the first non-finite number arose here, ${origin.what.text}`, origin.range, origin.what.values);
  const why = what === 'the value' ? 'it comes from a non-finite point value, not from an operation GradLens can name' : 'it arose inside the derivative of an array operation GradLens cannot point to';
  return diagnostic('warning', 'non-finite', `${head}: ${why}`, fallback);
}

/**
 * The first tape row (in the order the program ran) whose value or partial derivative is not
 * finite: where a derivative's NaN or ∞ arose (`sqrt` at 0 has an infinite partial).
 */
export function firstNonFiniteRow(tape: Tape): { range: SourceRange; what: Phrase } | undefined {
  for (let id = 0; id < tape.length; id++) {
    const op = tape.op[id]!;
    if (op === INPUT_OP || op === ELEMENT_OP) continue;
    if (op === ARRAY_OP) {
      const node = tape.nodeAt(id);
      const i = node.value.findIndex((x) => !isFiniteNumber(x));
      if (i >= 0) return { range: tape.sites[tape.site[id]!]!, what: { text: `${node.name} gives {0}${node.value.length > 1 ? ` at element ${i}` : ''}`, values: [node.value[i]!] } };
      continue;
    }
    const v = tape.value[id]!;
    const p0 = tape.partial0[id]!;
    const p1 = tape.partial1[id]!;
    if (isFiniteNumber(v) && isFiniteNumber(p0) && isFiniteNumber(p1)) continue;
    const e = tape.entry(id);
    const args = e.inputs.map((input, k) => (input === null ? e.constants[k]! : tape.value[input]!));
    const call = callText(e.op, args, v);
    if (!isFiniteNumber(v)) return { range: e.range, what: call };
    const k = isFiniteNumber(p0) ? 1 : 0;
    const partial = `{${call.values.length}}`;
    return { range: e.range, what: { text: `${call.text}, whose derivative${args.length > 1 ? ` in its ${k === 0 ? 'first' : 'second'} argument` : ''} is ${partial}`, values: [...call.values, e.partials[k]!] } };
  }
  return undefined;
}

/**
 * The first array row whose partial derivative is ∞ or nan at some element (`sqrt` at 0), for a
 * derivative whose NaN or ∞ no scalar row and no kink warning explains: a kink an np.where withdrew
 * because it excluded the element (array/whereMask.ts), reached after all through another use.
 */
export function firstNonFiniteArrayPartial(tape: Tape): { range: SourceRange; what: Phrase } | undefined {
  for (let id = 0; id < tape.length; id++) {
    if (tape.op[id] !== ARRAY_OP) continue;
    const node = tape.nodeAt(id) as { readonly name: string; readonly value: Float64Array; nonFinitePartialAt?(i: number): number | undefined };
    if (!node.nonFinitePartialAt) continue;
    for (let i = 0; i < node.value.length; i++) {
      const d = node.nonFinitePartialAt(i);
      if (d === undefined) continue;
      const at = node.value.length > 1 ? ` at element ${i}` : '';
      return { range: tape.sites[tape.site[id]!]!, what: { text: `${node.name} has ${Number.isNaN(d) ? 'no derivative' : 'an infinite derivative'}${at}`, values: [] } };
    }
  }
  return undefined;
}
