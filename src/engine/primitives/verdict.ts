import type { DomainVerdict } from './types';

/** A kink's message and its numbers, with its one-sided derivatives when it has them. */
export function oneSidedMessage(verdict: DomainVerdict, suffix = ''): [string, readonly number[]] {
  const values = verdict.values ?? [];
  const { oneSided } = verdict.kind === 'non-differentiable' ? verdict : { oneSided: undefined };
  if (!oneSided || oneSided.some((x) => Number.isNaN(x))) return [`${verdict.message}${suffix}`, values];
  const n = values.length;
  return [`${verdict.message}${suffix}. One-sided derivatives: left {${n}}, right {${n + 1}}.`, [...values, ...oneSided]];
}
