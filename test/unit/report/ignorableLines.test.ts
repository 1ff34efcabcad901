import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignorableLines } from '../../../src/frontends/python/document';
import { forgetEarlierVersions } from '../../../src/frontends/python/index';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import type { DocumentReport } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * A blank line or a plain comment between Python statements changes no program (issue 23): Enter
 * pressed between two defs, or a note written there, must not analyse the file again. The
 * module-level text the caches key on leaves such lines out (analysis/dependencies.ts), and a kept
 * report moves past them (report/reportLayout.ts); a blank line inside a triple-quoted string is the
 * string's value, one after a line ending in a backslash ends that line's statement, and a comment
 * holding `@` may be an annotation (`# @at`): those count.
 */

const DOCUMENT = `import numpy as np

NOTE = """first

last"""

SCALE = 2.0 + \\
    1.0


def noted(x):
    return len(NOTE) * x


# @at t=0.3
def wave(t):
    return SCALE * np.sin(t) + t ** 2


def damped(t, k=0.5):
    return np.exp(-k * t) * np.cos(3.0 * t)


print(damped(0.5))
`;

const comparable = (report: DocumentReport): unknown => {
  const { millis: _millis, cached: _cached, version: _version, ...rest } = report;
  return JSON.parse(JSON.stringify(rest), (key, value) => (key === 'formula' ? undefined : value));
};

const valueOf = (report: DocumentReport, name: string): unknown => report.functions.find((f) => f.name === name)?.result?.value;

describe('blank lines and plain comments between statements', () => {
  it('are the whitespace and plain comment lines outside strings, not one ending a backslash-continued line', () => {
    const lines = DOCUMENT.split('\n');
    const blank = ignorableLines(DOCUMENT);
    const note = lines.indexOf('NOTE = """first');
    // Inside the string: its value.
    assert.ok(!blank.has(note + 1));
    assert.ok(blank.has(note - 1) && blank.has(note + 3));
    // `SCALE = 2.0 + \` then its continuation: a blank line right after the backslash would end the statement.
    assert.ok(ignorableLines('x = 1 + \\\n\n2\n').has(1) === false);
    assert.ok(ignorableLines("s = '''a\n\n'''\n\ny = 1\n").has(1) === false);
    assert.ok(ignorableLines("s = '''a\n\n'''\n\ny = 1\n").has(3));
    assert.ok(ignorableLines('a = 1\n  \t\ndef f(x):\n    return x\n').has(1));
    // A plain comment is ignorable; one that may be an annotation is not, nor one inside a string.
    const commented = ignorableLines('# a note\n# @at x=1\ndef f(x):\n    return x\n  # indented note\nS = \'\'\'\n# in S\n\'\'\'\n');
    assert.deepEqual([0, 1, 4, 6].map((l) => commented.has(l)), [true, false, true, false]);
  });

  it('move kept reports instead of analysing the file again, and the report is a fresh one', () => {
    const cache = new FunctionCache();
    const first = reportDocument(reportRequest(DOCUMENT), cache);
    const edits: [string, string, (r: DocumentReport) => void][] = [
      ['a blank line between two defs', DOCUMENT.replace('\n\ndef damped', '\n\n\ndef damped'), (r) => assert.equal(r.cached, r.functions.length)],
      ['blank lines removed above a def', DOCUMENT.replace('\n\n\n# @at t=0.3', '\n# @at t=0.3'), (r) => assert.equal(r.cached, r.functions.length)],
      ['a comment between two defs', DOCUMENT.replace('\n\ndef damped', '\n\n# the damped wave, for comparison\ndef damped'), (r) => assert.equal(r.cached, r.functions.length)],
      // An annotation is no plain comment: damped's point is now the one it says.
      ['an @at written above a def', DOCUMENT.replace('\n\ndef damped', '\n\n# @at t=0.9\ndef damped'), (r) => assert.notEqual(valueOf(r, 'damped'), valueOf(first, 'damped'))],
      // The string's value changed: noted's value with it.
      ['a blank line inside a module string', DOCUMENT.replace('"""first\n', '"""first\n\n'), (r) => assert.notEqual(valueOf(r, 'noted'), valueOf(first, 'noted'))],
    ];
    for (const [what, text, expect] of edits) {
      const incremental = reportDocument(reportRequest(text, { version: 2 }), cache);
      forgetEarlierVersions();
      const fresh = reportDocument(reportRequest(text, { version: 3 }), new FunctionCache());
      assert.deepEqual(comparable(incremental), comparable(fresh), what);
      expect(incremental);
    }
  });
});
