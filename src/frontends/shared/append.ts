/**
 * `out.push(...items)` passes every item as an argument, and V8 runs out of stack past about 100,000
 * of them (a file of 200,000 statements). This appends one at a time.
 */
export function append<T>(out: T[], items: Iterable<T>): void {
  for (const item of items) out.push(item);
}
