import { EntityManager } from 'typeorm';

/** The identity generation (see migration IdentityGeneration): read on every authentication, one primary-key row. */
export async function readIdentityGeneration(manager: EntityManager): Promise<number> {
  const rows = await manager.query('SELECT generation FROM identity_generation WHERE id = 1') as { generation: number | string }[];
  return Number(rows[0]?.generation ?? 0);
}

/** Counts a change to tokens, memberships, department heads or sessions, in the transaction that makes it. */
export async function bumpIdentityGeneration(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE identity_generation SET generation = generation + 1 WHERE id = 1');
}
