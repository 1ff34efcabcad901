import { UnavailableNameError } from '../../core/diagnostic';
import type { IrExpr } from '../../ir/nodes';
import { Signal, type ExprFn, type StmtFn } from './compiled';

/**
 * `check_consistent_length(y, p)`, `is_binary(y)`, `_check_unknown_options(opts)` as a statement: a
 * validation whose result is unused, named as one. When its function comes from a module GradLens
 * could not load, the call is passed over with a warning (taken as a check that passes) rather than
 * stopping the evaluation; any other failure of it stands.
 */
const VALIDATION_NAME = /^_*(?:is|check|assert|validate|verify|ensure)(?:_|[A-Z])/;

export function validationCall(e: IrExpr): string | undefined {
  if (e.kind !== 'call') return undefined;
  const name = e.callee.kind === 'name' ? e.callee.name : e.callee.kind === 'attribute' ? e.callee.name : undefined;
  return name !== undefined && VALIDATION_NAME.test(name) ? name : undefined;
}

export function passOverUnavailable(value: ExprFn, name: string, site: number): StmtFn {
  return (f) => {
    try {
      value(f);
    } catch (e) {
      if (!(e instanceof UnavailableNameError)) throw e;
      f.rt.warn('unsupported', `${name}(…) was skipped: ${e.diagnostic.message}; its result is unused, so it is taken as a check that passes`, site);
    }
    return Signal.Normal;
  };
}
