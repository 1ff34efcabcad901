import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { reportRequest } from './fixtures';

/**
 * A function someone asked about (a call site, an `@at`) that only prints or logs what it computes
 * returns None: there is nothing to differentiate, which its lens says quietly — no error in Problems.
 * A function beside it that fails at its point is still loud.
 */

const SCRIPT = `import logging
import numpy as np

log = logging.getLogger(__name__)


def report_energy(m, v):
    ke = 0.5 * m * v ** 2
    print("kinetic energy:", ke)


# @at x=0.25
def log_step(x):
    log.info("step %.3f gives %.3f", x, np.exp(-x))
    return None


def entropy(p):
    return -np.sum(p * np.log(p))


report_energy(2.0, 3.0)
entropy(np.array([0.5, -0.5]))
`;

describe('an asked function that only prints', () => {
  it('gets a quiet note in its lens and nothing in Problems; a real failure beside it stays loud', () => {
    const report = reportDocument(reportRequest(SCRIPT), new FunctionCache());
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    for (const name of ['report_energy', 'log_step']) {
      const f = byName.get(name)!;
      assert.equal(f.asked, true, name);
      assert.equal(f.error, undefined, name);
      assert.equal(f.quiet, 'returns None: nothing to differentiate', name);
    }
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code}`),
      ['19: domain'],
    );
  });
});

const DRAWS = `import numpy as np

np.random.seed(0)
X = np.random.randn(5, 3)
y = np.random.randn(5)


def loss(w):
    r = X @ w - y
    return np.sum(r ** 2)


def noisy(w):
    np.random.seed(1)
    return np.sum(w * np.random.randn(3))


loss(np.array([0.1, 0.2, 0.3]))
noisy(np.array([0.1, 0.2, 0.3]))
`;

describe('notes about normal draws', () => {
  it('made at module level stay in the hover, out of Problems; made inside an asked function, at its line', () => {
    const report = reportDocument(reportRequest(DRAWS), new FunctionCache());
    const loss = report.functions.find((f) => f.name === 'loss')!;
    // The note is the result's (its hover shows it), located at the module's draws.
    assert.deepEqual(loss.result!.warnings.filter((w) => w.code === 'draw-rounding').map((w) => w.range.start.line + 1), [4, 5]);
    assert.deepEqual(report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.severity}`), ['15: draw-rounding info']);
  });
});
