/**
 * Records keyed by text someone else wrote: parameter names, function names, `@at` keys, library
 * member names read from source. A plain `{}` inherits `constructor`, `toString`, `__proto__`…
 * from `Object.prototype`, so a lookup of a user's name can find a JavaScript function and an
 * assignment to `__proto__` replaces the prototype instead of storing a value. These records have
 * no prototype, and lookups read own properties only.
 */

/** An empty record with no prototype: every string, `__proto__` included, is only a key. */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free copy of `entries` (a static table read with names taken from source text). */
export function nameTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  const out = keyedRecord<T>();
  for (const key of Object.keys(entries)) out[key] = entries[key]!;
  return Object.freeze(out);
}

/** A prototype-free record of `pairs` (the last of a repeated key wins, as in `Object.fromEntries`). */
export function keyedFromEntries<T>(pairs: Iterable<readonly [string, T]>): Record<string, T> {
  const out = keyedRecord<T>();
  for (const [key, value] of pairs) out[key] = value;
  return out;
}

/** `record[key]` if it is the record's own property, whatever the record's prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A prototype-free copy of a record built elsewhere (JSON.parse, a message, a memento). */
export function keyedCopy<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return keyedFromEntries(Object.entries(record));
}
