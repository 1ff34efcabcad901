import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { lowerTypeScript } from '../../../../src/frontends/typescript/index';

/**
 * test/oracle/corpus/typescript.ts against its PyTorch fixture, through the analysis directly (the CLI
 * route in test/oracle/oracle.test.ts needs the language wired into src/analysis/languages.ts). Same
 * tolerance as the oracle test: |engine - torch| <= 1e-12 + 1e-10 |torch|.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

interface FixtureCase {
  function: string;
  at: Record<string, number>;
  value: number;
  gradient: Record<string, number>;
  hessian?: number[][];
}

const fixture = JSON.parse(readFileSync(join(ROOT, 'test/oracle/fixtures/typescript.json'), 'utf8')) as { file: string; cases: FixtureCase[] };
const text = readFileSync(join(ROOT, fixture.file), 'utf8');

function near(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, 'number', what);
  const diff = Math.abs((actual as number) - expected);
  assert.ok(diff <= 1e-12 + 1e-10 * Math.abs(expected), `${what}: engine ${String(actual)} vs torch ${expected}`);
}

test('the corpus lowers without diagnostics and has exactly the fixture functions, in order', () => {
  const module = lowerTypeScript(text, 'file:///typescript.ts');
  assert.deepEqual(module.diagnostics, []);
  assert.deepEqual(module.functions.filter((f) => f.diagnostics.length > 0).map((f) => f.name), []);
  assert.deepEqual(module.functions.map((f) => f.name), fixture.cases.map((c) => c.function));
});

const doc = DocumentAnalysis.fromModule(lowerTypeScript(text, 'file:///typescript.ts'));
for (const c of fixture.cases) {
  for (const mode of ['reverse', 'forward'] as const) {
    test(`oracle typescript.ts:${c.function} (${mode})`, () => {
      const point = doc.resolvePoint(c.function);
      assert.ok(point.ok, JSON.stringify(point));
      assert.deepEqual({ ...point.value.values }, c.at, 'the @at point is the fixture point');
      const r = doc.gradient(c.function, point.value, { mode, hessian: mode === 'reverse' });
      assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
      near(r.value.value, c.value, 'value');
      for (const [k, v] of Object.entries(c.gradient)) near(r.value.gradient![k], v, `gradient.${k}`);
      if (mode === 'reverse' && c.hessian) {
        c.hessian.forEach((row, i) => row.forEach((v, j) => near(r.value.hessian![i]![j], v, `hessian[${i}][${j}]`)));
      }
    });
  }
}
