import { BlockList, isIP } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

/** "::ffff:10.0.0.1" is an IPv4 client on a dual-stack socket: compare it as IPv4. */
export function normalIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

/** One address or CIDR range → [network, prefix, family], or undefined when it is not one. */
export function parseRange(entry: string): [string, number, 'ipv4' | 'ipv6'] | undefined {
  const [addr, bits, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = normalIp(addr);
  const v = isIP(ip);
  if (!v) return undefined;
  const max = v === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return [ip, prefix, v === 4 ? 'ipv4' : 'ipv6'];
}

/** The entries of an allow-list text: one per line, or separated by commas, spaces or semicolons. */
export function listEntries(text: string | null | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter(Boolean);
}

/** The entries that are not addresses or ranges (reported as a field error on save). */
export function invalidEntries(text: string | null | undefined): string[] {
  return listEntries(text).filter((e) => !parseRange(e));
}

/** Does `ip` fall inside one of the ranges? */
export function ipAllowed(ip: string, ranges: string[]): boolean {
  const list = new BlockList();
  for (const e of ranges) {
    const r = parseRange(e);
    if (r) list.addSubnet(r[0], r[1], r[2]);
  }
  const addr = normalIp(ip);
  const v = isIP(addr);
  return v !== 0 && list.check(addr, v === 4 ? 'ipv4' : 'ipv6');
}

export interface SignInPolicy {
  /** null: no list applies (any address). */
  allowedIps: string[] | null;
  requireTwoFactor: boolean;
  twoFactorEnabled: boolean;
}

/**
 * What applies to a user at sign-in and on every request (SEC-7): the user's own IP list if set, else the union
 * of their roles' lists (if any has one), else any address; and whether a role requires two-factor sign-in.
 */
export async function signInPolicy(db: Db, userId: number): Promise<SignInPolicy> {
  const r = await sql<{ own: string | null; roles: string[] | null; require: boolean | null; enabled: boolean | null }>`
    select u.allowed_ips as own,
      (select array_agg(r.allowed_ips) from rel_obj_user_roles l join obj_role r on r.id = l.b_id
        and r.deleted_at is null where l.a_id = u.id and coalesce(r.allowed_ips, '') <> '') as roles,
      (select bool_or(r.require_two_factor) from rel_obj_user_roles l join obj_role r on r.id = l.b_id
        and r.deleted_at is null where l.a_id = u.id) as require,
      (select enabled from sys_two_factor t where t.user_id = u.id) as enabled
    from obj_user u where u.id = ${userId}`.execute(db);
  const row = r.rows[0];
  const own = listEntries(row?.own);
  const roles = (row?.roles ?? []).flatMap(listEntries);
  return {
    allowedIps: own.length ? own : roles.length ? roles : null,
    requireTwoFactor: row?.require === true,
    twoFactorEnabled: row?.enabled === true,
  };
}

export function ipPermitted(policy: SignInPolicy, ip: string): boolean {
  return policy.allowedIps === null || ipAllowed(ip, policy.allowedIps);
}
