import { openSync, readSync } from 'node:fs';

/**
 * The calling thread's own clock, from Linux's scheduler statistics: the milliseconds it ran on a
 * core, and those it was ready to run but waited for one. On a loaded machine the wall clock
 * between two stamps is both; the first is the work, the second the load. The worker stamps its
 * stages with it (workerProtocol.ts's `WorkerTimes`), so the cold-open timeline says which of the two
 * a slow step was — and, with the process's CPU clock, how much the rest of the process (in the editor,
 * the extension host's own thread) ran meanwhile. Undefined where `/proc/thread-self/schedstat` does not exist (not Linux).
 */
export interface ThreadTime {
  readonly ran: number;
  readonly waited: number;
  /** CPU ms of the whole process, every thread (in the editor: the extension host's, this worker's, the other extensions'). */
  readonly process: number;
}

let available = true;
/**
 * This thread's schedstat, opened once (a module is loaded per thread) and read again from its
 * start at each stamp: opening it each time was ~1% of an edit's CPU in the worker (four stamps).
 */
let schedstat: number | undefined;
const buffer = Buffer.alloc(128);

export function threadTime(): ThreadTime | undefined {
  if (!available) return undefined;
  try {
    schedstat ??= openSync('/proc/thread-self/schedstat', 'r');
    // "<ns on a core> <ns waiting in the run queue> <time slices>"
    const [ran, waited] = buffer.toString('latin1', 0, readSync(schedstat, buffer, 0, buffer.length, 0)).split(' ').map(Number);
    if (!Number.isFinite(ran) || !Number.isFinite(waited)) throw new Error('unreadable');
    const cpu = process.cpuUsage();
    return { ran: ran! / 1e6, waited: waited! / 1e6, process: (cpu.user + cpu.system) / 1000 };
  } catch {
    available = false;
    return undefined;
  }
}
