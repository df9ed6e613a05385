import type { FieldRights, Grants, Locale } from '@kehu/common';
import type { Db } from '../db/pool.ts';
import type { Access } from './access/access.ts';
import type { Registry } from './metadata/registry.ts';

/** Who is acting. Built once per request (or job) from the user's roles. */
export interface Actor {
  userId: number;
  name: string;
  departmentId: number | null;
  isAdmin: boolean;
  grants: Grants;
  /** Rights this actor may grant to others (SEC-5); execute-only rights are absent here. */
  grantable?: Grants;
  /** Field rights per object (SEC-3); absent means every field is editable. */
  fieldRights?: FieldRights;
  /**
   * Set when acting through a delegation (SEC-6): the user on whose behalf the actor acts. Scopes,
   * department and default ownership are then the delegator's; history records both.
   */
  onBehalfOf?: number;
  /** A delegation that includes approvals (the workflow module reads it). */
  approvals?: boolean;
}

/** Whose rights apply: the delegator when acting on behalf of someone, else the actor. */
export const subjectOf = (a: Actor) => a.onBehalfOf ?? a.userId;

/** Everything an engine call needs, passed explicitly; `db` is a transaction inside `transaction()`. */
export interface Ctx {
  db: Db;
  registry: Registry;
  actor: Actor;
  access: Access;
  locale: Locale;
  timezone: string;
  ip?: string;
  userAgent?: string;
  /** True inside `transaction()`; nested calls join the open transaction. */
  inTransaction?: boolean;
  /** Called after the outermost transaction commits (event dispatch). */
  afterCommit?: Array<() => void>;
  /** Wakes the event dispatcher after a commit. */
  onCommitted?: () => void;
  /** Set while an automation rule acts (WF-6): its writes' events carry it, so rules cannot loop for ever. */
  cause?: { depth: number; rules: number[] };
}

/** Run `fn` in one transaction; nested calls share it, so a module's multi-record change is atomic. */
export async function transaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  const after: Array<() => void> = [];
  const result = await ctx.db
    .transaction()
    .execute((trx) => fn({ ...ctx, db: trx, inTransaction: true, afterCommit: after }));
  ctx.onCommitted?.();
  for (const f of after) f();
  return result;
}
