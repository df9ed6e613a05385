import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { fetchFull } from '../records/fetch.ts';
import { createRecord, updateRecord } from '../records/save.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const keyPattern = /^kehu_([0-9a-f]{12})_([A-Za-z0-9_-]{40,})$/;

/**
 * A new API key (INT-1) for an integration: its own service user (so history names the integration) holding
 * the key's role. The key is returned once; only its SHA-256 is stored (it is random, so no slow hash is needed).
 */
export async function createApiKey(ctx: Ctx, input: { name?: unknown; role?: unknown; expiresAt?: unknown }) {
  const prefix = randomBytes(6).toString('hex');
  const key = `kehu_${prefix}_${randomBytes(32).toString('base64url')}`;
  return transaction(ctx, async (tx) => {
    const name = typeof input.name === 'string' ? input.name.trim() : input.name;
    const service = await createRecord(
      tx,
      'user',
      {
        username: `apikey-${prefix}`,
        name: typeof name === 'string' && name ? `API: ${name}`.slice(0, 100) : `API ${prefix}`,
        roles: input.role === undefined || input.role === null ? [] : [input.role],
        active: true,
      },
      { internal: true },
    );
    const record = await createRecord(
      tx,
      'apiKey',
      { name, role: input.role, expiresAt: input.expiresAt, serviceUser: service.id, prefix },
      { internal: true },
    );
    await sql`insert into sys_api_key (record_id, prefix, hash) values (${record.id}, ${prefix},
      ${sha256(key).toString('hex')})`.execute(tx.db);
    return { record, key };
  });
}

/** The service user of a valid key, or undefined (unknown, wrong secret, revoked, expired or deleted). */
export async function apiKeyUser(db: Db, key: string): Promise<number | undefined> {
  const m = keyPattern.exec(key);
  if (!m) return undefined;
  const r = await sql<{ id: number; hash: string; user_id: number | null; usable: boolean; stale: boolean }>`
    select a.id, k.hash, a.service_user_id as user_id,
      (a.deleted_at is null and a.revoked is not true and (a.expires_at is null or a.expires_at > now())) as usable,
      (a.last_used_at is null or a.last_used_at < now() - interval '1 minute') as stale
    from sys_api_key k join obj_api_key a on a.id = k.record_id where k.prefix = ${m[1]}`.execute(db);
  const row = r.rows[0];
  if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), sha256(key))) return undefined;
  if (!row.usable || !row.user_id) return undefined;
  // Usage telemetry, not a change of the key: written directly, at most once a minute.
  if (row.stale) await sql`update obj_api_key set last_used_at = now() where id = ${row.id}`.execute(db);
  return row.user_id;
}

/** Revoke a key at once: the key is marked revoked and its service user disabled (both through the pipeline). */
export async function revokeApiKey(ctx: Ctx, id: number) {
  return transaction(ctx, async (tx) => {
    const obj = tx.registry.get('apiKey');
    const { row } = await fetchFull(tx, obj, id, true);
    if (row.deleted_at) throw new KehuError('NOT_FOUND');
    const record = await updateRecord(tx, 'apiKey', id, { revoked: true }, { internal: true });
    if (row.service_user_id) await updateRecord(tx, 'user', row.service_user_id, { active: false }, { internal: true });
    return record;
  });
}
