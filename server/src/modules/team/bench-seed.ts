import { transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { mobileNumber, personName } from '../demo/people.ts';
import { Random } from '../demo/random.ts';
import { DemoClock } from './demo-data.ts';
import { subjects } from './demo-text.ts';
import { bringLastContactForward } from './last-contact.ts';

export interface TeamBenchOptions {
  /** Activities over the last 365 days. */
  activities: number;
  /** The user who owns everything (created as a salesperson when missing). */
  username?: string;
  /** Customers that user should own (created when they own fewer). */
  customers?: number;
  /** Set the user's password (else an administrator sets it). */
  password?: string;
  log?: (line: string) => void;
}

const cities = ['济南', '青岛', '南京', '杭州', '广州', '成都', '石家庄', '郑州', '合肥', '长沙'];
const brands = ['恒通', '宏达', '顺安', '华宇', '鑫源', '泰和', '东方', '金桥', '远航', '瑞丰', '德盛', '中联'];
const trades = ['环卫服务', '物流', '市政工程', '运输', '建设集团', '环境科技', '城建投资', '港务'];
const types: Array<[string, number]> = [
  ['call', 45],
  ['visit', 20],
  ['email', 20],
  ['meeting', 8],
  ['other', 7],
];

async function benchUser(engine: Engine, opts: TeamBenchOptions): Promise<number> {
  const username = opts.username ?? 'bench';
  const ctx = engine.systemContext();
  const first = async (object: string, field: string, value: string) => {
    const r = await records(ctx, object, { internal: true }).list({ filter: { field, op: 'eq', value }, limit: 1 });
    return r.data[0]?.id as number | undefined;
  };
  const found = await first('user', 'username', username);
  if (found !== undefined) {
    const id = Number(found);
    if (opts.password) await updateRecord(ctx, 'user', id, { password: opts.password }, { internal: true });
    return id;
  }
  const role = await first('role', 'name', '销售员');
  const hq = await first('department', 'code', 'HQ');
  const user = await createRecord(
    ctx,
    'user',
    {
      username,
      name: '基准测试销售',
      department: hq,
      roles: role === undefined ? [] : [role],
      password: opts.password,
      active: true,
    },
    { internal: true },
  );
  return user.id as number;
}

/**
 * Data for the workbench benchmark (TEAM-5): one salesperson with `customers` customers (one contact each, with a
 * birthday), `activities` activities over the last year, tasks and events around today. Bulk inserts through the
 * engine's demo writer (`loadRecords`: field parsing, search shadows, version 1 history; no hooks), in one
 * transaction per chunk. Deterministic for the same arguments.
 */
export async function seedTeamBench(
  engine: Engine,
  opts: TeamBenchOptions,
): Promise<{ user: number; customers: number; activities: number }> {
  const log = opts.log ?? (() => undefined);
  const r = new Random(20240610);
  const clock = new DemoClock(engine.timezone);
  const owner = await benchUser(engine, opts);
  const ctx = engine.systemContext();
  const have = await records(ctx, 'customer', { internal: true }).all({
    filter: { field: 'owner', op: 'eq', value: owner },
    sort: [{ field: 'id', dir: 'asc' }],
  });
  const customers = have.map((x) => Number(x.id));
  const wanted = opts.customers ?? 10_000;
  for (let n = customers.length; n < wanted; n += 2000) {
    const batch = Math.min(2000, wanted - n);
    const inputs = Array.from({ length: batch }, (_, i) => ({
      name: `${r.pick(cities)}${r.pick(brands)}${r.pick(trades)}有限公司${n + i + 1}`,
      type: r.chance(0.7) ? 'direct' : 'prospect',
      owner,
      ownerSince: new Date(clock.now - r.int(3 * 365) * 86_400_000).toISOString(),
      inPool: false,
      createdBy: owner,
    }));
    const ids = await transaction(ctx, async (tx) => {
      const made = await loadRecords(tx, 'customer', inputs);
      await loadRecords(
        tx,
        'contact',
        made.map((customer) => ({
          name: personName(r).name,
          customer,
          mobile: mobileNumber(r),
          birthday: `${r.between(1965, 1995)}-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}`,
          owner,
          createdBy: owner,
        })),
      );
      return made;
    });
    customers.push(...ids);
    log(`  ${customers.length.toLocaleString('en')} customers of ${opts.username ?? 'bench'}`);
  }
  if (customers.length === 0) throw new Error('the bench user has no customers');
  for (let done = 0; done < opts.activities; done += 5000) {
    const acts = Array.from({ length: Math.min(5000, opts.activities - done) }, () => {
      const type = r.weighted(types);
      const time = clock.workTime(r, clock.day(-r.int(365)));
      return {
        type,
        subject: r.pick(subjects[type]),
        time: Date.parse(time) > clock.now ? new Date(clock.now - r.int(3_600_000)).toISOString() : time,
        duration: r.between(1, 12) * 5,
        customer: r.pick(customers),
        owner,
        createdBy: owner,
      };
    });
    await transaction(ctx, async (tx) => {
      await loadRecords(
        tx,
        'activity',
        acts.map((a) => ({ ...a, createdAt: a.time })),
      );
      await bringLastContactForward(tx, acts);
    });
    log(`  ${(done + acts.length).toLocaleString('en')} activities`);
  }
  await transaction(ctx, async (tx) => {
    const tasks = Array.from({ length: 300 }, () => {
      const due = clock.at(clock.day(r.between(-60, 30)), r.pick([12, 17, 18]) * 60);
      const past = Date.parse(due) < clock.now;
      return {
        title: `跟进客户 ${r.int(10_000)}`,
        owner,
        dueAt: due,
        priority: r.pick(['high', 'normal', 'low']),
        status: past && r.chance(0.8) ? 'done' : 'todo',
        customer: r.pick(customers),
        createdBy: owner,
      };
    });
    await loadRecords(
      tx,
      'task',
      tasks.map((t) => (t.status === 'done' ? { ...t, completedAt: t.dueAt } : t)),
    );
    const events = clock.workdays(-30, 30).flatMap((d) =>
      Array.from({ length: r.between(1, 3) }, () => {
        const start = clock.at(d, (9 + r.int(8)) * 60);
        const end = new Date(Date.parse(start) + 3_600_000).toISOString();
        return {
          title: '拜访客户',
          start,
          end,
          seriesEnd: end,
          allDay: false,
          customer: r.pick(customers),
          owner,
          createdBy: owner,
        };
      }),
    );
    await loadRecords(tx, 'event', events);
  });
  return { user: owner, customers: customers.length, activities: opts.activities };
}
