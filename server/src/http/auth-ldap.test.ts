import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';
import { freePort } from '../../test/ports.ts';

/**
 * LDAP sign-in (SEC-9) against a real OpenLDAP server (Debian's slapd, installed by .ci/run), started here on a
 * loopback port with its own configuration and data in a temporary directory. Without slapd this test fails.
 */
const base = 'dc=kehu,dc=test';
const people = `ou=people,${base}`;
const directoryPassword = 'Directory-Pass-9';

function findBinary(name: string): string {
  for (const dir of ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(':')]) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} not found: install Debian's slapd (apt-get install slapd ldap-utils)`);
}

const person = (uid: string, cn: string, extra = '') => `dn: uid=${uid},${people}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${cn}
sn: ${cn}
userPassword: ${directoryPassword}
${extra}`;

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('slapd did not start');
}

let dir: string;
let slapd: ChildProcess | undefined;
let k: TestKehu;

beforeAll(async () => {
  const slapdBin = findBinary('slapd');
  const slapadd = findBinary('slapadd');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-ldap-'));
  fs.mkdirSync(path.join(dir, 'db'));
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(
    conf,
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "${base}"
rootdn "cn=admin,${base}"
rootpw admin-secret
directory ${dir}/db
`,
  );
  const ldif = [
    `dn: ${base}\nobjectClass: dcObject\nobjectClass: organization\no: Kehu\ndc: kehu\n`,
    `dn: ${people}\nobjectClass: organizationalUnit\nou: people\n`,
    person('ldapuser', 'LDAP User', 'displayName: 目录用户\nmail: ldapuser@kehu.test\n'),
    person('newbie', 'New Person', 'mail: newbie@kehu.test\n'),
    person('ldapuser2', 'Second'),
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'data.ldif'), ldif);
  execFileSync(slapadd, ['-f', conf, '-l', path.join(dir, 'data.ldif')], { stdio: 'pipe' });
  const port = await freePort();
  slapd = spawn(slapdBin, ['-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: 'ignore' });
  await waitForPort(port);
  k = await startKehu({
    env: {
      KEHU_LDAP_URL: `ldap://127.0.0.1:${port}`,
      KEHU_LDAP_BIND_DN: `cn=admin,${base}`,
      KEHU_LDAP_BIND_PASSWORD: 'admin-secret',
      KEHU_LDAP_BASE_DN: people,
      KEHU_LDAP_DEFAULT_ROLE: '销售员',
    },
  });
});

afterAll(async () => {
  await k?.close();
  slapd?.kill('SIGTERM');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const login = (username: string, password: string) => new ApiClient(k.baseUrl).login(username, password);

describe('LDAP sign-in (SEC-9)', () => {
  test('SEC-9 a user whose sign-in source is LDAP signs in with the directory password, not a local one', async () => {
    const u = await k.admin.post('/api/objects/user', {
      username: 'ldapuser',
      name: 'LDAP 用户',
      authSource: 'ldap',
      password: 'Local-Pass-2468',
    });
    expect(u.status, JSON.stringify(u.body)).toBe(201);
    const ok = await login('ldapuser', directoryPassword);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data.user.username).toBe('ldapuser');
    expect((await login('ldapuser', 'Local-Pass-2468')).status).toBe(401);
    const wrong = await login('ldapuser', 'not-the-directory-pass');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('LOGIN_FAILED');
    // Local accounts keep working beside the directory.
    expect((await login('admin', testPassword)).status).toBe(200);
  });

  test('SEC-9 someone the directory knows gets an account in the default role on first sign-in', async () => {
    const r = await login('newbie', directoryPassword);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.user).toMatchObject({
      username: 'newbie',
      name: 'New Person',
      email: 'newbie@kehu.test',
      authSource: 'ldap',
    });
    expect(r.body.data.user.roles.map((x: { name?: string; label?: string }) => x.name ?? x.label)).toEqual(['销售员']);
    expect((await login('nobody-in-directory', directoryPassword)).status).toBe(401);
  });

  test('SEC-9 user names cannot inject into the LDAP filter; empty passwords never bind', async () => {
    for (const name of ['ldapuser2*', '*', 'x)(uid=*', 'ldapuser2)(|(uid=*']) {
      expect((await login(name, directoryPassword)).status, name).toBe(401);
    }
    expect((await login('ldapuser2', '')).status).toBe(401);
    expect((await login('ldapuser2', directoryPassword)).status).toBe(200);
  });

  test('SEC-9 LDAP failures count towards the lock like local ones', async () => {
    for (let i = 0; i < 3; i++) await login('ldapuser', `wrong-directory-${i}`);
    expect((await login('ldapuser', directoryPassword)).status).toBe(401);
  });
});
