// A real-style JavaScript utility module: math helpers in the manner of three.js's MathUtils,
// d3-ease and simple-statistics, among argument checks, logging, string building, DOM and network
// code, a Map cache and a class. GradLens should read the math and stay quiet about the rest.
'use strict';

const fs = require('fs');
const path = require('path');
import { EventEmitter } from 'events';
import lodash from 'lodash';

const DEG2RAD = Math.PI / 180;
const RAD2DEG = 180 / Math.PI;
const EPSILON = 1e-9;
const cache = new Map();
let callCount = 0;

export const MathUtils = {
  DEG2RAD,
  RAD2DEG,
  clamp(value, min, max) {
    return Math.max(min, Math.min(max, value));
  },
  lerp(x, y, t) {
    return (1 - t) * x + t * y;
  },
  damp(x, y, lambda, dt) {
    return MathUtils.lerp(x, y, 1 - Math.exp(-lambda * dt));
  },
  smoothstep(x, min, max) {
    if (x <= min) return 0;
    if (x >= max) return 1;
    x = (x - min) / (max - min);
    return x * x * (3 - 2 * x);
  },
  generateUUID() {
    const d0 = (Math.random() * 0xffffffff) | 0;
    return d0.toString(16).padStart(8, '0');
  },
};

function checkNumber(name, value) {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  }
}

function log(...args) {
  if (process.env.DEBUG) console.log('[math]', ...args);
}

function formatResult(label, value) {
  return `${label}: ${value.toFixed(3)}`;
}

function readConfig(file) {
  const text = fs.readFileSync(path.join(__dirname, file), 'utf8');
  return JSON.parse(text);
}

async function fetchWeights(url) {
  const res = await fetch(url);
  return res.json();
}

function memoized(key, compute) {
  if (cache.has(key)) return cache.get(key);
  const v = compute();
  cache.set(key, v);
  return v;
}

function isEmail(s) {
  return /^[^@]+@[^@]+$/.test(s);
}

function onResize(el) {
  el.addEventListener('resize', () => log('resized', el.clientWidth));
}

// ---- easing, d3-ease style

export function cubicInOut(t) {
  return ((t *= 2) <= 1 ? t * t * t : (t -= 2) * t * t + 2) / 2;
}

export function sinInOut(t) {
  return (1 - Math.cos(Math.PI * t)) / 2;
}

export function expInOut(t) {
  return ((t *= 2) <= 1 ? Math.pow(2, 10 * t - 10) : 2 - Math.pow(2, 10 - 10 * t)) / 2;
}

// ---- statistics, simple-statistics style

// @at x=[1.5, 2.5, 4, 3.25]
export function variance(x) {
  if (x.length === 0) throw new Error('variance requires at least one data point');
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length;
}

export function standardDeviation(x) {
  const v = variance(x);
  return Math.sqrt(v);
}

export function logSumExp(xs) {
  const m = Math.max(...xs);
  return m + Math.log(xs.map((v) => Math.exp(v - m)).reduce((a, b) => a + b, 0));
}

// @at p={x: 0.5, y: -1.2}, q={x: 2, y: 0.25}
export function distanceSquared(p, q) {
  const dx = p.x - q.x;
  const dy = p.y - q.y;
  return dx * dx + dy * dy;
}

export function gaussian({ mu, sigma }, x) {
  checkNumber('x', x);
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}
gaussian({ mu: 0.2, sigma: 1.3 }, 0.7);

export class Spring {
  constructor(k, rest) {
    this.k = k;
    this.rest = rest;
    this.emitter = new EventEmitter();
  }
  energy(x) {
    const d = x - this.rest;
    return 0.5 * this.k * d * d;
  }
  toString() {
    return `Spring(k=${this.k})`;
  }
}

export function summary(xs) {
  callCount++;
  log('summary', xs.length);
  return { n: xs.length, label: formatResult('var', variance(xs)) };
}

export function render(canvas, xs) {
  const ctx = canvas.getContext('2d');
  ctx.beginPath();
  for (const [i, v] of xs.entries()) ctx.lineTo(i * 10, v);
  ctx.stroke();
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function pick(obj, keys) {
  return lodash.pick(obj, keys);
}

export default {
  MathUtils,
  variance,
  logSumExp,
};
