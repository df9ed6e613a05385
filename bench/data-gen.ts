import { sql } from 'kysely';
import { transaction } from '../server/src/engine/context.ts';
import type { Engine } from '../server/src/engine/kernel.ts';
import { createCustomObject } from '../server/src/engine/metadata/custom.ts';
import type { ObjectDef } from '../server/src/engine/metadata/types.ts';
import { createRecord } from '../server/src/engine/records/save.ts';

export const benchPassword = 'Bench-Password-42';
export const objectName = 'benchCustomer';

const opt = (value: string, zh: string, en: string) => ({ value, label: { 'zh-CN': zh, 'en-US': en } });
export const types = ['direct', 'dealer', 'oem', 'government', 'export'];
const industries = ['machinery', 'auto', 'chemicals', 'food', 'textile', 'electronics', 'construction', 'energy'];
const provinces = ['山东省', '江苏省', '浙江省', '广东省', '河北省', '河南省', '四川省', '湖北省', '辽宁省', '福建省'];

/** A customer-like object, declared the way an administrator would (WF-1). */
const customerDecl = {
  name: objectName,
  label: { 'zh-CN': '基准客户', 'en-US': 'Bench customer' },
  fields: {
    name: { type: 'text', required: true, search: 'fuzzy', label: { 'zh-CN': '客户名称', 'en-US': 'Name' } },
    type: {
      type: 'picklist',
      label: { 'zh-CN': '客户类型', 'en-US': 'Type' },
      options: [
        opt('direct', '直销', 'Direct'),
        opt('dealer', '经销商', 'Dealer'),
        opt('oem', '主机厂', 'OEM'),
        opt('government', '政府', 'Government'),
        opt('export', '出口', 'Export'),
      ],
    },
    level: {
      type: 'picklist',
      label: { 'zh-CN': '客户等级', 'en-US': 'Level' },
      options: [opt('A', 'A', 'A'), opt('B', 'B', 'B'), opt('C', 'C', 'C'), opt('VIP', 'VIP', 'VIP')],
    },
    province: { type: 'text', label: { 'zh-CN': '省份', 'en-US': 'Province' } },
    creditLimit: { type: 'money', label: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' } },
    lastContactAt: { type: 'datetime', label: { 'zh-CN': '最近联系', 'en-US': 'Last contact' } },
    owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
    industry: {
      type: 'picklist',
      label: { 'zh-CN': '行业', 'en-US': 'Industry' },
      options: industries.map((i) => opt(i, i, i)),
    },
  },
};

export interface BenchPeople {
  adminId: number;
  userIds: number[];
  /** A salesperson whose role reads the whole department. */
  salesUsername: string;
  salesDepartmentSize: number;
}

/** Departments with a manager and salespeople each, through the records pipeline like real users. */
export async function createPeople(engine: Engine, departments: number, perDepartment: number): Promise<BenchPeople> {
  const ctx = engine.systemContext();
  const admin = await sql<{ id: number }>`select id from obj_user where username = 'admin'`.execute(engine.db);
  return transaction(ctx, async (tx) => {
    const role = await createRecord(
      tx,
      'role',
      {
        name: 'bench-department-sales',
        grants: {
          '*': {
            create: 'own',
            read: 'department',
            update: 'own',
            delete: 'own',
            export: 'none',
            import: 'none',
            assign: 'none',
          },
          user: { read: 'all' },
          department: { read: 'all' },
        },
      },
      { internal: true },
    );
    const userIds: number[] = [];
    let salesUsername = '';
    for (let d = 1; d <= departments; d++) {
      const dept = await createRecord(
        tx,
        'department',
        { name: `办事处${d}`, code: `B${d}`, kind: 'office' },
        { internal: true },
      );
      let manager: number | undefined;
      for (let u = 0; u <= perDepartment; u++) {
        const username = u === 0 ? `mgr${d}` : `sales${d}_${u}`;
        const first = d === 1 && u === 1;
        const rec = await createRecord(
          tx,
          'user',
          {
            username,
            name: username,
            department: dept.id,
            manager,
            roles: [role.id],
            active: true,
            ...(first ? { password: benchPassword } : {}),
          },
          { internal: true },
        );
        if (u === 0) manager = rec.id as number;
        if (first) salesUsername = username;
        userIds.push(rec.id as number);
      }
    }
    return { adminId: admin.rows[0].id, userIds, salesUsername, salesDepartmentSize: perDepartment + 1 };
  });
}

/** The object through the engine (real table, columns and indexes), then rows by `insert … select`. */
export async function createCustomers(engine: Engine, people: BenchPeople, rows: number): Promise<ObjectDef> {
  const ctx = engine.systemContext();
  const obj = await transaction(ctx, (tx) => createCustomObject(tx.db, engine.registry, customerDecl, people.adminId));
  const col = (f: string) => sql.ref(obj.fields.get(f)!.column!);
  // hashint4 gives a deterministic spread: the same data on every run.
  const h = (salt: number) => sql`(hashint4(i + ${salt}::int) & 2147483647)`;
  const owner = sql`(${people.userIds}::bigint[])[1 + (${h(7)} % ${people.userIds.length})]`;
  await sql`insert into ${sql.table(obj.table)}
      (${col('name')}, ${col('type')}, ${col('level')}, ${col('province')}, ${col('creditLimit')}, ${col('lastContactAt')},
       ${col('owner')}, ${col('industry')}, created_by, updated_by, created_at, updated_at)
    select name, type, level, province, credit, contact, owner, industry, owner, owner, created, created + interval '3 days'
    from (
      select
        '客户' || i || (array['开乐专用车', '华宇机械', '鼎盛物流', '恒通重工', '金源化工'])[1 + ${h(1)} % 5] as name,
        (${types}::text[])[1 + ${h(2)} % 5] as type,
        case when ${h(3)} % 100 < 10 then 'VIP' when ${h(3)} % 100 < 35 then 'A' when ${h(3)} % 100 < 70 then 'B' else 'C' end
          as level,
        (${provinces}::text[])[1 + ${h(4)} % ${provinces.length}] as province,
        round((${h(5)} % 500000000) / 100.0, 2) as credit,
        timestamptz '2024-01-01' + make_interval(secs => ${h(6)} % (730 * 86400)) as contact,
        ${owner} as owner,
        (${industries}::text[])[1 + ${h(8)} % ${industries.length}] as industry,
        timestamptz '2022-01-01' + make_interval(secs => i * 60) as created
      from generate_series(1, ${rows}::int) as i
    ) g`.execute(engine.db);
  await sql`vacuum (analyze) ${sql.table(obj.table)}`.execute(engine.db);
  return obj;
}
