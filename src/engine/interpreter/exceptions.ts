import { GradLensError, type Diagnostic } from '../../core/diagnostic';
import { diagnosticText } from '../../core/diagnosticText';
import type { SourceRange } from '../../core/sourceRange';
import { ThrownError } from './compiled';
import { ErrorTypeValue, ErrorValue } from './values';

/**
 * Exceptions: `raise`, `assert`, and `try/except` over them and over the engine's own errors of a
 * matching built-in type (a division by zero is a ZeroDivisionError, a domain error a ValueError…).
 * Budget, recursion, unsupported-construct and syntax errors are GradLens's limits, not the program's:
 * no handler ever catches them.
 */

/** Each built-in type with its base (Python's hierarchy; JavaScript's `Error` types map onto these). */
const BASES: Readonly<Record<string, string | undefined>> = {
  BaseException: undefined,
  Exception: 'BaseException',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  FloatingPointError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  ValueError: 'Exception',
  TypeError: 'Exception',
  LookupError: 'Exception',
  IndexError: 'LookupError',
  KeyError: 'LookupError',
  AssertionError: 'Exception',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  AttributeError: 'Exception',
  /** `dataclasses.FrozenInstanceError`: assigning a field of a frozen dataclass. */
  FrozenInstanceError: 'AttributeError',
  NameError: 'Exception',
  StopIteration: 'Exception',
  Warning: 'Exception',
  UserWarning: 'Warning',
  RuntimeWarning: 'Warning',
  DeprecationWarning: 'Warning',
  /** numpy.linalg's (an Exception, not a ValueError, in numpy 1.24). */
  LinAlgError: 'Exception',
};

export const ERROR_TYPE_NAMES: readonly string[] = Object.keys(BASES);

export function isErrorTypeName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BASES, name);
}

const types = new Map<string, ErrorTypeValue>();
export function errorType(name: string): ErrorTypeValue {
  let t = types.get(name);
  if (!t) types.set(name, (t = new ErrorTypeValue(name)));
  return t;
}

/** Whether `type` is `handler` or derives from it. */
export function isSubtype(type: string, handler: string): boolean {
  for (let t: string | undefined = type; t; t = BASES[t]) if (t === handler) return true;
  return false;
}

/** A `raise` (or a failed `assert`) on its way to a handler; uncaught, it is a located error like any other. */
export class RaisedError extends ThrownError {
  constructor(readonly error: ErrorValue) {
    super(describe(error), error.range, error);
  }
}

function describe(e: ErrorValue): string {
  const line = e.range.start.line + 1;
  return `${e.type.name}${e.message ? `: ${e.message}` : ''} (raised at line ${line})`;
}

export function raised(typeName: string, message: string, range: SourceRange): RaisedError {
  return new RaisedError(new ErrorValue(errorType(typeName), message, range));
}

/** The exception a handler sees for an error, or undefined for GradLens's own limits (never caught). */
export function exceptionOf(e: unknown): ErrorValue | undefined {
  if (e instanceof RaisedError) return e.error;
  // What JavaScript threw that is not an exception object: no Python type matches it.
  if (e instanceof ThrownError || !(e instanceof GradLensError)) return undefined;
  const type = engineErrorType(e.diagnostic);
  return type ? new ErrorValue(errorType(type), diagnosticText(e.diagnostic), e.diagnostic.range, true) : undefined;
}

function engineErrorType(d: Diagnostic): string | undefined {
  switch (d.code) {
    case 'domain':
      // Where numpy's linalg raises (`except np.linalg.LinAlgError:` adding jitter before a second
      // Cholesky): not a matrix only near-singular, which numpy inverts and GradLens refuses.
      if (/cholesky: the matrix is not positive definite|did not converge|singular \(det = 0\)/.test(d.message)) return 'LinAlgError';
      return /divi(sion|de) by zero|zero division|division by 0/i.test(d.message) ? 'ZeroDivisionError' : 'ValueError';
    case 'type':
    case 'arity':
      return 'TypeError';
    case 'index':
      return 'IndexError';
    case 'key':
      return 'KeyError';
    case 'shape':
      return 'ValueError';
    default:
      return undefined;
  }
}

/**
 * Whether a handler for `types` catches `error`. numpy's floating-point errors are FloatingPointError
 * under `np.errstate(...='raise')`, which the engine does not track: a domain error is taken to match
 * FloatingPointError too, since the engine refuses where numpy would have produced inf or nan.
 */
export function handles(error: ErrorValue, handler: ErrorTypeValue): boolean {
  if (isSubtype(error.type.name, handler.name)) return true;
  const arithmetic = error.fromEngine && (error.type.name === 'ValueError' || error.type.name === 'ZeroDivisionError');
  return arithmetic && handler.name === 'FloatingPointError';
}
