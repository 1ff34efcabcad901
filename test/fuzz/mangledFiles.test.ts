import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../src/analysis/document';
import { languageForPath } from '../../src/analysis/languages';
import type { Diagnostic } from '../../src/core/diagnostic';
import { LineMap } from '../../src/core/sourceRange';
import { cpuMillis } from '../cpuTime';

/**
 * Half-typed and mangled files: random deletions, insertions and truncations of real test files,
 * each analysed in full (every function at every point it has). Never an uncaught exception, never
 * past the budgets, every diagnostic inside the document.
 */

const SOURCES = ['examples', 'test/oracle/corpus']
  .flatMap((dir) => {
    try {
      return readdirSync(dir).map((f) => join(dir, f));
    } catch {
      return [];
    }
  })
  .filter((f) => languageForPath(f) && !f.endsWith('.md'));

const FRAGMENTS = ['(', ')', ':', '\n', '    ', '+', '**', 'def ', 'return ', ',', '[', ']', 'while True:\n    ', 'np.', '# @at x=', '=', '1e', 'lambda', '"', 'if x', '\t'];

/** A small deterministic generator, so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function mangle(text: string, seed: number): string {
  const r = rng(seed);
  let t = text;
  const edits = 1 + Math.floor(r() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (t.length + 1));
    const kind = r();
    if (kind < 0.4) t = t.slice(0, at) + t.slice(Math.min(t.length, at + 1 + Math.floor(r() * 12)));
    else if (kind < 0.8) t = t.slice(0, at) + FRAGMENTS[Math.floor(r() * FRAGMENTS.length)]! + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

const BUDGET = { maxMillis: 200, maxSteps: 200_000, maxBytes: 16 * 1024 * 1024 };

function checkRange(d: Diagnostic, map: LineMap, where: string): void {
  const { start, end } = d.range;
  assert.ok(start.line >= 0 && end.line < map.lineCount + 1, `${where}: ${d.message} has line ${start.line}-${end.line} outside ${map.lineCount} lines`);
  assert.ok(start.line < end.line || (start.line === end.line && start.column <= end.column), `${where}: ${d.message} has an inverted range`);
  assert.ok(d.message.length > 0, `${where}: empty message`);
}

function analyseFully(text: string, file: string, where: string): void {
  const language = languageForPath(file)!;
  const map = new LineMap(text);
  const doc = DocumentAnalysis.fromText(text, file, language);
  doc.diagnostics.forEach((d) => checkRange(d, map, where));
  for (const pairing of doc.pairings()) {
    const c = doc.check(pairing, BUDGET);
    if (c.ok) {
      for (const d of c.value.components) {
        if (d.range) checkRange({ severity: 'warning', code: 'gradient-mismatch', message: d.name, range: d.range }, map, where);
      }
    } else {
      checkRange(c.error, map, where);
      assert.notEqual(c.error.code, 'internal', `${where}: checking ${pairing.derivative.name}: ${c.error.message}`);
    }
  }
  for (const fn of doc.functions()) {
    [...fn.errors, ...fn.pointErrors].forEach((d) => checkRange(d, map, where));
    for (const point of fn.points) {
      // CPU time, not wall: the budget's clock is the wall's, so the CPU spent is at most that, plus
      // what stopping takes, on a machine however loaded.
      const { value: result, ms } = cpuMillis(() => doc.gradient(fn.ir.name, point, { hessian: true, budget: BUDGET }));
      assert.ok(ms < BUDGET.maxMillis + 500, `${where}: ${fn.ir.name} ran ${ms.toFixed(0)} ms of CPU, past its budget`);
      if (result.ok) result.value.warnings.forEach((d) => checkRange(d, map, where));
      else {
        checkRange(result.error, map, where);
        assert.notEqual(result.error.code, 'internal', `${where}: ${fn.ir.name}: internal error ${result.error.message}`);
      }
    }
  }
}

test('there are files to mangle', () => {
  assert.ok(SOURCES.length >= 3, `found ${SOURCES.join(', ')}`);
});

for (const file of SOURCES) {
  test(`mangled ${file}: no crash, no hang, every problem located`, () => {
    const text = readFileSync(file, 'utf8');
    analyseFully(text, file, `${file} (unchanged)`);
    for (let seed = 1; seed <= 60; seed++) analyseFully(mangle(text, seed), file, `${file} seed ${seed}`);
    // Every prefix at line granularity: what a user has on screen while typing a file top to bottom.
    const lines = text.split('\n');
    for (let n = 0; n <= lines.length; n += 3) analyseFully(lines.slice(0, n).join('\n'), file, `${file} first ${n} lines`);
  });
}
