import path from 'node:path';

/** Runtime configuration, read from the environment once at start. */
export interface Config {
  dataDir: string;
  /** When unset, an embedded PostgreSQL is started in `${dataDir}/postgres`. */
  databaseUrl?: string;
  host: string;
  port: number;
  /** Port of the embedded PostgreSQL. */
  pgPort: number;
  /**
   * Embedded PostgreSQL that never waits for the disk (`KEHU_PG_NO_SYNC=1`): faster; a killed Kehu or PostgreSQL
   * loses nothing, but a power loss can corrupt the database. For throw-away installations (trials, tests) only.
   */
  pgNoSync: boolean;
  /** Load the demo company's data on the first start (default); `KEHU_DEMO=0` starts with an empty database. */
  demo: boolean;
  adminPassword?: string;
  timezone: string;
  /** Send cookies with `Secure` (set when served over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For from these proxy addresses (comma separated), or nothing. */
  trustProxy: string | false;
  logLevel: string;
  bodyLimit: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Consecutive sign-in failures for one account from one address that refuse that address, and for how long (SEC-7). */
  lockAttempts: number;
  lockMinutes: number;
  /** The account itself locks only after this many consecutive failures from this many distinct addresses (SEC-7a). */
  lockAccountFailures: number;
  lockDistinctAddresses: number;
  /** Sign-in attempts per client address and minute. */
  loginRateLimit: number;
  /** Export, import and bulk calls per user and minute. */
  expensiveRateLimit: number;
  /** Exports of more rows than this need an approved export request (SEC-14); administrators are exempt. */
  exportApprovalRows: number;
  /** Optional LDAP sign-in (SEC-9); unset url = local passwords only. */
  ldap?: LdapConfig;
  /** Outgoing mail (`smtp://user:pass@host:587`, `smtps://…`); unset = mail is refused as not configured. */
  smtpUrl?: string;
  /** Sender of outgoing mail, e.g. `客户关怀 <care@example.com>`. */
  mailFrom?: string;
  /** Key sealing stored secrets (base64, 32 bytes); default: `<dataDir>/secret.key`. */
  secretKey?: string;
}

export interface LdapConfig {
  url: string;
  bindDn?: string;
  bindPassword?: string;
  baseDn: string;
  /** `{username}` is replaced by the escaped user name. */
  userFilter: string;
  /** Role name given to users created on their first LDAP sign-in; unset = no automatic accounts. */
  defaultRole?: string;
}

/** A yes/no setting: 1/true/yes/on or 0/false/no/off (any case); unset or empty is the default. */
function on(value: string | undefined, fallback: boolean): boolean {
  const v = value?.trim().toLowerCase();
  if (!v) return fallback;
  return !['0', 'false', 'no', 'off'].includes(v);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // npm runs the server's script inside server/; INIT_CWD is where the user typed `npm start` (./data there).
  const dataDir = path.resolve(env.KEHU_DATA_DIR ?? path.join(env.INIT_CWD ?? process.cwd(), 'data'));
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    host: env.KEHU_HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? env.KEHU_PORT ?? 3000),
    pgPort: Number(env.KEHU_PG_PORT ?? 5488),
    pgNoSync: on(env.KEHU_PG_NO_SYNC, false),
    demo: on(env.KEHU_DEMO, true),
    adminPassword: env.KEHU_ADMIN_PASSWORD || undefined,
    timezone: env.KEHU_TIMEZONE ?? 'Asia/Shanghai',
    secureCookies: env.KEHU_SECURE_COOKIES === '1' || env.KEHU_SECURE_COOKIES === 'true',
    trustProxy: env.KEHU_TRUST_PROXY || false,
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: Number(env.KEHU_BODY_LIMIT ?? 1024 * 1024),
    sessionIdleMinutes: Number(env.KEHU_SESSION_IDLE_MINUTES ?? 120),
    sessionAbsoluteHours: Number(env.KEHU_SESSION_ABSOLUTE_HOURS ?? 12),
    lockAttempts: Number(env.KEHU_LOCK_ATTEMPTS ?? 3),
    lockMinutes: Number(env.KEHU_LOCK_MINUTES ?? 15),
    lockAccountFailures: Number(env.KEHU_LOCK_ACCOUNT_FAILURES ?? 10),
    lockDistinctAddresses: Number(env.KEHU_LOCK_DISTINCT_ADDRESSES ?? 5),
    loginRateLimit: Number(env.KEHU_LOGIN_RATE_LIMIT ?? 20),
    expensiveRateLimit: Number(env.KEHU_EXPENSIVE_RATE_LIMIT ?? 30),
    exportApprovalRows: Number(env.KEHU_EXPORT_APPROVAL_ROWS ?? 1000),
    smtpUrl: env.KEHU_SMTP_URL || undefined,
    mailFrom: env.KEHU_MAIL_FROM || undefined,
    secretKey: env.KEHU_SECRET_KEY || undefined,
    ldap: env.KEHU_LDAP_URL
      ? {
          url: env.KEHU_LDAP_URL,
          bindDn: env.KEHU_LDAP_BIND_DN || undefined,
          bindPassword: env.KEHU_LDAP_BIND_PASSWORD || undefined,
          baseDn: env.KEHU_LDAP_BASE_DN ?? '',
          userFilter: env.KEHU_LDAP_USER_FILTER ?? '(uid={username})',
          defaultRole: env.KEHU_LDAP_DEFAULT_ROLE || undefined,
        }
      : undefined,
  };
}
