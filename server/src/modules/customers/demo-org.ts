import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { pinyinKeys } from '../../engine/search/pinyin.ts';
import { mobileNumber, personName } from '../demo/people.ts';
import { type City, type Office, salesRegions } from '../demo/places.ts';
import type { Random } from '../demo/random.ts';

export interface DemoUser {
  id: number;
  name: string;
}

export interface DemoCustomer {
  input: Record<string, unknown>;
  city: City;
  owner: DemoUser;
}

export interface DemoOrg {
  director: DemoUser;
  /** Office code → the people who own customers there (head first). */
  staff: Map<string, DemoUser[]>;
  offices: Office[];
}

// Salespeople beside the head, per office: the big markets have more.
const extraSales: Record<string, number> = { JN: 2, NJ: 1, HZ: 1, GZ: 2, CD: 1, SJZ: 1 };

/** Ids of the records of `object` whose `field` equals `value` (configuration the demo builds on). */
async function idsWhere(ctx: Ctx, object: string, field: string, value: string): Promise<number[]> {
  const found = await records(ctx, object, { internal: true }).all({ filter: { field, op: 'eq', value } });
  return found.map((x) => Number(x.id));
}

/**
 * The demo company 开乐专用车 (fictional): head office, four sales regions (大区) with offices (办事处) in eleven
 * provinces, and 27 people in a reporting line. The users have no password: they cannot sign in until an
 * administrator sets one.
 */
export async function createDemoOrg(ctx: Ctx, r: Random): Promise<DemoOrg> {
  const [hqId] = await idsWhere(ctx, 'department', 'code', 'HQ');
  const managerRole = await idsWhere(ctx, 'role', 'name', '销售经理');
  const salesRole = await idsWhere(ctx, 'role', 'name', '销售员');
  const usernames = new Set<string>();
  const user = async (department: number | undefined, title: string, manager: DemoUser | undefined, head: boolean) => {
    const p = personName(r);
    const base = pinyinKeys(p.name)?.full ?? 'user';
    let username = base;
    for (let n = 2; usernames.has(username); n++) username = `${base}${n}`;
    usernames.add(username);
    const rec = await createRecord(
      ctx,
      'user',
      {
        username,
        name: p.name,
        title,
        email: `${username}@kaile.example.com`,
        mobile: mobileNumber(r),
        department,
        manager: manager?.id,
        roles: head ? managerRole : salesRole,
        active: true,
      },
      { internal: true },
    );
    return { id: rec.id as number, name: p.name };
  };
  const department = async (name: string, code: string, kind: string, parent: number | undefined) =>
    (await createRecord(ctx, 'department', { name, code, kind, parent }, { internal: true })).id as number;
  const setHead = (id: number, head: DemoUser) =>
    updateRecord(ctx, 'department', id, { head: head.id }, { internal: true });

  const ceo = await user(hqId, '总经理', undefined, true);
  const director = await user(hqId, '销售总监', ceo, true);
  const staff = new Map<string, DemoUser[]>();
  const offices: Office[] = [];
  for (const region of salesRegions()) {
    const regionId = await department(region.name, region.code, 'region', hqId);
    const regionHead = await user(regionId, '大区经理', director, true);
    await setHead(regionId, regionHead);
    for (const office of region.offices) {
      const officeId = await department(office.name, office.code, 'office', regionId);
      const head = await user(officeId, '办事处主任', regionHead, true);
      await setHead(officeId, head);
      const people = [head];
      for (let i = 0; i < (extraSales[office.code] ?? 0); i++)
        people.push(await user(officeId, '销售代表', head, false));
      staff.set(office.code, people);
      offices.push(office);
    }
  }
  return { director, staff, offices };
}
