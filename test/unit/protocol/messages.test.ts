import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGraphModel } from '../../../src/protocol/graphModel';
import { describeRejected, isHostMessage, isWebviewMessage } from '../../../src/protocol/messages';
import { seed001Model } from '../report/fixtures';

const range = { start: { line: 1, column: 2 }, end: { line: 1, column: 8 } };
const model = JSON.parse(JSON.stringify(seed001Model()));
const clone = <T>(x: T): any => JSON.parse(JSON.stringify(x));

test('every host message is accepted when well formed', () => {
  assert.ok(isHostMessage({ type: 'show', model }));
  assert.ok(isHostMessage({ type: 'stale', reason: 'the file changed' }));
  assert.ok(isHostMessage({ type: 'error', error: { severity: 'error', message: 'division by zero', code: 'domain', range } }));
  assert.ok(isHostMessage({ type: 'error', error: { severity: 'error', message: 'no range' }, documentUri: 'file:///a.py' }));
  assert.ok(isHostMessage({ type: 'highlight', documentUri: 'file:///a.py', position: { line: 3, column: 0 } }));
  assert.ok(isHostMessage({ type: 'highlight', documentUri: 'file:///a.py', position: null }));
});

test('malformed host messages are rejected', () => {
  const bad: unknown[] = [
    null,
    42,
    'show',
    [],
    {},
    { type: 'nope' },
    { type: 'show' },
    { type: 'show', model: { ...model, version: 2 } },
    { type: 'show', model: { ...model, nodes: 'many' } },
    { type: 'stale' },
    { type: 'stale', reason: 5 },
    { type: 'error', error: { message: 'no severity' } },
    { type: 'error', error: { severity: 'fatal', message: 'x' } },
    { type: 'error', error: { severity: 'error', message: 'x', range: { start: { line: -1, column: 0 }, end: { line: 0, column: 0 } } } },
    { type: 'highlight', position: { line: 1, column: 1 } },
    { type: 'highlight', documentUri: 'u', position: { line: 1.5, column: 1 } },
  ];
  for (const m of bad) assert.ok(!isHostMessage(m), JSON.stringify(m));
});

test('a model is checked deeply: node references, finite numbers, plot shapes', () => {
  assert.ok(isGraphModel(model));
  const edgeToNowhere = clone(model);
  edgeToNowhere.edges.push({ from: 0, to: 99, argument: 0, partial: 1 });
  assert.ok(!isGraphModel(edgeToNowhere));
  const duplicateIds = clone(model);
  duplicateIds.nodes.push(duplicateIds.nodes[0]);
  assert.ok(!isGraphModel(duplicateIds));
  const infinite = clone(model);
  infinite.inputs[0].value = 'Infinity';
  assert.ok(!isGraphModel(infinite));
  const nullValue = clone(model);
  nullValue.nodes[3].value = null; // NaN travels as null, and is allowed where a value may be undefined
  assert.ok(isGraphModel(nullValue));
  const ragged = clone(model);
  ragged.plots.lines[0].f.pop();
  assert.ok(!isGraphModel(ragged));
  const contour = clone(model);
  contour.plots.contour.values.pop();
  assert.ok(!isGraphModel(contour));
  const badRow = clone(model);
  badRow.tangentRows[0].range = { start: { line: 0 } };
  assert.ok(!isGraphModel(badRow));
  const badGradient = clone(model);
  badGradient.gradient = [1];
  assert.ok(!isGraphModel(badGradient));
});

test('webview messages: accepted when well formed, rejected otherwise', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'reveal', documentUri: 'file:///a.py', range, focusEditor: false }));
  assert.ok(isWebviewMessage({ type: 'setSeed', input: 'x[2]' }));
  assert.ok(isWebviewMessage({ type: 'log', level: 'error', message: 'oops' }));
  const bad: unknown[] = [
    undefined,
    { type: 'Ready' },
    { type: 'reveal', documentUri: 'file:///a.py', range },
    { type: 'reveal', documentUri: 'file:///a.py', range: { start: range.start }, focusEditor: true },
    { type: 'reveal', range, focusEditor: true },
    { type: 'setSeed', input: '' },
    { type: 'setSeed' },
    { type: 'log', level: 'debug', message: 'x' },
    { type: 'show', model },
  ];
  for (const m of bad) assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  assert.equal(describeRejected({ type: 'reveal' }), 'a malformed "reveal" message');
  assert.equal(describeRejected(null), 'a null, not a message object');
});
