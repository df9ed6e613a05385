import { type RawBuilder, sql } from 'kysely';
import type { Registry } from '../../engine/metadata/registry.ts';
import { meta } from './meta.ts';

/** A deterministic pseudo-random number ≥ 0 for row `i` (the same data on every run). */
const h = (salt: number) => sql`(hashint4(g.i + ${salt}::int) & 2147483647)`;

/**
 * Opportunities `first..last` in one statement with their product line, product link, stage history and version 1
 * history entry. Customers, stages and products come from the temporary tables `seed_customers`,
 * `seed_stages` and `seed_products` (see bulk-seed.ts). Open 60 %, won 25 %, lost 12 %, abandoned 3 %. The history
 * only moves forward, so the furthest stage reached is the current one.
 */
export function opportunitiesSql(
  registry: Registry,
  n: { customers: number; products: number },
  codes: string[],
  first: number,
  last: number,
  marker: string,
) {
  const ctx = { registry };
  const o = meta(ctx, 'opportunity');
  const l = meta(ctx, 'opportunityLine');
  const c = meta(ctx, 'opportunityStageChange');
  const link = sql.table(o.obj.fields.get('products')!.linkTable!);
  const cols = (m: typeof o, fields: string[]) => sql.join(fields.map((f) => sql.ref(m.c(f))));
  const audit = sql`y.created, y.created, y.owner, y.owner`;
  const at = (j: RawBuilder<unknown>) => sql`y.created + (y.span * ${j} / (y.idx + 1))`;
  return sql`with x as (
      select nextval(pg_get_serial_sequence(${o.obj.table}, 'id')) as id, g.i, sc.id as customer, sc.owner,
        case when ${h(1)} % 10 < 8 then 1 else 2 end as pno, ${h(2)} % 100 as roll, ${h(3)} as hk,
        make_interval(days => (20 + ${h(5)} % 400)::int) as age, 1 + ${h(6)} % ${n.products} as prn,
        (array[1, 1, 1, 2, 2, 3, 5, 10])[1 + ${h(7)} % 8] as qty, ${h(8)} % 270 - 20 as ahead
      from generate_series(${first}::int, ${last}::int) g(i)
      join seed_customers sc on sc.rn = 1 + ${h(4)} % ${n.customers}
    ), y as (
      select x.*, s.id as stage, s.idx, s.n, s.process_id, s.prob, s.sort, p.id as product, p.price,
        case when roll < 60 then 'open' when roll < 85 then 'won' when roll < 97 then 'lost' else 'abandoned' end as status,
        now() - x.age as created, x.age * 0.8 as span
      from x join seed_stages s on s.pno = x.pno
        and s.idx = case when x.roll between 60 and 84 then s.n - 1 else x.hk % s.n end
      join seed_products p on p.rn = x.prn
    ), ins as (
      insert into ${o.table} (id, ${cols(o, ['code', 'name', 'customer', 'process', 'stage', 'probability', 'amount', 'expectedCloseDate', 'committed', 'status', 'closeReason', 'closedOn', 'owner', 'stageEnteredAt', 'warnings', 'furthestStageOrder'])},
        created_at, updated_at, created_by, updated_by)
      select y.id, (${codes}::text[])[y.i - ${first}::int + 1], '商机 ' || y.i, y.customer, y.process_id, y.stage,
        case y.status when 'open' then y.prob when 'won' then 100 else 0 end, y.qty * y.price,
        case when y.status = 'open' then current_date + y.ahead else (y.created + y.span)::date end,
        y.status = 'open' and y.idx = y.n - 1 and y.hk % 2 = 0, y.status,
        case y.status when 'lost' then 'price' when 'abandoned' then 'budget' end,
        case when y.status <> 'open' then (y.created + y.span)::date end, y.owner,
        ${at(sql`y.idx`)}, case when y.status = 'open' and y.ahead < 0 then '{closeDatePast}'::text[] else '{}'::text[] end,
        y.sort, ${audit}
      from y returning id
    ), line as (
      insert into ${l.table} (${cols(l, ['name', 'opportunity', 'product', 'quantity', 'unitPrice', 'owner'])},
        created_at, updated_at, created_by, updated_by)
      select '产品', y.id, y.product, y.qty, y.price, y.owner, ${audit} from y
    ), lk as (
      insert into ${link} (a_id, b_id) select y.id, y.product from y
    ), hist as (
      insert into sys_history (object, record_id, version, action, actor_id, user_agent, changes, snapshot, at)
      select 'opportunity', y.id, 1, 'create', y.owner, ${marker}, '{}'::jsonb,
        jsonb_build_object('id', y.id, 'version', 1, 'name', '商机 ' || y.i, 'status', y.status,
          'amount', ((y.qty * y.price)::numeric(18, 2))::text), y.created
      from y
    )
    insert into ${c.table} (${cols(c, ['opportunity', 'process', 'fromStage', 'toStage', 'fromStatus', 'toStatus', 'changedAt', 'changedBy', 'daysInFromStage', 'amount', 'probability', 'owner'])},
      created_at, updated_at, created_by, updated_by)
    select y.id, y.process_id, prev.id, st.id, case when j > 0 then 'open' end, 'open', ${at(sql`j`)}, y.owner,
      case when j > 0 then round(extract(epoch from y.span / (y.idx + 1)) / 86400, 2) end, y.qty * y.price, st.prob,
      y.owner, ${audit}
    from y cross join lateral generate_series(0, y.idx) j
    join seed_stages st on st.pno = y.pno and st.idx = j
    left join seed_stages prev on prev.pno = y.pno and prev.idx = j - 1
    union all
    select y.id, y.process_id, y.stage, y.stage, 'open', y.status, y.created + y.span, y.owner,
      round(extract(epoch from y.span / (y.idx + 1)) / 86400, 2), y.qty * y.price,
      case y.status when 'won' then 100 else 0 end, y.owner, ${audit}
    from y where y.status <> 'open'`;
}
