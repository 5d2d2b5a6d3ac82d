/**
 * A deep copy made of plain JSON data. Records are JSON by construction; this
 * also strips Vue's reactive proxies, which IndexedDB and structuredClone refuse.
 */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
