import type { MetaKey, MetaValues, RaccrocheDatabase } from './database';

export async function readMeta<K extends MetaKey>(db: RaccrocheDatabase, key: K): Promise<MetaValues[K] | undefined> {
  const entry = await db.meta.get(key);
  return entry?.value as MetaValues[K] | undefined;
}

export async function writeMeta<K extends MetaKey>(db: RaccrocheDatabase, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
