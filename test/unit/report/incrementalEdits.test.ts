import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { forgetEarlierVersions } from '../../../src/frontends/python/index';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import type { DocumentReport } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * An edit is analysed from what the worker kept of the last version (issue 23): the tree parsed
 * incrementally (frontends/shared/reusedParses.ts), the definitions whose text did not change
 * reused and moved to their new lines (frontends/python/reusedLowering.ts), function reports from
 * the cache. Whatever it reuses, the report of each version must be the one a fresh worker gives
 * for the same text: same lenses, hovers, diagnostics, numbers, at the same lines.
 */

const FIXTURES = join(__dirname, '../../fixtures/real_python');

/** Real-style modules in one file (their relative imports dropped), then code of our own: a `for … else` (its IR names its line), a constant two functions read, a dataclass's subclass (its `__init__` takes the base's fields). */
const DOCUMENT = [
  ...['records.py', 'physics.py', 'options.py'].map((f) => readFileSync(join(FIXTURES, f), 'utf8').replace(/^from \..*$/gm, '')),
  `
SCALE = 2.5


def clipped_sum(values, cap):
    total = 0.0
    for v in values:
        if total > cap:
            break
        total = total + v * SCALE
    else:
        total = total / 2.0
    return total


# @at t=0.3
def scaled_wave(t):
    return SCALE * np.sin(t) + t ** 2


def damped(t, k=0.5):
    return np.exp(-k * t) * np.cos(3.0 * t)


# @at a=1.5, b=0.5
def total(a, b):
    return sum([a, b * SCALE])


@dataclass
class Spring:
    stiffness: float = 4.0
    rest: float = 0.5


@dataclass
class DampedSpring(Spring):
    damping: float = 0.1

    def force(self, x, v):
        return -self.stiffness * (x - self.rest) - self.damping * v


WEIGHTS = np.array([0.5, 1.5, 2.5])


def weighted_score(x):
    return np.dot(WEIGHTS, x) + 0.1


def row_norm(v):
    return np.sqrt(np.sum(v * v))


def scaled_norm(w, k):
    return k * row_norm(w)


def first_row_norm(M, k):
    return scaled_norm(M[0], k) + 1.0
`,
].join('\n');

/**
 * The report without what says how it was computed (time taken, functions from the cache), and
 * without the formulas: their simplification runs on the wall clock (analysis/formula/), so on a
 * loaded machine one run's `-1.3348e-10*m1*m2/r**3` is another's `2*r*-6.674e-11*m1*m2/r**2/r**2` —
 * the same derivative, simplified less far. The numbers they are checked against stay compared.
 */
function comparable(report: DocumentReport): unknown {
  const { millis: _millis, cached: _cached, version: _version, ...rest } = report;
  return JSON.parse(JSON.stringify(rest), (key, value) => (key === 'formula' ? undefined : value));
}

/** Each edit applied to the version before it, as an editor makes them; with the functions whose point it must change (so the comparison is not vacuous). */
const EDITS: readonly (readonly [string, (text: string) => string, string[]?])[] = [
  ['a number changed', (t) => t.replace('np.cos(3.0 * t)', 'np.cos(3.5 * t)')],
  ['lines added above every function', (t) => `# a comment\nOFFSET = 0.0\n\n${t}`],
  ['lines added inside a function in the middle', (t) => t.replace(/(\n    )(return SCALE \* np\.sin\(t\))/, '$1u = t + 1.0$1u = u * 2.0$1$2')],
  ['lines added below', (t) => `${t}\n\ndef tail(z):\n    return z ** 3 - z\n`],
  ['a function deleted', (t) => t.replace(/\n# @at t=0\.3\ndef scaled_wave\(t\):\n(    .*\n)+/, '\n')],
  // Shapes: what a function's sample point is made of follows from its callees', its callers' and the constants it reads.
  ['an array constant a function reads made longer', (t) => t.replace('WEIGHTS = np.array([0.5, 1.5, 2.5])', 'WEIGHTS = np.array([0.5, 1.5, 2.5, 3.5])'), ['weighted_score']],
  ["a callee's parameter made a matrix", (t) => t.replace('return np.sqrt(np.sum(v * v))', 'return np.sqrt(np.sum(v[:, 0] * v[:, 1]))'), ['row_norm', 'scaled_norm', 'first_row_norm']],
  ["a caller's caller indexing deeper", (t) => t.replace('return scaled_norm(M[0], k) + 1.0', 'return scaled_norm(M[0, 1], k) + 1.0')],
  ['a callee renamed, with its call', (t) => t.replace('def row_norm(v):', 'def vec_norm(v):').replace('k * row_norm(w)', 'k * vec_norm(w)')],
  ['a function others call removed', (t) => t.replace(/\ndef vec_norm\(v\):\n(    .*\n)+/, '\n')],
  ['a function others call added back, another shape', (t) => t.replace('\ndef scaled_norm', '\ndef vec_norm(v):\n    return np.sqrt(np.sum(v * v))\n\n\ndef scaled_norm'), ['scaled_norm']],
  ['a function added above every function', (t) => t.replace('\n\ndef damped(', '\n\ndef unused_helper(q):\n    return q * 3.0\n\n\ndef damped(')],
  // The name means the later definition once the module has run: its lens, its text keying it.
  ['a function pasted below itself', (t) => t.replace(/(\ndef damped\(t, k=0\.5\):\n    return .*\n)/, '$1\n$1')],
  ['a number changed in the later of the two', (t) => `${t.slice(0, t.lastIndexOf('np.cos(3.5 * t)'))}np.cos(3.75 * t)${t.slice(t.lastIndexOf('np.cos(3.5 * t)') + 'np.cos(3.5 * t)'.length)}`],
  ['an import changed', (t) => t.replace('import numpy as np', 'import autograd.numpy as np')],
  ['a module name the functions read unbound', (t) => t.replace(/^import (autograd\.)?numpy as np$/gm, 'import numpy as onp')],
  ['a function named as a builtin others call added', (t) => `${t}\n\ndef sum(xs):\n    return xs[0] - xs[1]\n`],
  ['a syntax error typed', (t) => t.replace('return np.exp(-k * t) * np.cos(3.5 * t)', 'return np.exp(-k * t) * np.cos(3.5 * t')],
  ['the syntax error fixed', (t) => t.replace('return np.exp(-k * t) * np.cos(3.5 * t', 'return np.exp(-k * t) * np.cos(3.5 * t)')],
  ['a module constant other functions read changed', (t) => t.replace('SCALE = 2.5', 'SCALE = 3.25')],
  ['lines added between a dataclass and its subclass', (t) => t.replace('\n@dataclass\nclass DampedSpring', '\nLIMIT = 4.0\n\n\n@dataclass\nclass DampedSpring')],
  ['the for-else function moved down a line', (t) => t.replace('\ndef clipped_sum', '\n# moved\ndef clipped_sum')],
];

describe('an edited document, analysed from the last version', () => {
  it('gives the report a fresh analysis of the same text gives, edit after edit', () => {
    const cache = new FunctionCache();
    let text = DOCUMENT;
    let version = 1;
    let previous = reportDocument(reportRequest(text, { version: version++ }), cache);
    const reused = { lowered: 0, reused: 0 };
    const pointOf = (report: DocumentReport, name: string): string => JSON.stringify(report.functions.find((f) => f.name === name)?.point?.values ?? null);
    for (const [what, edit, changed = []] of EDITS) {
      const next = edit(text);
      assert.notEqual(next, text, `${what}: the edit changes the text`);
      text = next;
      const incremental = reportDocument(reportRequest(text, { version: version++ }), cache);
      const counts = forgetEarlierVersions();
      reused.reused += counts.reused;
      const fresh = reportDocument(reportRequest(text, { version: version++ }), new FunctionCache());
      assert.deepEqual(comparable(incremental), comparable(fresh), what);
      for (const name of changed) assert.notEqual(pointOf(incremental, name), pointOf(previous, name), `${what}: ${name}'s point changes`);
      previous = incremental;
    }
    // Not vacuous: the versions were read from what was kept.
    assert.ok(reused.reused > 50, JSON.stringify(reused));
  });
});
