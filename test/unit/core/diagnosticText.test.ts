import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { diagnosticText, messageText, shiftValues } from '../../../src/core/diagnosticText';
import { bundleTranslator, useTranslator } from '../../../src/core/localize';

/**
 * The engine's messages carry their numbers as data (`values`), and every surface prints them through
 * the one number format at the reader's precision: `log(−0.7661)` at 4 places, every digit nowhere.
 */

function errorAt(source: string, name: string, at: Record<string, number>) {
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok);
  const r = doc.gradient(name, point.value);
  assert.ok(!r.ok, 'expected an error');
  return r.error;
}

test('a domain error keeps its number, and shows it at the precision asked, with a real minus sign', () => {
  const e = errorAt('import math\ndef f(x):\n    return math.log(x)\n', 'f', { x: -0.76612435 });
  assert.deepEqual(e.values, [-0.76612435]);
  assert.equal(diagnosticText(e), 'log of a negative number (log(−0.7661))');
  assert.equal(diagnosticText(e, 2), 'log of a negative number (log(−0.77))');
  assert.equal(diagnosticText(e, 8), 'log of a negative number (log(−0.76612435))');
  // str(e) in the user's Python is the English text at the default precision, as the CLI prints it.
  const doc = DocumentAnalysis.fromText('import math\ndef f(x):\n    try:\n        return math.log(x)\n    except ValueError as err:\n        return len(str(err))\n', 'test.py', 'python');
  const point = doc.resolvePoint('f', { x: -1 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok);
  assert.equal(r.value.value, 'log of a negative number (log(−1))'.length);
});

test('the one-sided derivatives a kink warning names are data too', () => {
  const doc = DocumentAnalysis.fromText('def f(x, y):\n    return abs(x) * y\n', 'test.py', 'python');
  const point = doc.resolvePoint('f', { x: 0, y: 2 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok);
  const w = r.value.warnings[0]!;
  assert.deepEqual(w.values, [-1, 1]);
  assert.match(diagnosticText(w), /left −1, right 1\.$/);
});

test('a message without numbers is shown as written; braces of the user\'s text stay', () => {
  assert.equal(messageText('calls to eval() are not supported', undefined), 'calls to eval() are not supported');
  assert.equal(messageText("can't read f'{x}' here", undefined), "can't read f'{x}' here");
  assert.equal(messageText('{0} and {1}', [1.5]), '1.5 and {1}');
});

test('appending a message with numbers to another keeps each number its own', () => {
  const first = { text: 'a = {0}', values: [1] };
  const second = { text: 'b = {0}', values: [2] };
  const joined = `${first.text}, ${shiftValues(second.text, first.values.length)}`;
  assert.equal(messageText(joined, [...first.values, ...second.values]), 'a = 1, b = 2');
});

test('in another display language the message is translated and its numbers still use the one format', () => {
  useTranslator(bundleTranslator({ 'log of a negative number (log({0}))': 'Logarithmus einer negativen Zahl (log({0}))' }));
  try {
    assert.equal(messageText('log of a negative number (log({0}))', [-1234567.5], 3), 'Logarithmus einer negativen Zahl (log(−1.23e6))');
  } finally {
    useTranslator(undefined);
  }
});
