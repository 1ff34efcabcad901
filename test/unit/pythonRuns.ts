import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../src/analysis/document';

/** A Python function of `source` run at `at` (the point must resolve): the gradient's result, ok or an error. */
export function pythonRun(source: string, name: string, at: Record<string, number | number[]>) {
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

/** The same, which must succeed: its value and gradient. */
export function pythonGradient(source: string, name: string, at: Record<string, number | number[]>) {
  const r = pythonRun(source, name, at);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}
