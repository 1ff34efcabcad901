import { GradLensError, NoValueError, type Diagnostic } from '../../core/diagnostic';
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
  const kind = engineErrorKind(e);
  return kind ? new ErrorValue(errorType(kind.type), diagnosticText(e.diagnostic), e.diagnostic.range, kind.onlyNamed ? 'only-named' : 'engine') : undefined;
}

/**
 * A domain error of a call Python itself raises on (math.sqrt(-1) is ValueError, math.exp(1000)
 * OverflowError): its type is the call's, whatever the engine's message.
 */
export class PythonRaisedError extends GradLensError {
  constructor(
    diagnostic: Diagnostic,
    readonly typeName: string,
  ) {
    super(diagnostic);
  }
}

/**
 * A refusal of the derivative only (a repeated eigenvalue under eigh, a matrix singular to working
 * precision, sqrt's order below 1 at 0): the program's value is there and Python raises nothing, so
 * no handler may run in its place (its `except Exception:` would give another number).
 */
export function refusesDerivativeOnly(message: string): boolean {
  return /derivative|GradLens refuses|working precision/.test(message);
}

const LINALG_ERROR = /cholesky: the matrix is not positive definite|did not converge|singular \(det = 0\)/;

function engineErrorKind(e: GradLensError): { type: string; onlyNamed?: boolean } | undefined {
  if (e instanceof PythonRaisedError) return { type: e.typeName };
  const d = e.diagnostic;
  if (d.code === 'domain' && refusesDerivativeOnly(d.message)) return undefined;
  // The engine's spelling of a Python exception (`ValueError: list.remove(x): x not in list`).
  const named = /^([A-Za-z]+Error): /.exec(d.message)?.[1];
  if (named && isErrorTypeName(named)) return { type: named };
  switch (d.code) {
    case 'domain':
      // Where numpy's linalg raises (`except np.linalg.LinAlgError:` adding jitter before a second
      // Cholesky): not a matrix only near-singular, which numpy inverts and GradLens refuses.
      if (LINALG_ERROR.test(d.message)) return { type: 'LinAlgError' };
      if (e instanceof NoValueError && e.ofArray) return { type: 'FloatingPointError', onlyNamed: true };
      if (/divi(sion|de) by zero|zero division|division by 0/i.test(d.message)) return { type: 'ZeroDivisionError' };
      // numpy gives nan or ±inf and goes on; it raises only under np.errstate(...='raise'), which the
      // engine does not track: a handler naming FloatingPointError is taken to have asked for it.
      if (e instanceof NoValueError) return { type: 'FloatingPointError', onlyNamed: true };
      return { type: 'ValueError' };
    case 'type':
    case 'arity':
      return { type: 'TypeError' };
    case 'index':
      return { type: 'IndexError' };
    case 'key':
      return { type: 'KeyError' };
    case 'shape':
      return { type: 'ValueError' };
    default:
      return undefined;
  }
}

/**
 * Whether a handler for `types` catches `error`. A number without a value is caught only by a handler
 * naming FloatingPointError itself, never by `except Exception:` (numpy would have gone on with nan).
 */
export function handles(error: ErrorValue, handler: ErrorTypeValue): boolean {
  if (error.origin === 'only-named') return handler.name === error.type.name;
  if (isSubtype(error.type.name, handler.name)) return true;
  // a division by zero of numpy values under np.errstate(divide='raise') is FloatingPointError too
  return error.origin === 'engine' && error.type.name === 'ZeroDivisionError' && handler.name === 'FloatingPointError';
}
