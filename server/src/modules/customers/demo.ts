import type { Ctx } from '../../engine/context.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import { pinyinKeys } from '../../engine/search/pinyin.ts';
import { fromWall, toWall } from '../../engine/time-zone.ts';
import { landline } from '../demo/people.ts';
import { type Office, street } from '../demo/places.ts';
import { Random } from '../demo/random.ts';
import { company, creditCode } from './demo-companies.ts';
import { contactsFor } from './demo-contacts.ts';
import { nearDuplicates } from './demo-duplicates.ts';
import { createDemoOrg, type DemoCustomer, type DemoOrg } from './demo-org.ts';
import { coreName } from './name-core.ts';
import { demoPoolDays, seedPoolDemo } from './pool-demo.ts';

export const demoCustomerCount = 2000;
const day = 86_400_000;

/** The company's clock: today's date and time zone, for dating the demo around the day it is created. */
interface Clock {
  now: number;
  tz: string;
}

/**
 * An instant `days` ago in working hours (08:30–18:00 on a weekday) in the company's time zone, never later than
 * now: contacts are made when people work.
 */
function workTimeAgo(r: Random, clock: Clock, days: number): number {
  const wall = toWall(new Date(clock.now - days * day), clock.tz);
  let date = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const weekday = new Date(date).getUTCDay();
  if (weekday === 6 || weekday === 0) date -= (weekday === 6 ? 1 : 2) * day;
  const at = fromWall(new Date(date + (510 + r.int(114) * 5) * 60_000), clock.tz).getTime();
  return at <= clock.now ? at : workTimeAgo(r, clock, days + 1);
}

/** Days between contacts for a customer its owner looks after: key accounts and dealers often, small ones less. */
function rhythm(type: string, level: string | undefined): number {
  if (type === 'dealer') return 21;
  if (type === 'direct') return level === 'VIP' ? 14 : level === 'A' ? 21 : level === 'B' ? 35 : 55;
  return type === 'prospect' ? 45 : 60;
}

/**
 * When a customer was last contacted, relative to today. Owners keep in touch at the customer's rhythm, so nearly
 * everyone was contacted within the pool's return days (`demoPoolDays`); a few were let slip up to about them (the
 * return job takes one now and then; the workbench lists the dealers and partners among them); some prospects and
 * small customers were dropped long ago (the demo pool holds them); new leads may not have been called yet.
 */
function lastContact(r: Random, clock: Clock, type: string, level: string | undefined, createdAt: number) {
  const age = Math.floor((clock.now - createdAt) / day);
  const at = (days: number) => Math.max(createdAt, workTimeAgo(r, clock, days));
  if (type === 'prospect' && age < 21 && r.chance(0.5)) return undefined;
  const droppable = type === 'prospect' || (type === 'direct' && level === 'C');
  if (droppable && age > demoPoolDays + 30 && r.chance(0.08)) {
    return r.chance(0.3) ? undefined : at(r.between(demoPoolDays + 10, Math.min(age, 500)));
  }
  if (age > demoPoolDays + 30 && r.chance(0.02)) {
    // Let slip: up to the pool's days (it takes them when they run out), a little longer where no pool takes them.
    return at(r.between(demoPoolDays - 15, droppable || type === 'direct' ? demoPoolDays + 1 : demoPoolDays + 20));
  }
  return at(r.int(Math.min(rhythm(type, level), age + 1)));
}

const types: Array<[string, number]> = [
  ['direct', 55],
  ['prospect', 25],
  ['dealer', 8],
  ['partner', 8],
  ['competitor', 4],
];
const industries: Array<[string, number]> = [
  ['sanitation', 20],
  ['logistics', 20],
  ['construction', 15],
  ['municipal', 10],
  ['fire', 6],
  ['medical', 6],
  ['petrochemical', 6],
  ['power', 5],
  ['agriculture', 5],
  ['police', 3],
  ['other', 4],
];
const tagPool = ['重点跟进', '老客户', '政府采购', '招标中', '年度框架', '需回访', '新能源', '以旧换新'];
const sources = ['exhibition', 'website', 'phone', 'referral', 'tender', 'advertising', 'visit', 'dealer'];

function customer(r: Random, org: DemoOrg, office: Office, names: Set<string>, clock: Clock): DemoCustomer {
  const now = clock.now;
  const type = r.weighted(types);
  const industry = type === 'dealer' || type === 'competitor' || type === 'partner' ? 'other' : r.weighted(industries);
  const city = r.pick(office.cities);
  let c = company(r, type, industry, city);
  for (let i = 0; names.has(c.name) && i < 20; i++) c = company(r, type, industry, r.pick(office.cities));
  names.add(c.name);
  const staff = org.staff.get(office.code)!;
  const owner = type === 'competitor' || type === 'partner' ? org.director : r.pick(staff);
  const createdAt = now - r.int(3 * 365) * day - r.int(day);
  const level =
    type === 'prospect'
      ? r.weighted([
          ['B', 1],
          ['C', 3],
        ])
      : r.weighted([
          ['VIP', 1],
          ['A', 4],
          ['B', 8],
          ['C', 7],
        ]);
  const contacted = lastContact(r, clock, type, level, createdAt);
  const buying = type === 'direct' || type === 'dealer';
  const domain = c.brand ? `${pinyinKeys(c.brand)?.full}${r.int(90) + 10}.example.com` : undefined;
  const short = coreName(c.name);
  return {
    city,
    owner,
    input: {
      name: c.name,
      shortName: c.brand && [...short].length <= 8 && short !== c.name ? short : undefined,
      type,
      industry: industry === 'other' && type !== 'direct' ? undefined : industry,
      region: { province: city.provinceCode, city: city.cityCode, district: r.pick(city.districts) ?? null },
      attribute: c.attribute,
      category: c.category,
      level,
      source: r.pick(sources),
      address: {
        province: city.provinceCode,
        city: city.cityCode,
        district: r.pick(city.districts) ?? null,
        street: street((x) => r.pick(x), r.between(1, 999)),
      },
      postcode: r.chance(0.6) ? `${city.cityCode.slice(0, 2)}${r.digits(4)}` : undefined,
      phone: r.chance(0.85) ? landline(r, city.areaCode) : undefined,
      fax: r.chance(0.2) ? landline(r, city.areaCode) : undefined,
      website: domain && r.chance(0.4) ? `https://www.${domain}` : undefined,
      email: domain && r.chance(0.5) ? `info@${domain}` : undefined,
      creditCode: r.chance(buying ? 0.95 : 0.5) || type === 'dealer' ? creditCode(r, c.registration, city) : undefined,
      owner: owner.id,
      creditRating: buying
        ? r.weighted([
            ['AAA', 1],
            ['AA', 3],
            ['A', 4],
            ['B', 1],
          ])
        : undefined,
      creditLimit: buying && r.chance(0.7) ? String(r.between(1, 100) * 50_000) : undefined,
      valueRating: buying
        ? r.weighted([
            ['high', 2],
            ['medium', 5],
            ['low', 3],
          ])
        : undefined,
      relationshipLevel: r.weighted([
        ['close', 1],
        ['good', 3],
        ['normal', 4],
        ['new', 2],
      ]),
      tags: r.chance(0.4) ? [...new Set([r.pick(tagPool), r.pick(tagPool)])] : undefined,
      lastContactAt: contacted === undefined ? undefined : new Date(contacted).toISOString(),
      ownerSince: new Date(createdAt).toISOString(),
      inPool: false,
      createdAt: new Date(createdAt).toISOString(),
      createdBy: owner.id,
    },
  };
}

/** Company groups: a parent (集团) in front of a few of the customers, who become its subsidiaries. */
function groups(
  r: Random,
  list: DemoCustomer[],
  clock: Clock,
): Array<{ parent: DemoCustomer; children: DemoCustomer[] }> {
  const out = [];
  const candidates = list.filter((c) => c.input.type === 'direct' && (c.input.attribute as string) !== 'government');
  for (let g = 0; g < 15 && candidates.length >= 4; g++) {
    const children = candidates.splice(r.int(candidates.length - 3), r.between(2, 3));
    const first = children[0];
    const name = `${coreName(first.input.name as string)}集团有限公司`;
    const createdAt = clock.now - 1100 * day;
    const contacted = lastContact(r, clock, 'direct', 'VIP', createdAt);
    const parent: DemoCustomer = {
      ...first,
      input: {
        ...first.input,
        name,
        shortName: undefined,
        level: 'VIP',
        phone: landline(r, first.city.areaCode),
        fax: undefined,
        email: undefined,
        website: undefined,
        creditCode: creditCode(r, '91', first.city),
        lastContactAt: contacted === undefined ? undefined : new Date(contacted).toISOString(),
        ownerSince: new Date(createdAt).toISOString(),
        createdAt: new Date(createdAt).toISOString(),
      },
    };
    out.push({ parent, children });
  }
  return out;
}

/**
 * Demo data for the customers module: the demo company's organisation, about 2,000 customers of every type
 * across its offices' provinces with 1–4 contacts each, company groups, and some near-duplicates to find.
 * Deterministic (seeded); inserted in bulk, each record with its version 1 history entry.
 */
export async function seedCustomerDemo(ctx: Ctx): Promise<void> {
  const r = new Random(20240601);
  const org = await createDemoOrg(ctx, r);
  const clock: Clock = { now: Date.now(), tz: ctx.timezone };
  const now = clock.now;
  const names = new Set<string>();
  const list: DemoCustomer[] = [];
  const dupes = 40;
  for (let i = 0; i < demoCustomerCount - dupes; i++) list.push(customer(r, org, r.pick(org.offices), names, clock));
  const grouped = groups(r, list, clock);
  list.push(...nearDuplicates(r, list, org, dupes));
  const parentIds = await loadRecords(
    ctx,
    'customer',
    grouped.map((g) => g.parent.input),
  );
  grouped.forEach((g, i) => {
    for (const c of g.children) c.input.parent = parentIds[i];
  });
  list.sort((a, b) => String(a.input.createdAt).localeCompare(String(b.input.createdAt)));
  const ids = await loadRecords(
    ctx,
    'customer',
    list.map((c) => c.input),
  );
  const all = [...grouped.map((g) => g.parent), ...list];
  const allIds = [...parentIds, ...ids];
  const contacts = all.flatMap((c, i) => contactsFor(r, c, allIds[i], now));
  // Reporting lines point at the first contact of the same customer, which is inserted first.
  const first = contacts.filter((c) => c.reportsToFirst === undefined);
  const firstIds = await loadRecords(
    ctx,
    'contact',
    first.map((c) => c.input),
  );
  const head = new Map(first.map((c, i) => [c.input.customer as number, firstIds[i]]));
  const rest = contacts.filter((c) => c.reportsToFirst !== undefined);
  for (const c of rest) if (c.reportsToFirst) c.input.reportsTo = head.get(c.input.customer as number);
  await loadRecords(
    ctx,
    'contact',
    rest.map((c) => c.input),
  );
  await seedPoolDemo(ctx);
}
