import { Client } from 'ldapts';

export interface LdapSettings {
  url: string;
  bindDn?: string;
  bindPassword?: string;
  baseDn: string;
  /** `{username}` is replaced by the escaped user name. */
  userFilter: string;
}

export interface LdapUser {
  dn: string;
  name: string;
  email?: string;
}

/** RFC 4515 escaping, so a user name cannot change the filter ("*", ")(uid=*"). */
export function escapeFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const first = (v: unknown): string | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' && x ? x : Buffer.isBuffer(x) ? x.toString('utf8') : undefined;
};

/**
 * Sign-in against a directory (SEC-9): find the user's entry (bound as the service account, if configured), then
 * bind as that entry with the given password. Any error — unknown user, wrong password, directory down — is a
 * failed sign-in.
 */
export async function ldapAuthenticate(
  cfg: LdapSettings,
  username: string,
  password: string,
): Promise<LdapUser | undefined> {
  // An empty password would be an "unauthenticated bind", which many servers accept.
  if (!username || !password) return undefined;
  const options = { url: cfg.url, timeout: 5000, connectTimeout: 5000 };
  const search = new Client(options);
  const user = new Client(options);
  try {
    if (cfg.bindDn) await search.bind(cfg.bindDn, cfg.bindPassword ?? '');
    const filter = cfg.userFilter.replaceAll('{username}', escapeFilter(username));
    const { searchEntries } = await search.search(cfg.baseDn, {
      scope: 'sub',
      filter,
      sizeLimit: 2,
      attributes: ['cn', 'displayName', 'mail'],
    });
    if (searchEntries.length !== 1) return undefined;
    const entry = searchEntries[0];
    await user.bind(entry.dn, password);
    return { dn: entry.dn, name: first(entry.displayName) ?? first(entry.cn) ?? username, email: first(entry.mail) };
  } catch {
    return undefined;
  } finally {
    await search.unbind().catch(() => undefined);
    await user.unbind().catch(() => undefined);
  }
}
