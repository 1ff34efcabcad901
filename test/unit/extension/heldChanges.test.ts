/**
 * Lens changes announced to the editor (extension/heldChanges.ts): one announcement per lens request,
 * so a report arriving right after the first screen's lenses does not restart the workbench's wait.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeldChanges } from '../../../src/extension/heldChanges';

function setup(holdMillis = 2000) {
  let clock = 1000;
  let announced = 0;
  const held = new HeldChanges(() => announced++, holdMillis, () => clock);
  return { held, advance: (ms: number) => (clock += ms), announced: () => announced };
}

test('a change is announced; a second one before the editor asks is held (its request reads the newest data)', () => {
  const { held, advance, announced } = setup();
  held.changed();
  assert.equal(announced(), 1);
  advance(400);
  held.changed();
  assert.equal(announced(), 1, 'the report after the first screen must not restart the editor’s wait');
});

test('once the editor has asked, the next change is announced at once', () => {
  const { held, advance, announced } = setup();
  held.changed();
  advance(300);
  held.asked();
  advance(10);
  held.changed();
  assert.equal(announced(), 2);
});

test('a change held past the hold time is announced anyway: lenses are never stale for longer when no one asked', () => {
  const { held, advance, announced } = setup(2000);
  held.changed();
  advance(1999);
  held.changed();
  assert.equal(announced(), 1);
  advance(1);
  held.changed();
  assert.equal(announced(), 2);
});
