/**
 * The wall clock of whatever the engine is doing now: an evaluation (run.ts) or the sweeps of a
 * derivative (differentiate.ts). Work is counted in units of about one floating-point operation or
 * element visited; the clock is read each time READ_EVERY units have accumulated, so a long array
 * kernel (a matmul, which calls `tick` between blocks of rows) or a long run of sweeps stops, located,
 * within about a millisecond of its deadline instead of running to the end.
 */

/** Units between two reads of the clock: about a millisecond of array work. */
export const READ_EVERY = 1 << 20;

interface Armed {
  readonly deadline: number;
  /** Throws the located budget error of the work that armed the clock. */
  readonly expire: () => never;
  /**
   * Units of work the body may do in all, whatever the clock says (Infinity: no count), and the
   * error past it: a count holds the same on a loaded machine and an idle one.
   */
  readonly maxUnits: number;
  readonly exhaust?: () => never;
}

let armed: Armed | undefined;
let sinceRead = 0;
/** Units done since the current `withUnits` began (read only while one is armed). */
let unitsDone = 0;

/** Runs `body` with a deadline (Date.now() milliseconds); an enclosing, earlier deadline still holds. */
export function withDeadline<T>(deadline: number, expire: () => never, body: () => T): T {
  const outer = armed;
  armed = outer === undefined ? { deadline, expire, maxUnits: Infinity } : outer.deadline < deadline ? { ...outer } : { deadline, expire, maxUnits: outer.maxUnits, ...(outer.exhaust ? { exhaust: outer.exhaust } : {}) };
  sinceRead = 0;
  try {
    return body();
  } finally {
    armed = outer;
  }
}

/**
 * Runs `body` with a deadline of its own, whatever deadline encloses it: work done once for every
 * evaluation after it (a module's initialisation, engine/moduleInit.ts) is bounded by its own budget,
 * not by that of the evaluation that happened to need it first.
 */
export function withOwnDeadline<T>(deadline: number, expire: () => never, body: () => T): T {
  const outer = armed;
  const outerSince = sinceRead;
  const outerDone = unitsDone;
  armed = { deadline, expire, maxUnits: Infinity };
  sinceRead = 0;
  try {
    return body();
  } finally {
    armed = outer;
    sinceRead = outerSince;
    unitsDone = outerDone;
  }
}

/**
 * Runs `body` with a deadline and a count of work: past `maxUnits` units (elements visited,
 * multiply-adds) `exhaust` throws, checked as often as the clock is read. For work that has no
 * evaluation's deadline of its own to share (the graph's and the hovers' sweeps over a trace
 * recorded earlier).
 */
export function withUnits<T>(deadline: number, expire: () => never, maxUnits: number, exhaust: () => never, body: () => T): T {
  const outer = armed;
  const outerDone = unitsDone;
  armed = { deadline: outer && outer.deadline < deadline ? outer.deadline : deadline, expire: outer && outer.deadline < deadline ? outer.expire : expire, maxUnits, exhaust };
  sinceRead = 0;
  unitsDone = 0;
  try {
    return body();
  } finally {
    armed = outer;
    unitsDone = outerDone;
  }
}

/** `units` of work done; throws the armed budget error once the deadline (or the count) is past. */
export function tick(units: number): void {
  sinceRead += units;
  if (sinceRead >= READ_EVERY) {
    unitsDone += sinceRead;
    sinceRead = 0;
    if (armed === undefined) return;
    if (unitsDone > armed.maxUnits) armed.exhaust!();
    if (Date.now() > armed.deadline) armed.expire();
  }
}

/** Whether a deadline is armed and already past (read now, whatever the count). */
export function pastDeadline(): boolean {
  return armed !== undefined && Date.now() > armed.deadline;
}

/** The most units one uninterrupted piece of a kernel may do: kernels split their work into pieces this size. */
export const KERNEL_PIECE = 1 << 22;
