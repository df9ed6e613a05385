import { type RawBuilder, sql } from 'kysely';
import type { Parts } from './bulk-seed-parts.ts';

/** A deterministic pseudo-random number ≥ 0 for row `i` (the same data on every run). */
const h = (salt: number) => sql`(hashint4(g.i + ${salt}::int) & 2147483647)`;
const at = (arr: string[], salt: number) => sql`(${arr}::text[])[1 + ${h(salt)} % ${arr.length}]`;
const iso = (col: string) =>
  sql`to_jsonb(to_char(${sql.ref(col)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

// GB 32100-2015 check character of a 17-digit prefix (the generated prefixes are digits only).
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const checked = (first17: RawBuilder<unknown>) => {
  const sum = sql.join(
    weights.map((w, k) => sql`substr(f17, ${sql.lit(k + 1)}, 1)::int * ${sql.lit(w)}`),
    sql` + `,
  );
  return sql`(select f17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (${sum}) % 31) % 31 + 1, 1)
    from (select ${first17} as f17) cc)`;
};

const notChanges = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/** The API form of a new record and its creation diff (`{ field: [null, value] }`), as the pipeline stores them. */
function history(fields: Array<[string, RawBuilder<unknown>]>) {
  const obj = (pairs: RawBuilder<unknown>[]) => sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs)}))`;
  return {
    snapshot: obj(fields.map(([k, e]) => sql`${sql.lit(k)}, ${e}`)),
    changes: obj(
      fields
        .filter(([k]) => !notChanges.has(k))
        .map(([k, e]) => sql`${sql.lit(k)}, case when (${e}) is not null then jsonb_build_array(null, ${e}) end`),
    ),
  };
}

export interface Owners {
  ids: number[];
  names: string[];
}

/**
 * Customers `first..last` (row numbers) in one statement, with their version 1 history entries. Names are a city
 * (or none), a two-character trade name and a trade; their pinyin is the concatenation of the parts' pinyin.
 */
export function customersSql(p: Parts, owners: Owners, codes: string[], first: number, last: number, marker: string) {
  const { place, brand, trade } = p;
  const pl = sql`(1 + ${h(1)} % ${place.district.length})`;
  const b1 = sql`(1 + ${h(2)} % ${brand.char.length})`;
  const b2 = sql`(1 + ${h(3)} % ${brand.char.length})`;
  const tr = sql`(1 + ${h(4)} % ${trade.text.length})`;
  const withCity = sql`(${h(6)} % 10 < 8)`;
  const arr = (a: string[], idx: RawBuilder<unknown>) => sql`(${a}::text[])[${idx}]`;
  const brandText = sql`${arr(brand.char, b1)} || ${arr(brand.char, b2)}`;
  const brandPy = sql`${arr(brand.py, b1)} || ${arr(brand.py, b2)}`;
  const brandPyi = sql`left(${arr(brand.py, b1)}, 1) || left(${arr(brand.py, b2)}, 1)`;
  const prefix = (a: string[]) => sql`case when ${withCity} then ${arr(a, pl)} else '' end`;
  const typeCase = sql`case when ${h(5)} % 100 < 55 then 'direct' when ${h(5)} % 100 < 80 then 'prospect'
    when ${h(5)} % 100 < 88 then 'dealer' when ${h(5)} % 100 < 96 then 'partner' else 'competitor' end`;
  const created = sql`now() - make_interval(secs => ${h(9)} % (5 * 365 * 86400))`;
  const ref = (c: string) => sql.ref(`ins.${c}`);
  const user = (c: string) => sql`jsonb_build_object('id', ${ref(c)}, 'label', o.name)`;
  const h1 = history([
    ['id', ref('id')],
    ['version', sql`1`],
    ...(['code', 'name', 'type', 'industry', 'category', 'attribute', 'level', 'source', 'phone'] as const).map(
      (c): [string, RawBuilder<unknown>] => [c, sql`to_jsonb(${ref(c)})`],
    ),
    ['shortName', sql`to_jsonb(${ref('short_name')})`],
    ['creditCode', sql`to_jsonb(${ref('credit_code')})`],
    [
      'region',
      sql`jsonb_build_object('province', ${ref('region_province')}, 'city', ${ref('region_city')}, 'district',
        ${ref('region_district')}, 'label', pl.label)`,
    ],
    ['owner', user('owner_id')],
    ['ownerSince', iso('ins.owner_since')],
    ['inPool', sql`to_jsonb(false)`],
    ['lastContactAt', iso('ins.last_contact_at')],
    ['creditLimit', sql`to_jsonb(${ref('credit_limit')}::text)`],
    ['createdAt', iso('ins.created_at')],
    ['updatedAt', iso('ins.updated_at')],
    ['createdBy', user('created_by')],
    ['updatedBy', user('updated_by')],
  ]);
  return sql`with g as (select i from generate_series(${first}::int, ${last}::int) i),
    ins as (
      insert into obj_customer (code, name, name_py, name_pyi, short_name, short_name_py, short_name_pyi, type, industry,
        category, attribute, level, source, region_province, region_city, region_district, phone, credit_code, owner_id,
        owner_since, in_pool, last_contact_at, credit_limit, created_at, updated_at, created_by, updated_by)
      select (${codes}::text[])[g.i - ${first}::int + 1],
        ${prefix(place.cityName)} || ${brandText} || ${arr(trade.text, tr)},
        ${prefix(place.py)} || ${brandPy} || ${arr(trade.py, tr)},
        ${prefix(place.pyi)} || ${brandPyi} || ${arr(trade.pyi, tr)},
        case when ${h(10)} % 2 = 0 then ${brandText} || ${arr(trade.short, tr)} end,
        case when ${h(10)} % 2 = 0 then ${brandPy} || ${arr(trade.shortPy, tr)} end,
        case when ${h(10)} % 2 = 0 then ${brandPyi} || ${arr(trade.shortPyi, tr)} end,
        ${typeCase}, ${arr(trade.industry, tr)}, ${arr(trade.category, tr)},
        case when ${h(13)} % 10 < 7 then 'private' when ${h(13)} % 10 < 9 then 'stateOwned' else 'foreign' end,
        (array['VIP','A','A','B','B','B','C','C','C','C'])[1 + ${h(11)} % 10],
        ${at(['exhibition', 'website', 'phone', 'referral', 'tender', 'advertising', 'visit', 'dealer'], 12)},
        ${arr(place.province, pl)}, ${arr(place.city, pl)}, ${arr(place.district, pl)},
        case when ${h(7)} % 100 < 85 then '+86' || ${arr(place.area, pl)} || lpad((${h(8)} % 100000000)::text, 8, '0') end,
        case when ${h(14)} % 100 < 70 then ${checked(sql`('91' || rpad(${arr(place.city, pl)}, 6, '0') || lpad(g.i::text, 9, '0'))`)} end,
        x.owner, x.created, false,
        case when ${h(15)} % 10 < 7 then now() - make_interval(secs => ${h(16)} % (180 * 86400)) end,
        case when ${h(17)} % 10 < 6 then ((${h(18)} % 100 + 1) * 50000)::numeric(18, 2) end,
        x.created, x.created, x.owner, x.owner
      from g cross join lateral (select (${owners.ids}::bigint[])[1 + ${h(19)} % ${owners.ids.length}] as owner,
        ${created} as created) x
      returning *
    ),
    s as (
      select ins.id, ins.created_by, ins.created_at, ${h1.snapshot} as snap, ${h1.changes} as changes
      from ins
      join unnest(${place.district}::text[], ${place.label}::text[]) as pl(district, label) on pl.district = ins.region_district
      join unnest(${owners.ids}::bigint[], ${owners.names}::text[]) as o(id, name) on o.id = ins.owner_id
    )
    insert into sys_history (object, record_id, version, action, actor_id, user_agent, changes, snapshot, at)
    select 'customer', s.id, 1, 'create', s.created_by, ${marker}, s.changes, s.snap, s.created_at from s`;
}

/** `perCustomer` contacts for each customer with an id in `fromId..toId`, with their history entries. */
export function contactsSql(p: Parts, fromId: number, toId: number, perCustomer: number, marker: string) {
  const { surname, surnamePy, given, givenPy } = p.person;
  const s = sql`(1 + ${h(21)} % ${surname.length})`;
  const g1 = sql`(1 + ${h(22)} % ${given.length})`;
  const g2 = sql`(1 + ${h(23)} % ${given.length})`;
  const two = sql`(${h(24)} % 3 > 0)`;
  const arr = (a: string[], idx: RawBuilder<unknown>) => sql`(${a}::text[])[${idx}]`;
  const roles = ['decisionMaker', 'influencer', 'user', 'purchaser', 'technical', 'other'];
  const ref = (c: string) => sql.ref(`ins.${c}`);
  const h2 = history([
    ['id', ref('id')],
    ['version', sql`1`],
    ['name', sql`to_jsonb(${ref('name')})`],
    ['customer', sql`jsonb_build_object('id', ${ref('customer_id')}, 'label', c.name)`],
    ['mobile', sql`to_jsonb(${ref('mobile')})`],
    ['decisionRole', sql`to_jsonb(${ref('decision_role')})`],
    ['birthday', sql`to_jsonb(${ref('birthday')}::text)`],
    ['owner', sql`jsonb_build_object('id', ${ref('owner_id')}, 'label', u.name)`],
    ['createdAt', iso('ins.created_at')],
    ['updatedAt', iso('ins.updated_at')],
  ]);
  return sql`with g as (select c.id as customer_id, c.owner_id, c.created_at, ((c.id * 8 + n) % 2000000000)::int as i
        from obj_customer c cross join generate_series(1, ${perCustomer}::int) n
        where c.id between ${fromId}::bigint and ${toId}::bigint and c.deleted_at is null),
    ins as (
      insert into obj_contact (name, name_py, name_pyi, customer_id, mobile, decision_role, birthday, owner_id,
        created_at, updated_at, created_by, updated_by)
      select ${arr(surname, s)} || ${arr(given, g1)} || case when ${two} then ${arr(given, g2)} else '' end,
        ${arr(surnamePy, s)} || ${arr(givenPy, g1)} || case when ${two} then ${arr(givenPy, g2)} else '' end,
        left(${arr(surnamePy, s)}, 1) || left(${arr(givenPy, g1)}, 1) || case when ${two} then left(${arr(givenPy, g2)}, 1) else '' end,
        g.customer_id,
        '+861' || (array['38','39','50','51','58','86','88','89'])[1 + ${h(25)} % 8] || lpad((${h(26)} % 100000000)::text, 8, '0'),
        ${at(roles, 27)}, date '1960-01-01' + (${h(28)} % 13000)::int, g.owner_id, g.created_at, g.created_at, g.owner_id,
        g.owner_id
      from g
      returning *
    ),
    s as (
      select ins.id, ins.created_by, ins.created_at, ${h2.snapshot} as snap, ${h2.changes} as changes
      from ins join obj_customer c on c.id = ins.customer_id left join obj_user u on u.id = ins.owner_id
    )
    insert into sys_history (object, record_id, version, action, actor_id, user_agent, changes, snapshot, at)
    select 'contact', s.id, 1, 'create', s.created_by, ${marker}, s.changes, s.snap, s.created_at from s`;
}
