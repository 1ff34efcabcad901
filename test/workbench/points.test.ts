// Points without configuration and hand-written derivatives found in real code's shapes (issue 19),
// in a real workbench: a (loss, dW) function's lens names what it compared, a function with no
// point and no call gets a lens at a sample point whose hover says what each parameter was taken to
// be; a function called in its sibling test file takes its point from that call, read through the
// workspace file system. Screenshots go to test-artifacts/workbench/points-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hoverAt, openFile, readCodeLenses, screenshot, type Page } from '../../scripts/workbench/codeServer.mjs';
import { openGradLensSession, type GradLensSession } from './session';

const SVM = `import numpy as np


def svm_loss_naive(W, X, y, reg):
    dW = np.zeros(W.shape)
    num_classes = W.shape[1]
    num_train = X.shape[0]
    loss = 0.0
    for i in range(num_train):
        scores = X[i].dot(W)
        correct_class_score = scores[y[i]]
        for j in range(num_classes):
            if j == y[i]:
                continue
            margin = scores[j] - correct_class_score + 1
            if margin > 0:
                loss += margin
                dW[:, j] += X[i]
                dW[:, y[i]] -= X[i]
    loss /= num_train
    dW /= num_train
    loss += reg * np.sum(W * W)
    dW += 2 * reg * W
    return loss, dW
`;

const SAMPLE = `import numpy as np


def himmelblau(x):
    return (x[0] ** 2 + x[1] - 11) ** 2 + (x[0] + x[1] ** 2 - 7) ** 2


def log_barrier(x):
    return -np.sum(np.log(1 - x ** 2))
`;

const ACTIVATIONS = `import numpy as np


class Sigmoid:
    def fn(self, z):
        return 1 / (1 + np.exp(-z))

    def grad(self, x):
        fn_x = self.fn(x)
        return fn_x * (1 - fn_x)


class Tanh:
    def fn(self, z):
        return np.tanh(z)

    def grad(self, x):
        return 1 - np.tanh(x)
`;

const OPTIM = `import numpy as np


def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
`;

const OPTIM_TEST = `import numpy as np
from optim import rosen


def test_near_minimum():
    assert rosen(np.array([1.0, 1.0, 2.0])) > 0
`;

const PRICING = `import math


def norm_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


# @at S=100, K=110, T=0.75, r=0.03, sigma=0.25, option_type="put"
def bs_price(S, K, T, r, sigma, option_type):
    vol = sigma * math.sqrt(T)
    d1 = (math.log(S / K) + (r + 0.5 * sigma * sigma) * T) / vol
    d2 = d1 - vol
    if option_type == "call":
        return S * norm_cdf(d1) - K * math.exp(-r * T) * norm_cdf(d2)
    return K * math.exp(-r * T) * norm_cdf(-d2) - S * norm_cdf(-d1)


# @at x=1.5, clip=True, w=None
def soft(x, clip, w):
    y = x * x
    if clip:
        y = y / 2
    return y if w is None else y * w
`;

const lineIn = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

describe('GradLens points without configuration and (loss, grad) checks', { timeout: 240_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('points', { 'svm.py': SVM, 'sample.py': SAMPLE, 'activations.py': ACTIVATIONS, 'optim.py': OPTIM, 'test_optim.py': OPTIM_TEST, 'pricing.py': PRICING });
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('a (loss, dW) function: the lens says it matches ∂loss/∂W at 9 points, at a sample point', async () => {
    await openFile(page, 'svm.py');
    const lenses = await readCodeLenses(page, { contains: 'matches' });
    await screenshot(page, 'points-1-loss-grad');
    assert.ok(lenses.some((l) => /✓\smatches\s∂loss\/∂W\sat\s9\spoints/.test(l)), lenses.join('\n'));
    const hover = await hoverAt(page, 'def svm_loss_naive(W, X, y, reg):', 'svm_loss_naive', { contains: 'compared', line: lineIn(SVM, 'def svm_loss_naive') });
    assert.match(hover, /dW\sis\scompared\swith\s∂\/∂W/);
  });

  it('functions with no point and no call get a lens at a sample point, and the hover says what was inferred', async () => {
    await openFile(page, 'sample.py');
    const lenses = await readCodeLenses(page, { contains: 'log_barrier(' });
    await screenshot(page, 'points-2-sample');
    const himmelblau = lenses.find((l) => l.startsWith('himmelblau('));
    assert.ok(himmelblau?.endsWith('(sample point)'), lenses.join('\n'));
    assert.match(himmelblau!, /himmelblau\(\[0\.731, 0\.502\]\)/);
    assert.ok(lenses.some((l) => l.startsWith('log_barrier(') && l.endsWith('(sample point)')), lenses.join('\n'));
    const hover = await hoverAt(page, 'def log_barrier(x):', 'log_barrier', { contains: 'vector', line: lineIn(SAMPLE, 'def log_barrier') });
    assert.match(hover, /x:\sa\svector\sof\s3/);
    assert.match(hover, /only\sreduced\sover/);
  });

  it('a function called in its sibling test file takes its point from that call', async () => {
    await openFile(page, 'optim.py');
    const lenses = await readCodeLenses(page, { contains: 'test_optim.py' });
    await screenshot(page, 'points-4-test-point');
    // rosen([1, 1, 2]) = 100·(2 − 1²)² = 100; ∇ = (0, −400, 200) (checked with torch).
    assert.ok(lenses.some((l) => /^rosen\(\[1, 1, 2\]\)\s=\s100\s·\s∇rosen\s=\s\[0, −400, 200\]\s+\(call in test_optim\.py, line 6\)$/.test(l)), lenses.join('\n'));
  });

  it('a string in the point (option_type="put"): the hovers show it in quotes and say it is text, not differentiated', async () => {
    await openFile(page, 'pricing.py');
    const lenses = await readCodeLenses(page, { contains: 'bs_price(' });
    await screenshot(page, 'points-5-string');
    // CPython with central differences (test/fixtures/strings/expected_python.json): 13.2213, and 5 partials (the string has none).
    assert.ok(lenses.some((l) => /^bs_price\(…\)\s=\s13\.2213\s·\s∇:\s5\sentries/.test(l)), lenses.join('\n'));
    const fn = await hoverAt(page, 'def bs_price(S, K, T, r, sigma, option_type):', 'bs_price', { contains: 'put', line: lineIn(PRICING, 'def bs_price') });
    assert.match(fn, /at\s\(100,\s110,\s0\.75,\s0\.03,\s0\.25,\s"put"\)/);
    assert.match(fn, /33\.6626/);
    const param = await hoverAt(page, 'def bs_price(S, K, T, r, sigma, option_type):', 'option_type', { contains: 'text', line: lineIn(PRICING, 'def bs_price') });
    assert.match(param, /option_type\s=\s"put"\sat\sthe\spoint\sfrom\sthe\s@at\sline:\stext,\scarried\sand\snot\sdifferentiated/);
    // Booleans and None in Python's words, in the lens as in the @at line.
    assert.ok(lenses.some((l) => /^soft\(1\.5, True, None\)\s=\s1\.125\s·\s∂soft\/∂x\s=\s1\.5\s+\(@at\)$/.test(l)), lenses.join('\n'));
  });

  it('class methods: grad over fn gets a ✓ lens, a wrong one a ✗ naming the component', async () => {
    await openFile(page, 'activations.py');
    const lenses = await readCodeLenses(page, { contains: 'differs' });
    await screenshot(page, 'points-3-class-pair');
    assert.ok(lenses.some((l) => /✓\smatches\s∇Sigmoid\.fn\sat\s9\spoints/.test(l)), lenses.join('\n'));
    assert.ok(lenses.some((l) => /✗\s∂Tanh\.fn\/∂z\sdiffers/.test(l)), lenses.join('\n'));
  });
});
