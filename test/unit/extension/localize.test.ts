import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundleTranslator, t, useTranslator, type Translate } from '../../../src/core/localize';
import { cannotRunLens, setPointLens } from '../../../src/extension/titles';
import type { FunctionReport } from '../../../src/report/report';

/**
 * GradLens's own texts go through one translator: vscode.l10n.t on the extension host, the host's
 * bundle on the analysis thread, English with its placeholders filled in tests. The bundle VS Code
 * reads (package.json's "l10n") lists every message the code passes to it.
 */

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
    useTranslator(undefined);
  }
});

test('on the analysis thread, the host’s bundle translates; a message it lacks stays English', () => {
  useTranslator(bundleTranslator({ '{0} cannot run — {1}': '{0} ne peut pas s’exécuter — {1}', toString: 42 as unknown as string }));
  try {
    assert.equal(cannotRunLens(fn, 'x'), '✗ f ne peut pas s’exécuter — x');
    assert.equal(setPointLens(fn, 'python'), 'GradLens: Set point… (or add "# @at x=1, y=2" above it)');
    // Only the bundle's own string entries count, never inherited or non-string ones.
    assert.equal(t('toString'), 'toString');
    assert.equal(t('constructor'), 'constructor');
  } finally {
    useTranslator(undefined);
  }
  assert.equal(cannotRunLens(fn, 'x'), '✗ f cannot run — x');
});

test('l10n/bundle.l10n.json lists exactly the messages the code translates, and package.json points at it', async () => {
  // @ts-expect-error: a plain .mjs script without types
  const { bundleText, BUNDLE } = await import('../../../scripts/l10n.mjs');
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(manifest.l10n, './l10n');
  assert.equal(BUNDLE, 'l10n/bundle.l10n.json');
  const expected: string = bundleText();
  assert.equal(readFileSync(BUNDLE, 'utf8'), expected, 'stale: run node scripts/l10n.mjs');
  const messages = Object.keys(JSON.parse(expected));
  // Hovers, lenses, commands and the worker's Problems messages are all in it.
  for (const m of ['the point you last used', 'Hessian ∇²{0}:', '{0} differs: yours {1}, AD {2} at ({3})', '{0} differs from automatic differentiation: yours {1}, AD {2} at ({3})', 'use @at point', 'Copy {0} as…']) {
    assert.ok(messages.includes(m), `missing: ${m}`);
  }
  assert.ok(messages.length >= 60, `${messages.length} messages`);
  assert.ok(readFileSync('.vscodeignore', 'utf8').includes('!l10n/**'), 'the .vsix ships the bundle');
});
