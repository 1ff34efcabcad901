import { diagnostic, GradLensError, type Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';

/** Results cross every boundary as data: a value, or one located error. Never a thrown exception. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Diagnostic };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = <T>(error: Diagnostic): Outcome<T> => ({ ok: false, error });

/**
 * Runs engine work and turns whatever it throws into a located diagnostic. A GradLensError carries
 * its own range; anything else is a bug in GradLens, reported at `fallback` as such.
 */
export function guard<T>(fallback: SourceRange, work: () => T): Outcome<T> {
  try {
    return success(work());
  } catch (e) {
    if (e instanceof GradLensError) return failure(e.diagnostic);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return failure(diagnostic('error', 'recursion', 'the evaluation nested too deeply (stack exhausted): runaway recursion?', fallback));
    }
    const detail = e instanceof Error ? e.message : String(e);
    return failure(diagnostic('error', 'internal', `internal error in GradLens (please report it): ${detail}`, fallback));
  }
}
