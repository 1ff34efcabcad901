import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANGE_ASKED_WITHIN_MILLIS, LensDemand } from '../../../src/extension/lensDemand';
import { FirstLensTimeline } from '../../../src/extension/firstLensTimeline';

/**
 * When the lens provider tells the editor its lenses changed (lensDemand.ts): only when the editor
 * would not otherwise come for the new data. Each needless event restarts the editor's pause before
 * its next request, or cancels a request that was about to be answered.
 */

function demand(): { lenses: LensDemand; clock: { now: number } } {
  const clock = { now: 1_000 };
  return { lenses: new LensDemand(() => clock.now), clock };
}

describe('LensDemand', () => {
  it('tells nothing before the editor first asks: it asks once the file is shown, and an event would put that off', () => {
    const { lenses } = demand();
    assert.equal(lenses.shouldTell(), false);
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
  });

  it('tells nothing while a request waits for data: that request gets it', () => {
    const { lenses } = demand();
    lenses.asked();
    const answered = lenses.park();
    assert.equal(lenses.shouldTell(), false);
    const other = lenses.park();
    answered();
    answered(); // twice counts once: the other request still waits
    assert.equal(lenses.shouldTell(), false);
    other();
    assert.equal(lenses.shouldTell(), true);
  });

  it('counts every waiting request (two editors on one file)', () => {
    const { lenses } = demand();
    lenses.asked();
    const first = lenses.park();
    const second = lenses.park();
    first();
    assert.equal(lenses.shouldTell(), false);
    second();
    assert.equal(lenses.shouldTell(), true);
  });

  it('tells once until the editor asks: the whole report arriving just after the first screen adds no second event', () => {
    const { lenses, clock } = demand();
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
    clock.now += 300;
    assert.equal(lenses.shouldTell(), false);
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
  });

  it('tells again when the editor did not come within CHANGE_ASKED_WITHIN_MILLIS (it lost focus or closed)', () => {
    const { lenses, clock } = demand();
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
    clock.now += CHANGE_ASKED_WITHIN_MILLIS - 1;
    assert.equal(lenses.shouldTell(), false);
    clock.now += 1;
    assert.equal(lenses.shouldTell(), true);
  });

  it('counts an edit as a change told: the editor asks again after the last keystroke by itself', () => {
    const { lenses, clock } = demand();
    lenses.edited();
    lenses.asked();
    lenses.edited();
    clock.now += 500;
    assert.equal(lenses.shouldTell(), false);
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
  });

  it('counts a cancelled request as a change told: the editor cancels one only when it asks again by itself', () => {
    const { lenses, clock } = demand();
    lenses.asked();
    const answered = lenses.park();
    lenses.cancelled();
    answered();
    clock.now += 400;
    assert.equal(lenses.shouldTell(), false);
    lenses.asked();
    assert.equal(lenses.shouldTell(), true);
  });

  it('knows what the editor holds: a request then waits for something newer', () => {
    const { lenses } = demand();
    const partial = { functions: [] };
    const report = { functions: [] };
    assert.equal(lenses.holds(partial), false);
    assert.equal(lenses.holds(undefined), false);
    lenses.handedOver(partial);
    assert.equal(lenses.holds(partial), true);
    assert.equal(lenses.holds(report), false);
    lenses.handedOver(report);
    assert.equal(lenses.holds(partial), false);
  });
});

describe('FirstLensTimeline', () => {
  it('logs the requests, answers, cancellations and change events in order, once', () => {
    const timeline = new FirstLensTimeline(Date.now());
    timeline.note('analysis started');
    const first = timeline.asked();
    timeline.cancelled(first);
    const second = timeline.asked();
    timeline.changed('partial');
    timeline.answered(second, 4, 'partial');
    assert.equal(first, 1);
    assert.equal(second, 2);
    const line = timeline.finish();
    assert.match(line ?? '', /^first lens requests \(ms after the extension bundle began to load\): analysis started \d+, asked #1 \d+, cancelled #1 \d+, asked #2 \d+, changed \(partial\) \d+, answered #2 4 \(partial\) \d+$/);
    timeline.asked();
    assert.equal(timeline.finish(), undefined);
  });
});
