import assert from 'node:assert/strict';
import type { DocumentAnalysis } from '../../../../src/analysis/document';

/** The gradient of `name` at the point the file gives it (its `@at`, a call, a sample), asserted to exist. */
export function gradientAt(doc: DocumentAnalysis, name: string) {
  const point = doc.resolvePoint(name);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}
