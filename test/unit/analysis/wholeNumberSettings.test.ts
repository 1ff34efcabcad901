import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Numbers the code uses as whole numbers through arithmetic — a size (`np.zeros((N, F, H_out,
 * W_out))` with `H_out = 1 + (H + 2 * pad - HH) // stride`), a `range`, a seed — and settings kept in
 * a dict (`conv_param['pad']`, `pool_param['stride']`, `dropout_param['seed']`): sampled as counts,
 * never as 0.731, and a dict of counts only is held as the settings it is, not differentiated.
 */

const LAYERS = `import numpy as np

def padded_energy(x, n):
    out = np.zeros((x.shape[0] + 2 * n,))
    out[n:n + x.shape[0]] = x
    return np.sum(out ** 2) + np.sum(x ** 3)

def halvings(x, schedule):
    for _ in range(schedule['steps']):
        x = x * 0.5
    return np.sum(x ** 2)

def conv1d_forward(x, w, conv_param):
    pad, stride = conv_param['pad'], conv_param['stride']
    L = x.shape[0]
    K = w.shape[0]
    L_out = int((L + 2 * pad - K) / stride) + 1
    xp = np.zeros(L + 2 * pad)
    xp[pad:pad + L] = x
    out = np.zeros(L_out)
    for i in range(L_out):
        out[i] = np.sum(xp[i * stride:i * stride + K] * w)
    return out

def pool1d_forward(x, pool_param):
    width, stride = pool_param['width'], pool_param['stride']
    L_out = 1 + (x.shape[0] - width) // stride
    out = np.zeros(L_out)
    for i in range(L_out):
        out[i] = np.max(x[i * stride:i * stride + width])
    return out

def noisy_scale(x, noise_param):
    np.random.seed(noise_param['seed'])
    return x * noise_param['scale'] + 0.0 * np.random.rand(*x.shape)
`;

const doc = DocumentAnalysis.fromText(LAYERS, 'file:///layers.py', 'python');
const sample = (name: string) => doc.samplePoint(name) ?? assert.fail(`${name} has no sample point`);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

test('a parameter or dict entry used as a whole number through arithmetic is sampled as a count', () => {
  assert.ok(isCount(sample('padded_energy').values.n), JSON.stringify(sample('padded_energy').values));
  assert.ok(isCount((sample('halvings').values.schedule as Record<string, unknown>).steps));
  const conv = sample('conv1d_forward').values.conv_param as Record<string, unknown>;
  assert.ok(isCount(conv.pad) && isCount(conv.stride), JSON.stringify(conv));
  const pool = sample('pool1d_forward').values.pool_param as Record<string, unknown>;
  assert.ok(isCount(pool.width) && isCount(pool.stride), JSON.stringify(pool));
  const noise = sample('noisy_scale').values.noise_param as Record<string, unknown>;
  assert.ok(isCount(noise.seed), JSON.stringify(noise));
  // A number used as a number stays one.
  assert.ok(!Number.isInteger(noise.scale), JSON.stringify(noise));
});

test('a dict of counts is settings: not differentiated; the values are the layer computed by hand', () => {
  const at = sample('conv1d_forward');
  const r = doc.gradient('conv1d_forward', at);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.deepEqual(Object.keys(r.value.jacobian ?? {}).sort(), ['w', 'x']);
  const x = at.values.x as number[];
  const w = at.values.w as number[];
  const { pad, stride } = at.values.conv_param as { pad: number; stride: number };
  const xp = [...Array(pad).fill(0), ...x, ...Array(pad).fill(0)];
  const outLength = Math.trunc((x.length + 2 * pad - w.length) / stride) + 1;
  const expected = Array.from({ length: outLength }, (_, i) => w.reduce((s, wk, k) => s + xp[i * stride + k]! * wk, 0));
  const value = r.value.value as number[];
  assert.equal(value.length, expected.length);
  value.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `${v} vs ${expected[i]}`));
});

const POOL = `import numpy as np

def pool2d_forward(x, pool_param):
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    H, W = x.shape
    H_out = 1 + (H - ph) // stride
    W_out = 1 + (W - pw) // stride
    out = np.zeros((H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            out[i, j] = np.max(x[i * stride:i * stride + ph, j * stride:j * stride + pw])
    cache = (x, pool_param)
    return out, cache

def pool2d_backward(dout, cache):
    x, pool_param = cache
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    dx = np.zeros_like(x)
    H_out, W_out = dout.shape
    for i in range(H_out):
        for j in range(W_out):
            window = x[i * stride:i * stride + ph, j * stride:j * stride + pw]
            k, l = np.unravel_index(np.argmax(window), window.shape)
            dx[i * stride + k, j * stride + l] += dout[i, j]
    return dx
`;

test('a max-pool layer with its settings in a dict: the forward gets a point and its backward pass (np.unravel_index of the argmax) is checked', () => {
  const pool = DocumentAnalysis.fromText(POOL, 'file:///pool.py', 'python');
  const pairing = pool.pairings().find((p) => p.derivative.name === 'pool2d_backward') ?? assert.fail('pool2d_backward is not paired');
  const right = pool.check(pairing);
  assert.ok(right.ok, right.ok ? '' : right.error.message);
  assert.equal(right.value.verdict, 'match');
  assert.equal(right.value.points, 9);
  const slipped = DocumentAnalysis.fromText(POOL.replace('dx[i * stride + k, j * stride + l] += dout[i, j]', 'dx[i * stride + k, j * stride + l] += 0.5 * dout[i, j]'), 'file:///pool.py', 'python');
  const wrong = slipped.check(slipped.pairings().find((p) => p.derivative.name === 'pool2d_backward')!);
  assert.ok(wrong.ok && wrong.value.verdict === 'mismatch', JSON.stringify(wrong.ok ? wrong.value.verdict : wrong.error.message));
});
