import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { deepIndentRegions, MAX_INDENT_LEVELS } from '../../../../src/frontends/python/indentLimit';

/**
 * Blocks nested past CPython's limit (3.11: 99 levels read, the 100th an IndentationError, as
 * `compile()` says of the `nested` text below) are refused at the line that opens the 100th level;
 * the other functions of the file keep their results, and reading stays linear.
 */

/** `def f(x):` and `levels - 1` nested ifs, one space deeper each, the innermost returning x. */
function nested(levels: number, indent = ' '): string {
  let s = 'def f(x):\n';
  for (let i = 0; i < levels - 1; i++) s += `${indent.repeat(i + 1)}if x > 0:\n`;
  return `${s}${indent.repeat(levels)}return x\n${indent}return x\n\ndef g(x):\n    return 2 * x\n`;
}

function outcome(text: string, fn: string): { value?: unknown; error?: string; line?: number } {
  const doc = DocumentAnalysis.fromText(text, 'file:///i.py', 'python');
  const summary = doc.functions().find((f) => f.ir.name === fn);
  assert.ok(summary, `${fn} is listed`);
  const error = summary.ir.diagnostics.find((d) => d.severity === 'error');
  if (error) return { error: error.message, line: error.range.start.line };
  const point = doc.resolvePoint(fn, { x: 1 } as never);
  assert.ok(point.ok);
  const r = doc.gradient(fn, point.value);
  return r.ok ? { value: r.value.value } : { error: r.error.message };
}

test('99 levels are read; the 100th is CPython\'s IndentationError, at its line, for that function only', () => {
  assert.equal(MAX_INDENT_LEVELS, 99);
  assert.deepEqual(outcome(nested(99), 'f'), { value: 1 });
  assert.deepEqual(deepIndentRegions(nested(99)), []);
  const refused = outcome(nested(100), 'f');
  assert.match(refused.error ?? '', /too many levels of indentation: CPython reads at most 99/);
  assert.equal(refused.line, 100); // 0-based: the line of `return x` at the 100th level
  assert.deepEqual(outcome(nested(100), 'g'), { value: 2 });
  // tabs count as CPython counts them (to the next multiple of 8): still levels, one per tab
  assert.deepEqual(outcome(nested(99, '\t'), 'f'), { value: 1 });
  assert.match(outcome(nested(100, '\t'), 'f').error ?? '', /too many levels of indentation/);
});

test('blank and comment lines open no level; code after the deep block, back at a lower level, is read', () => {
  const commented = nested(99).replace(/\n/g, '\n\n# a comment\n          \n');
  assert.deepEqual(outcome(commented, 'f'), { value: 1 });
  // the region ends where the block does: g after it is read, and so is a second deep function's refusal
  const two = nested(120) + nested(130).replace(/\bf\b/g, 'h').replace(/\bg\b/g, 'k');
  const regions = deepIndentRegions(two);
  assert.equal(regions.length, 2);
  assert.match(outcome(two, 'h').error ?? '', /too many levels of indentation/);
  assert.deepEqual(outcome(two, 'k'), { value: 2 });
});

test('2,000 levels: one located error, the file read once (no line-by-line re-parse), the other function kept', () => {
  const text = nested(2000);
  assert.match(outcome(text, 'f').error ?? '', /too many levels of indentation/);
  assert.deepEqual(outcome(text, 'g'), { value: 2 });
});
