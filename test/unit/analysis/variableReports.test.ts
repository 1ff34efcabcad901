import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { variableReports } from '../../../src/analysis/variables';

/** What a hover on an intermediate variable shows (analysis/variables.ts): the last value an assignment gave, and how many times it ran. */
describe('variable reports', () => {
  it('an assignment in a loop: its last value, its derivatives there, and how many times it ran', () => {
    const text = 'def f(x):\n    s = 0.0\n    for i in range(3):\n        s = s + x * i\n    y = s * s\n    return y\n';
    const analysis = DocumentAnalysis.fromText(text, 'file:///ws/v.py', 'python');
    const result = analysis.gradient('f', { values: { x: 2 }, source: 'annotation' });
    assert.ok(result.ok);
    const reports = variableReports(analysis.find('f')!, result.value.trace);
    // `s = 0.0` is a constant: not on the tape. s = 0 + 2·0 + 2·1 + 2·2 = 6 (3x), y = s² = 36.
    assert.deepEqual(
      reports.map((r) => [r.name, r.range.start.line, r.value, r.tangents.x, r.adjoint, r.times]),
      [
        ['s', 3, 6, 3, 12, 3],
        ['y', 4, 36, 36, 1, 1],
      ],
    );
  });
});
