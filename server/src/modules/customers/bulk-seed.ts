import { transaction } from '../../engine/context.ts';
import { normalizePhone } from '../../engine/fields/phone.field.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { bulkSession, loadRecords } from '../../engine/records/bulk-load.ts';
import { Random } from '../demo/random.ts';
import { bulkParts, type Parts } from './bulk-seed-parts.ts';
import { creditCodeCheck } from './credit-code.ts';

export const bulkMarker = 'kehu bulk seed';

export interface BulkSeedOptions {
  customers: number;
  contactsPerCustomer?: number;
  log?: (line: string) => void;
}

const batch = 10_000;
const day = 86_400_000;
const roles = ['decisionMaker', 'influencer', 'user', 'purchaser', 'technical', 'other'];
const sources = ['exhibition', 'website', 'phone', 'referral', 'tender', 'advertising', 'visit', 'dealer'];
const levels = ['VIP', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C', 'C'];
const mobilePrefixes = ['38', '39', '50', '51', '58', '86', '88', '89'];

/** A landline of the district's city that the numbering plan knows (some local prefixes are not in use). */
function landline(p: Parts, r: Random, k: number): string | undefined {
  const digits = p.place.local[k] - 1;
  for (let tries = 0; tries < 5; tries++) {
    const n = `+86${p.place.area[k]}${2 + r.int(7)}${String(r.int(10 ** digits)).padStart(digits, '0')}`;
    if (normalizePhone(n)) return n;
  }
  return undefined;
}

/** Customer `i` (a row number unique across runs): a city (or none), a two-character trade name and a trade. */
function customerInput(p: Parts, r: Random, i: number, owner: number, now: number) {
  const k = r.int(p.place.district.length);
  const b = r.pick(p.brand.char) + r.pick(p.brand.char);
  const t = r.int(p.trade.text.length);
  const created = new Date(now - r.int(5 * 365 * day));
  const roll = r.int(100);
  const type =
    roll < 55 ? 'direct' : roll < 80 ? 'prospect' : roll < 88 ? 'dealer' : roll < 96 ? 'partner' : 'competitor';
  const attr = r.int(10);
  const first17 = `91${p.place.city[k].padEnd(6, '0')}${String(i).padStart(9, '0')}`.slice(0, 17);
  return {
    name: (r.chance(0.8) ? p.place.cityName[k] : '') + b + p.trade.text[t],
    shortName: r.chance(0.5) ? b + p.trade.short[t] : undefined,
    type,
    industry: p.trade.industry[t],
    category: p.trade.category[t],
    attribute: attr < 7 ? 'private' : attr < 9 ? 'stateOwned' : 'foreign',
    level: r.pick(levels),
    source: r.pick(sources),
    region: { province: p.place.province[k], city: p.place.city[k], district: p.place.district[k] },
    phone: r.chance(0.85) ? landline(p, r, k) : undefined,
    creditCode: r.chance(0.7) ? first17 + creditCodeCheck(first17) : undefined,
    owner,
    ownerSince: created.toISOString(),
    inPool: false,
    lastContactAt: r.chance(0.7) ? new Date(now - r.int(180 * day)).toISOString() : undefined,
    creditLimit: r.chance(0.6) ? String((r.int(100) + 1) * 50_000) : undefined,
    createdAt: created.toISOString(),
    createdBy: owner,
  };
}

function contactInput(p: Parts, r: Random, customer: number, owner: number, createdAt: string) {
  const { surname, given } = p.person;
  return {
    name: r.pick(surname) + r.pick(given) + (r.chance(2 / 3) ? r.pick(given) : ''),
    customer,
    mobile: `+861${r.pick(mobilePrefixes)}${String(r.int(100_000_000)).padStart(8, '0')}`,
    decisionRole: r.pick(roles),
    birthday: new Date(Date.UTC(1960, 0, 1) + r.int(13_000) * day).toISOString().slice(0, 10),
    owner,
    createdAt,
    createdBy: owner,
  };
}

/**
 * Generated customers for benchmarks (`npm run seed -- --customers 1000000`) through the engine's bulk loader:
 * every value parsed by its field (search shadows, normalised phones, checked credit codes), a version 1 history
 * entry per record, owners spread over the existing users. Each batch commits on its own; for large loads the
 * tables' indexes are rebuilt at the end. A tool for benchmark databases, not for a busy installation.
 */
export async function seedCustomers(
  engine: Engine,
  opts: BulkSeedOptions,
): Promise<{ customers: number; contacts: number }> {
  const log = opts.log ?? (() => undefined);
  const perCustomer = opts.contactsPerCustomer ?? 1;
  const parts = bulkParts();
  const sys = engine.systemContext();
  const users = await records(sys, 'user', { internal: true }).all({
    filter: { field: 'active', op: 'eq', value: true },
  });
  const owners = users.map((u) => Number(u.id));
  if (owners.length === 0) throw new Error('no users to own the customers: start Kehu once first');
  const last = await records(sys, 'customer', { internal: true }).list({
    sort: [{ field: 'id', dir: 'desc' }],
    limit: 1,
  });
  // Row numbers continue after existing data, so that credit codes stay unique across runs.
  const base = Number(last.data[0]?.id ?? 0) + 1;
  const r = new Random(base);
  const now = Date.now();
  let contacts = 0;
  const large = opts.customers >= 50_000;
  await bulkSession(sys, ['customer', 'contact'], { rebuildIndexes: large, log }, async (ctx) => {
    for (let from = 0; from < opts.customers; from += batch) {
      const n = Math.min(batch, opts.customers - from);
      const t = Date.now();
      const inputs = Array.from({ length: n }, (_, j) => customerInput(parts, r, base + from + j, r.pick(owners), now));
      await transaction(ctx, async (tx) => {
        const ids = await loadRecords(tx, 'customer', inputs, { marker: bulkMarker });
        const people = ids.flatMap((id, j) =>
          Array.from({ length: perCustomer }, () => contactInput(parts, r, id, inputs[j].owner, inputs[j].createdAt)),
        );
        if (people.length) await loadRecords(tx, 'contact', people, { marker: bulkMarker });
        contacts += people.length;
      });
      log(
        `  ${(from + n).toLocaleString('en')} customers (${n.toLocaleString('en')} in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
    }
  });
  return { customers: opts.customers, contacts };
}
