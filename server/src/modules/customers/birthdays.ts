import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import { readWhere } from '../../engine/query/list.ts';
import { lunarBirthdaysOfMonth, lunarYears } from './birthdays-lunar.ts';

export interface BirthdayEntry {
  contact: { id: number; name: unknown };
  customer: unknown;
  title?: unknown;
  mobile?: unknown;
  kind: 'solar' | 'lunar';
  /** This year's date of the celebration, 'YYYY-MM-DD'. */
  date: string;
  birthday?: unknown;
  lunarBirthday?: unknown;
  /** The age reached on that day, when the year of birth is known. */
  age: number | null;
}

export interface BirthdayMonth {
  month: string;
  items: BirthdayEntry[];
  /** More contacts than one page lists; the earliest days are kept. */
  truncated: boolean;
  /** Contacts with a birthday this month (all of them, also when the list is truncated). */
  total: number;
}

const maxItems = 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' in the installation's time zone. */
function currentMonth(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' }).format(new Date());
}

function parseMonth(text: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  const year = Number(m?.[1]);
  if (!m || year < lunarYears.min || year > lunarYears.max) throw validationFailed({ month: 'format' });
  return { year, month: Number(m[2]) };
}

/**
 * Contacts whose birthday falls in a month (CUS-10 本月生日): solar birthdays by month and day, lunar ones
 * converted to this year's solar date. Rows are chosen under the engine's access predicate (readWhere) and read
 * through the records builder, so scopes and field rights apply as everywhere else. A hidden or masked birthday
 * selects nobody (`canQuery`: a masked value would be recovered by bisection). `limit`: how many contacts to read
 * in full (the workbench shows the next few only).
 */
export async function birthdaysOfMonth(ctx: Ctx, monthText?: string, limit = maxItems): Promise<BirthdayMonth> {
  const month = monthText ?? currentMonth(ctx.timezone);
  const { year, month: m } = parseMonth(month);
  const contacts = records(ctx, 'contact');
  const obj = contacts.object;
  if (ctx.access.scope(obj.name, 'read') === 'none') throw new KehuError('FORBIDDEN');
  const solar = contacts.canQuery('birthday');
  const lunarMap = contacts.canQuery('lunarBirthday') ? lunarBirthdaysOfMonth(year, m) : new Map<string, number>();
  if (!solar && lunarMap.size === 0) return { month, items: [], truncated: false, total: 0 };
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const bd = sql.ref(`t.${obj.fields.get('birthday')!.column!}`);
  const lunar = sql.ref(`t.${obj.fields.get('lunarBirthday')!.column!}`);
  // 29 February is kept on the 28th in other years.
  const solarDay = solar
    ? sql`case when extract(month from ${bd}) = ${m} then least(extract(day from ${bd})::int, ${lastDay}) end`
    : sql`null::int`;
  const lunarDay = sql`(select u.d from unnest(${[...lunarMap.keys()]}::text[], ${[...lunarMap.values()]}::int[])
    as u(txt, d) where u.txt = ${lunar} limit 1)`;
  const where = await readWhere(ctx, obj, {}, 'read');
  // Raw SQL, justified: the day a birthday falls on this month — solar month and day of any year of birth (29
  // February kept on the 28th), or a lunar text's day — is an expression over every readable contact, and only
  // the first `limit` by that day are read. The filter language has no month-of-date, and enumerating years as
  // ranges cannot order by the day, so a filter would read every candidate of the month in full. Ids only, inside
  // the access predicate; the records themselves come through the builder below.
  const r = await sql<{ id: number; day: number; total: string }>`select t.id,
    least(${solarDay}, ${lunarDay}) as day, count(*) over () as total
    from ${sql.table(obj.table)} as t
    where ${where} and least(${solarDay}, ${lunarDay}) is not null
    order by day, t.id limit ${limit + 1}`.execute(ctx.db);
  const ids = r.rows.slice(0, limit).map((x) => Number(x.id));
  const items: BirthdayEntry[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const page = await contacts.list({ filter: { field: 'id', op: 'in', value: chunk }, limit: 500 });
    for (const rec of page.data) items.push(...entriesOf(rec, year, m, solar, lunarMap));
  }
  items.sort((a, b) => a.date.localeCompare(b.date) || a.contact.id - b.contact.id || a.kind.localeCompare(b.kind));
  return { month, items, truncated: r.rows.length > limit, total: Number(r.rows[0]?.total ?? 0) };
}

function entriesOf(
  rec: Record<string, unknown>,
  year: number,
  month: number,
  solar: boolean,
  lunarMap: Map<string, number>,
): BirthdayEntry[] {
  const birthday = typeof rec.birthday === 'string' ? rec.birthday : undefined;
  const bornIn = birthday ? Number(birthday.slice(0, 4)) : undefined;
  const age = bornIn && bornIn > 1900 && year >= bornIn ? year - bornIn : null;
  const base = {
    contact: { id: Number(rec.id), name: rec.name },
    customer: rec.customer ?? null,
    title: rec.title,
    mobile: rec.mobile,
    birthday: rec.birthday,
    lunarBirthday: rec.lunarBirthday,
    age,
  };
  const out: BirthdayEntry[] = [];
  if (solar && birthday && Number(birthday.slice(5, 7)) === month) {
    const day = Math.min(Number(birthday.slice(8, 10)), new Date(Date.UTC(year, month, 0)).getUTCDate());
    out.push({ ...base, kind: 'solar', date: `${year}-${pad(month)}-${pad(day)}` });
  }
  const lunarDay = typeof rec.lunarBirthday === 'string' ? lunarMap.get(rec.lunarBirthday) : undefined;
  if (lunarDay) out.push({ ...base, kind: 'lunar', date: `${year}-${pad(month)}-${pad(lunarDay)}` });
  return out;
}
