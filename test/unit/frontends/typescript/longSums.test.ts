import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { lowerDocument } from '../../../../src/analysis/languages';

/**
 * A long sum (past the chain lezer can nest, shared/longSums.ts) is split before parsing and its terms
 * parsed on their own; a term that does not parse must be a located syntax error at the token lezer
 * stops on, as in the rest of the file — not the name lezer recovers ("y z"), read as unknown when run.
 */

const TERMS = 1_200; // past MAX_CHAIN (1,000), so the sum is split

function sumText(bad?: string): { text: string; column: number } {
  const terms = Array.from({ length: TERMS }, (_, i) => `${i % 7}*Math.sin(x)`);
  if (bad !== undefined) terms[5] = bad;
  const line = `  return ${terms.join(' + ')};`;
  return { text: `function f(x, y, z) {\n${line}\n}\n`, column: bad === undefined ? -1 : line.indexOf(bad) };
}

test('a term of a long TypeScript sum that does not parse is a syntax error at the token it stops on', () => {
  const { text, column } = sumText('y z');
  const m = lowerDocument(text, 'file:///bad.ts', 'typescript');
  const fn = m.functions.find((f) => f.name === 'f')!;
  const errors = [...fn.diagnostics, ...m.diagnostics].filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => [d.message, d.range.start.line, d.range.start.column]), [['syntax error: unexpected \'z\'', 1, column + 2]]);
  // Asked for a derivative, the function says the same, at the same place: no "unknown name y z".
  const doc = DocumentAnalysis.fromText(text, 'file:///bad.ts', 'typescript');
  const r = doc.gradient('f', { values: { x: 0.5, y: 1, z: 2 }, source: 'argument' });
  assert.ok(!r.ok);
  assert.match(r.error.message, /syntax error: unexpected 'z'/);
  assert.equal(r.error.range?.start.column, column + 2);
});

test('a long TypeScript sum whose terms all parse has no diagnostic and its derivative', () => {
  const { text } = sumText();
  const m = lowerDocument(text, 'file:///good.ts', 'typescript');
  assert.deepEqual(m.functions.flatMap((f) => f.diagnostics), []);
  const doc = DocumentAnalysis.fromText(text, 'file:///good.ts', 'typescript');
  const r = doc.gradient('f', { values: { x: 0.5, y: 1, z: 2 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  const weight = Array.from({ length: TERMS }, (_, i) => i % 7).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs((r.value.value as number) - weight * Math.sin(0.5)) < 1e-9);
  assert.ok(Math.abs((r.value.gradient!.x as number) - weight * Math.cos(0.5)) < 1e-9);
});
