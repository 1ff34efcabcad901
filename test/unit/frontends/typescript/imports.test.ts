import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { typescriptCandidates, type ModuleSourceProvider } from '../../../../src/analysis/moduleImports';

test('TypeScript candidates: relative specifiers only, the extension as written first, then .ts .tsx .js .mjs .cjs and index files', () => {
  assert.deepEqual(typescriptCandidates('w/src/a.ts', './g').slice(0, 5), ['w/src/g.ts', 'w/src/g.tsx', 'w/src/g.js', 'w/src/g.mjs', 'w/src/g.cjs']);
  assert.deepEqual(typescriptCandidates('w/src/a.ts', './g').slice(5), ['w/src/g/index.ts', 'w/src/g/index.js']);
  assert.equal(typescriptCandidates('w/src/a.ts', '../lib/f.js')[0], 'w/lib/f.js');
  assert.ok(typescriptCandidates('w/src/a.ts', '../lib/f.js').includes('w/lib/f.ts'));
  assert.deepEqual(typescriptCandidates('w/src/a.ts', 'lodash'), []);
  assert.deepEqual(typescriptCandidates('w/src/a.ts', '@scope/pkg'), []);
});

test('default and named imports from a workspace file are callees; a package import fails where it is used', () => {
  const reads: string[] = [];
  const files: Record<string, string> = {
    'w/lib/factorial.js': 'export default function factorial(n) {\n  return n <= 1 ? 1 : n * factorial(n - 1);\n}\nexport function square(x) { return x * x; }\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (reads.push(p), Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = "import factorial, { square as sq } from './lib/factorial.js';\nimport { nope } from 'lodash';\n// @at x=0.7\nexport function f(x) { return sq(x) * factorial(4) + Math.sin(x); }\n// @at x=0.7\nexport function g(x) { return nope(x); }\n";
  const doc = DocumentAnalysis.fromText(text, 'w/main.ts', 'typescript', undefined, provider);
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - (0.49 * 24 + Math.sin(0.7))) < 1e-13);
  assert.ok(Math.abs((r.value.gradient!.x as number) - (2 * 0.7 * 24 + Math.cos(0.7))) < 1e-13);
  assert.equal(reads[0], 'w/lib/factorial.js');
  assert.ok(!reads.some((p) => p.includes('lodash') || p.includes('node_modules')));
  const gp = doc.resolvePoint('g');
  assert.ok(gp.ok);
  const refused = doc.gradient('g', gp.value);
  assert.ok(!refused.ok);
  if (!refused.ok) assert.match(refused.error.message, /lodash/);
});
