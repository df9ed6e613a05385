import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Registry } from '../metadata/registry.ts';

export interface MailLogEntry {
  to: string;
  subject: string;
  status: 'sent' | 'failed';
  error?: string;
  messageId?: string;
  related?: { object: string; id: number };
  sentBy: number | null;
}

/**
 * One row of the mail log, written outside any caller's transaction: a message that left must stay logged even
 * when the caller's work is rolled back afterwards. Clients never write it (the object is API read-only).
 */
export async function recordMail(db: Db, registry: Registry, e: MailLogEntry): Promise<number> {
  const obj = registry.get('mailLog');
  const col = (f: string) => sql.ref(obj.fields.get(f)!.column!);
  const r = await sql<{ id: number }>`insert into ${sql.table(obj.table)}
      (${col('at')}, ${col('recipient')}, ${col('subject')}, ${col('status')}, ${col('error')}, ${col('messageId')},
       ${col('relatedObject')}, ${col('relatedId')}, ${col('sentBy')}, created_by, updated_by)
    values (now(), ${e.to.slice(0, 254)}, ${e.subject.slice(0, 200)}, ${e.status}, ${e.error?.slice(0, 500) ?? null},
      ${e.messageId?.slice(0, 300) ?? null}, ${e.related?.object ?? null}, ${e.related?.id ?? null}, ${e.sentBy},
      ${e.sentBy}, ${e.sentBy})
    returning id`.execute(db);
  return Number(r.rows[0].id);
}
