import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * TypeScript enums are the objects tsc emits (frontends/typescript/enums.ts), and a JavaScript
 * object's property keys are strings (`o[5]` is `o['5']`). Expected values are what node gives for
 * tsc's output of the same code.
 */
function run(text: string, name: string, at: Record<string, number>) {
  const doc = DocumentAnalysis.fromText(text, 'file:///enums.ts', 'typescript');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  return r.value;
}

test('numeric enums count on from the last number and map numbers back to names', () => {
  const text = `
enum Dir { Up, Down, Left = 10, Right }
const enum Level { Low = -1, Mid, High }
export function f(x: number) {
  const names = Object.keys(Dir).join(',');
  const ok = names === '0,1,10,11,Up,Down,Left,Right' && Dir[11] === 'Right' && Dir.Right === 11 && Level.High === 1;
  return ok ? x * (Dir.Down + Dir.Left) : -1;
}`;
  const r = run(text, 'f', { x: 2 });
  assert.equal(r.value, 22);
  assert.equal(r.gradient!['x'], 11);
});

test('string enums have no reverse map; an exported enum is a default that a comparison reads', () => {
  const text = `
export enum When { Begin = 'begin', End = 'end' }
export function fv(rate: number, n: number, when: When = When.End) {
  const keys = Object.keys(When).length;
  const mult = when === When.Begin ? 1 + rate : 1;
  return keys * mult * (1 + rate) ** n;
}`;
  const end = run(text, 'fv', { rate: 0.5, n: 2 });
  assert.equal(end.value, 2 * 2.25);
  assert.equal(end.gradient!['rate'], 2 * 2 * 1.5 * 1);
});

test('an enum member after one that is not a number literal is refused where it is read', () => {
  const text = `
enum E { A = 'a', B }
export function f(x: number) { return E.B === undefined ? x : 2 * x; }`;
  const doc = DocumentAnalysis.fromText(text, 'file:///enums.ts', 'typescript');
  const point = doc.resolvePoint('f', { x: 1 });
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(!r.ok);
  assert.match(r.error.message, /the enum member B follows a member whose value is not a number literal/);
});

test('a JavaScript object read or written with a number key uses its string, as JavaScript does', () => {
  const text = `
const weights = { 1: 0.5, 2: 0.25 };
export function f(x: number) {
  const seen: Record<string, number> = {};
  seen[3] = x;
  seen[1.5] = 2 * x;
  const keys = Object.keys(seen);
  return weights[1] * seen['3'] + weights['2'] * seen[1.5] + (keys[0] === '3' && keys[1] === '1.5' ? 0 : 100);
}`;
  const r = run(text, 'f', { x: 4 });
  assert.equal(r.value, 0.5 * 4 + 0.25 * 8);
  assert.equal(r.gradient!['x'], 1);
});
