import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FirstAnalysisTimeline, workerClock } from '../../../src/extension/firstAnalysisTimeline';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { threadTime } from '../../../src/report/threadClock';
import { reportRequest } from '../report/fixtures';

/**
 * The cold open's timeline (extension/firstAnalysisTimeline.ts): the worker's stages with its own
 * clock (report/threadClock.ts) — what it ran, what it waited for a core, what its process ran — so
 * that a slow step on a loaded machine reads as work or as load.
 */

const thread = (ran: number, waited: number, process: number): { ran: number; waited: number; process: number } => ({ ran, waited, process });

describe("the first analysis's timeline", () => {
  it("prints each stage with the worker's clock since the stamp before it, and the text lowered ahead as a span", () => {
    const timeline = new FirstAnalysisTimeline(1000);
    timeline.sent(2);
    timeline.answer(2, 'report', {
      loweredAhead: [
        { at: 1005, thread: thread(10, 0, 20) },
        { at: 1025, thread: thread(25, 3, 50) },
      ],
      received: { at: 1030, thread: thread(26, 3, 52) },
      stages: [
        ['lowered', { at: 1031, thread: thread(27, 3, 54) }],
        ['posted', { at: 1100, thread: thread(77, 23, 160) }],
      ],
    });
    const line = timeline.finish()!;
    assert.match(line, /lowered ahead 5–25 \(ran 15, waited 3, process 30\), worker took it 30, lowered \(ran 1, waited 0, process 2\) 31, posted \(ran 50, waited 20, process 106\) 100, host got report \d+$/);
    // The bench's summary of the analysis that gave the report: its lowering ahead and its stages.
    assert.deepEqual(workerClock(`${line.slice(line.indexOf('lowered ahead'))}`), { ran: 66, waited: 23, process: 138 });
  });

  it("sums the report's own stamps once, though the partial report before it repeated the first of them", () => {
    const timeline = new FirstAnalysisTimeline(0);
    timeline.sent(2);
    const received = { at: 10, thread: thread(0, 0, 0) };
    const ahead = ['ahead', { at: 20, thread: thread(8, 2, 10) }] as const;
    timeline.answer(2, 'partial', { received, stages: [ahead, ['posted', { at: 21, thread: thread(9, 2, 11) }]] });
    timeline.answer(2, 'report', { received, stages: [ahead, ['posted', { at: 40, thread: thread(30, 5, 40) }]] });
    assert.deepEqual(workerClock(timeline.finish()!), { ran: 30, waited: 5, process: 40 });
  });

  it('prints the stamps alone where the thread clock cannot be read', () => {
    const timeline = new FirstAnalysisTimeline(0);
    timeline.sent(1);
    timeline.answer(1, 'report', { received: { at: 10 }, stages: [['posted', { at: 20 }]] });
    assert.match(timeline.finish()!, /worker took it 10, posted 20, host got report/);
  });

  it("reads the calling thread's clock on Linux: it runs on, and never goes back", { skip: process.platform !== 'linux' && 'Linux only' }, () => {
    const before = threadTime()!;
    let spin = 0;
    while (threadTime()!.ran === before.ran) spin++;
    const after = threadTime()!;
    assert.ok(after.ran > before.ran && after.waited >= before.waited && after.process >= before.process, JSON.stringify({ before, after, spin }));
  });

  const worker = join(__dirname, '..', '..', '..', 'dist', 'worker.js');
  it("dist/worker.js stamps a cold analysis with its clock: the text lowered while the host read files, then the stages", { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const logged: string[] = [];
    // A reader that takes a moment, as the editor's does: the worker lowers the text meanwhile.
    const files = { read: async (_importer: string, uris: readonly string[]) => (await new Promise((r) => setTimeout(r, 30)), Object.fromEntries(uris.map((u) => [u, null]))), remembered: () => [] };
    const client = new AnalysisClient({ workerPath: worker, files, origin: Date.now(), info: (m) => logged.push(m) });
    try {
      const report = await client.analyse(reportRequest('import math\n\n# @at x=0.5\ndef f(x):\n    return math.sin(x) * x\n', { uri: 'file:///ws/cold.py' }));
      assert.ok(report?.functions[0]?.result);
      const line = logged.find((m) => m.startsWith('first analysis'));
      assert.ok(line, logged.join('\n'));
      assert.match(line, /host got needFiles \d+, read \d+ files \d+, sent #2 \d+, lowered ahead \d+–\d+/);
      // The second round found the text lowered: nothing lowered again.
      assert.match(line, /worker took it \d+, lowered[ (]/);
      if (process.platform === 'linux') {
        assert.match(line, /lowered ahead \d+–\d+ \(ran \d+, waited \d+, process \d+\)/);
        assert.ok(workerClock(line)!.ran > 0, line);
      }
    } finally {
      client.dispose();
    }
  });
});
