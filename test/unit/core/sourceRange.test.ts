import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineMap, formatRange } from '../../../src/core/sourceRange';

test('LineMap maps offsets to zero-based line and column and back', () => {
  const map = new LineMap('ab\ncde\n\nf');
  assert.deepEqual(map.position(0), { line: 0, column: 0 });
  assert.deepEqual(map.position(4), { line: 1, column: 1 });
  assert.deepEqual(map.position(7), { line: 2, column: 0 });
  assert.deepEqual(map.position(8), { line: 3, column: 0 });
  assert.equal(map.offset({ line: 1, column: 2 }), 5);
  assert.equal(map.lineText(1), 'cde');
  assert.equal(formatRange(map.range(3, 6)), '2:1-2:4');
});
