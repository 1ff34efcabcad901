import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t, useTranslator, type Translate } from '../../../src/extension/localize';
import { cannotRunLens, setPointLens } from '../../../src/extension/titles';
import type { FunctionReport } from '../../../src/report/report';

/** Lens texts go through one translator: vscode.l10n.t on the extension host, English with its placeholders filled in tests. */

const fn = { name: 'f', params: ['x', 'y'] } as unknown as FunctionReport;

test('English by default: placeholders filled, a missing argument left visible', () => {
  assert.equal(t('line {0}: {1}', 3, 'oops'), 'line 3: oops');
  assert.equal(t('{0} and {1}', 'a'), 'a and {1}');
  assert.equal(setPointLens(fn, 'python'), 'GradLens: Set point… (or add "# @at x=1, y=2" above it)');
});

test('a translator set at activation translates the lens texts, user text passed through as arguments', () => {
  const seen: string[] = [];
  const pseudo: Translate = (message, ...args) => {
    seen.push(message);
    return `«${message.replace(/\{(\d+)\}/g, (_w, i: string) => String(args[Number(i)]))}»`;
  };
  useTranslator(pseudo);
  try {
    assert.equal(cannotRunLens(fn, 'a syntax error'), '✗ «f cannot run — a syntax error»');
    assert.match(setPointLens(fn, 'typescript'), /^«GradLens: Set point… \(or add "\/\/ @at x=1, y=2" above it\)»$/);
    // The messages are the keys, with the function's own name and text only as arguments.
    assert.ok(seen.includes('{0} cannot run — {1}'));
    assert.ok(seen.includes('GradLens: Set point… (or add "{0}" above it)'));
  } finally {
    useTranslator((message, ...args) => message.replace(/\{(\d+)\}/g, (w, i: string) => (args[Number(i)] === undefined ? w : String(args[Number(i)]))));
  }
});
