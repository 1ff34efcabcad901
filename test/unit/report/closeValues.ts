/** How the real-Python checks compare GradLens's numbers with CPython's (realPython.test.ts, data/probeRealPython.ts). */
import type { FunctionReport } from '../../../src/report/report';

/** What data/make_real_python_expected.py recorded for one function at GradLens's point. */
export interface CPythonAnswer {
  readonly at: unknown;
  readonly receiver?: unknown;
  readonly value?: unknown;
  readonly gradient?: Record<string, unknown>;
  readonly gradient_noise?: Record<string, number>;
  /** An array output's (or an output argument's) Jacobian in each array parameter, by central differences. */
  readonly jacobian?: Record<string, unknown>;
  /** CPython raised calling the function there. */
  readonly error?: string;
  /** A probed file CPython here could not import (a package it lacks): no answer. */
  readonly unavailable?: string;
  /** The differences could not be taken (probe only). */
  readonly gradient_error?: string;
}

/**
 * Where GradLens's value and gradient differ from CPython's answer: the value within 1e-9 relative,
 * the gradient within 1e-5 relative (central differences' own error), widened by f's rounding.
 */
export function disagreements(where: string, result: NonNullable<FunctionReport['result']>, e: CPythonAnswer): string[] {
  if (e.error) return [`${where}: CPython raises ${e.error}, GradLens gives ${JSON.stringify(result.value)}`];
  const wrong: string[] = [];
  if (!close(result.value, e.value, 1e-9, 1e-12)) wrong.push(`${where}: value ${JSON.stringify(result.value)}, CPython ${JSON.stringify(e.value)}`);
  for (const [p, g] of Object.entries(e.gradient ?? {})) {
    // f's own rounding bounds what a difference quotient resolves (E = γmc² at v ≪ c: nothing).
    const noise = e.gradient_noise?.[p] ?? 0;
    // CPython's side takes a one-element array as a number; GradLens gives that output a Jacobian of one row.
    const row = Array.isArray(result.value) && result.value.length === 1 ? (result.jacobian?.[p] as unknown[] | undefined)?.[0] : undefined;
    if (!close(result.gradient?.[p] ?? row, g, 1e-5, 1e-6 + 10 * noise)) wrong.push(`${where}: ∂/∂${p} ${JSON.stringify(result.gradient?.[p])}, central differences ${JSON.stringify(g)}`);
  }
  for (const [p, j] of Object.entries(e.jacobian ?? {})) {
    if (!close(result.jacobian?.[p], j, 1e-5, 1e-6)) wrong.push(`${where}: ∂/∂${p} ${JSON.stringify(result.jacobian?.[p])}, central differences ${JSON.stringify(j)}`);
  }
  return wrong;
}

/** Numbers, nested lists, tuples and objects equal within rtol·|b| + atol; null (JSON's NaN) equals NaN. */
export function close(a: unknown, b: unknown, rtol: number, atol: number): boolean {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) || isObject(b)) {
    return isObject(a) && isObject(b) && Object.keys(a).join() === Object.keys(b).join() && Object.keys(a).every((k) => close(a[k], b[k], rtol, atol));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => close(x, b[i], rtol, atol));
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
  // A dict parameter's gradient (weights kept in a dict): the same keys, each close.
  if (isRecord(a) || isRecord(b)) {
    return isRecord(a) && isRecord(b) && Object.keys(a).length === Object.keys(b).length && Object.keys(b).every((k) => close(a[k], b[k], rtol, atol));
  }
  if (typeof a !== 'number' || typeof b !== 'number') return (a === null || Number.isNaN(a)) && (b === null || Number.isNaN(b as number));
  return Math.abs(a - b) <= rtol * Math.abs(b) + atol;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
