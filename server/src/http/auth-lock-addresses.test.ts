import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';
import { eventually } from '../modules/notify/test-kit.ts';

/**
 * SEC-7a: three wrong passwords cut off the address that typed them, not the account; the account locks only
 * after failures from many addresses (defaults: 10 failures from 5 addresses), and administrators are alerted.
 */
let k: TestKehu;
let boss: number;
let secondAdmin: { id: number; api: ApiClient };
let clerk: { id: number; api: ApiClient };

beforeAll(async () => {
  // Behind a reverse proxy at 127.0.0.1, so that X-Forwarded-For gives each "attacker" its own address.
  k = await startKehu({ env: { KEHU_TRUST_PROXY: '127.0.0.1' } });
  boss = (await k.user({ username: 'boss', isAdmin: true })).id;
  await k.user({ username: 'boss2' });
  secondAdmin = await k.user({ username: 'admin2', isAdmin: true });
  clerk = await k.user({ username: 'clerk' });
});
afterAll(() => k?.close());

const loginFrom = (address: string, username: string, password: string) =>
  new ApiClient(k.baseUrl).request('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': address });

const accountLocked = async (username: string) => {
  const r = await k.kehu.database.pool.query(
    'select locked_until > now() as locked from sys_login_account where username = $1',
    [username],
  );
  return r.rows[0]?.locked === true;
};

const alertsOf = async (api: ApiClient) =>
  (await api.get('/api/notifications?limit=50')).body.data.filter(
    (n: { kind: string }) => n.kind === 'securityAlert',
  ) as Array<{ title: string; body: string; link: unknown }>;

describe('lock-out without lock-out abuse (SEC-7a)', () => {
  test("SEC-7a a stranger who knows the boss's name only locks out their own address", async () => {
    const attacker = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await loginFrom(attacker, 'boss', `guess-${i}-abcdef`)).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    // From the attacker's address even the right password is refused, exactly like a wrong one …
    const there = await loginFrom(attacker, 'boss', testPassword);
    expect(there.status).toBe(401);
    expect(there.body.error.code).toBe('LOGIN_FAILED');
    // … while the boss signs in from the office, and that does not unlock the attacker's address.
    expect((await loginFrom('203.0.113.10', 'boss', testPassword)).status).toBe(200);
    expect((await loginFrom(attacker, 'boss', testPassword)).status).toBe(401);
    // Failures after the address was cut off do not count towards the account.
    expect(await accountLocked('boss')).toBe(false);
  });

  test('SEC-7a the account locks after failures from many addresses; every administrator is alerted', async () => {
    const before = (await alertsOf(k.admin)).length;
    // Four addresses, three guesses each: 12 failures, but only 4 addresses — not locked.
    for (let a = 1; a <= 4; a++)
      for (let i = 0; i < 3; i++) await loginFrom(`192.0.2.${a}`, 'boss2', `guess-${a}-${i}-abcdef`);
    expect(await accountLocked('boss2')).toBe(false);
    expect((await alertsOf(k.admin)).length).toBe(before);
    // A fifth address makes it many failures from many addresses: now the account locks everywhere.
    const fifth = await loginFrom('192.0.2.5', 'boss2', 'guess-5-0-abcdef');
    expect(fifth.status).toBe(401);
    expect(await accountLocked('boss2')).toBe(true);
    const fresh = await loginFrom('203.0.113.20', 'boss2', testPassword);
    expect(fresh.status).toBe(401);
    expect(fresh.body).toEqual(fifth.body);

    // The alert reaches every administrator (in their language), and nobody else.
    const mine = await eventually(async () => {
      const alerts = await alertsOf(k.admin);
      return alerts.length > before ? alerts : undefined;
    }, 20_000);
    expect(mine[0]).toMatchObject({ title: '账号“boss2”已被锁定', link: { object: 'user' } });
    expect(mine[0].body).toContain('5 个不同地址');
    secondAdmin.api.locale = 'en-US';
    const theirs = await eventually(async () => {
      const alerts = await alertsOf(secondAdmin.api);
      return alerts.length ? alerts : undefined;
    }, 20_000);
    expect(theirs[0].title).toBe('Account "boss2" locked');
    expect(theirs[0].body).toContain('13 failed sign-ins in a row from 5 different addresses');
    expect(await alertsOf(clerk.api)).toEqual([]);
    const r = await k.admin.list('loginHistory', {
      filter: { field: 'username', op: 'eq', value: 'boss2' },
      sort: '-id',
      limit: 2,
    });
    expect(r.body.data.map((x: { event: string }) => x.event)).toEqual(['locked', 'locked']);
  });

  test('SEC-7a the boss being an administrator changes nothing, and one alert is sent per lock', async () => {
    const about = async () => (await alertsOf(k.admin)).filter((n) => n.title.includes('“boss”'));
    const count = async () => (await about()).length;
    expect(await count()).toBe(0);
    for (let a = 1; a <= 5; a++)
      for (let i = 0; i < 4; i++) await loginFrom(`100.64.0.${a}`, 'boss', `guess-${a}-${i}-abcdef`);
    expect(await accountLocked('boss')).toBe(true);
    await eventually(async () => ((await count()) === 1 ? true : undefined), 20_000);
    await k.kehu.engine.bus.drain();
    expect(await about()).toEqual([expect.objectContaining({ link: { object: 'user', id: boss } })]);
  });
});
