import { FunctionCache, reportDocument } from './documentReport';
import { dropFormulas, type PendingFormula } from './laterFormulas';
import type { AnalyseRequest } from './report';

/**
 * The worker's warm-up: while it waits for its first request (the editor is still opening the file
 * that activated GradLens), it analyses a few small documents of GradLens's own, so that the parser,
 * the front end, the compiler and the engine have their code compiled (V8 compiles a function on its
 * first call) and some type feedback gathered before the user's file arrives. It does not make the
 * first analysis warm (the parser's loops are optimized only after many more calls than these
 * documents make: a 2,000-line file parses in ~400 ms the first time, ~100 ms the third), but it
 * takes the first compilation off it: the real-style file's first screen came with ~19% less CPU of
 * the worker's, its whole report ~8% (node-level, 6 runs each, load 8).
 *
 * Each step is a turn of the event loop of its own, so a request that arrives stops it after the
 * step in flight (half a document: tens of ms; the first, which compiles the most, the longest).
 * Nothing it computes is kept: its own caches are dropped, and the engine keeps no state between
 * analyses that would change a report (warmUp.test.ts compares reports with and without it).
 */

/** Small documents, in order: the most common constructs first. */
export const WARM_UP_DOCUMENTS: readonly string[] = [
  `import math

# @at x=0.5, y=2
def smooth(x, y):
    return math.sin(x) * y ** 2 + math.exp(-x) * math.log(1 + y * y)
`,
  `import numpy as np

RATE = 0.1


def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def cube(x):
    return x ** 3 - 2 * x


def cube_grad(x):
    return 3 * x ** 2 - 2


def step(w, g):
    total = 0.0
    for k in range(3):
        total = total + np.tanh(w * k) * g / (1 + k)
    if total > 0:
        total = np.sqrt(total + 1)
    return total * RATE
`,
  `import numpy as np

class Tanh:
    def __init__(self, scale=0.5):
        self.scale = scale

    def forward(self, x):
        self.x = x
        return np.tanh(self.scale * x)

    def backward(self, dout):
        t = np.tanh(self.scale * self.x)
        return dout * self.scale * (1 - t ** 2)


def mse(pred, target, weights=None):
    diff = [p - t for p, t in zip(pred, target)]
    if weights is None:
        return sum(d * d for d in diff) / len(diff)
    return sum(w * d * d for w, d in zip(weights, diff)) / sum(weights)
`,
  `import numpy as np

def softmax_loss(W, X, y, reg=0.1):
    scores = X.dot(W)
    scores = scores - np.max(scores, axis=1, keepdims=True)
    probs = np.exp(scores)
    probs /= np.sum(probs, axis=1, keepdims=True)
    n = X.shape[0]
    loss = -np.mean(np.log(probs[np.arange(n), y]))
    return loss + reg * np.sum(W * W)


def price(params, kind="call"):
    s, k = params["spot"], params["strike"]
    if kind == "call":
        return max(s - k, 0.0) + 0.01 * s
    elif kind == "put":
        return max(k - s, 0.0)
    raise ValueError(f"unknown kind {kind}")
`,
];

const uri = (i: number): string => `gradlens-warm-up:/${i}.py`;

const request = (text: string, i: number): AnalyseRequest => ({
  uri: uri(i),
  version: 1,
  text,
  language: 'python',
  settings: { mode: 'reverse', budget: {} },
  lastUsed: {},
});

/**
 * Runs the warm-up in turns until done or `stopped()` says a request came; then `done(documents
 * analysed, ms they took)`, for the log. Each document takes two turns: lowered in the first (into
 * the warm-up's own cache), analysed in the second, so that a request waits for half a document at most.
 */
export function warmUp(stopped: () => boolean, done: (documents: number, millis: number) => void = () => {}): void {
  const cache = new FunctionCache();
  let millis = 0;
  const step = (turn: number): void => {
    const i = turn >> 1;
    if (i >= WARM_UP_DOCUMENTS.length || stopped()) return done(i, millis);
    const started = Date.now();
    if (turn % 2 === 0) cache.lowered.lowered(uri(i), WARM_UP_DOCUMENTS[i]!, 'python');
    else warmUpWith(i, cache);
    millis += Date.now() - started;
    setImmediate(() => step(turn + 1));
  };
  setImmediate(() => step(0));
}

/** Analyses warm-up document `i` (lowered already when `cache` has it), dropping what it computed; the number of functions it gave a result. */
export function warmUpWith(i: number, cache: FunctionCache): number {
  // Formulas are left for later and dropped: mathjs loads on the first formula a user's file needs.
  const later: PendingFormula[] = [];
  try {
    return reportDocument(request(WARM_UP_DOCUMENTS[i]!, i), cache, undefined, undefined, later).functions.filter((f) => f.result).length;
  } catch {
    // What it ran is warm all the same (the test of the documents keeps them running).
    return 0;
  } finally {
    dropFormulas(later);
  }
}
