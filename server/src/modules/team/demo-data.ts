import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { listAllRecords } from '../../engine/query/list.ts';
import type { Random } from '../demo/random.ts';
import { addDays, dayStart, localDate } from './time.ts';

type Rec = Record<string, unknown>;
const idOf = (v: unknown) => (v as { id: number } | null)?.id ?? null;

/** Every record of an object matching `filter`, read through the engine as the system. */
export async function listAll(ctx: Ctx, object: string, filter?: Filter): Promise<Rec[]> {
  if (!ctx.registry.has(object)) return [];
  return (await listAllRecords(ctx, ctx.registry.get(object), { filter })) as Rec[];
}

export interface DemoPerson {
  id: number;
  name: string;
  department: number | null;
  manager: number | null;
}

export interface DemoCustomer {
  id: number;
  name: string;
  owner: number;
  address: Rec | null;
  lastContactAt: string | null;
  contacts: Array<{ id: number; name: string }>;
  /** Open opportunities (when the sales module is installed). */
  opportunities: number[];
}

/** The demo company as the customers module left it: its people, their customers and contacts. */
export interface DemoWorld {
  people: DemoPerson[];
  /** People who own customers, with them. */
  sellers: Array<{ person: DemoPerson; customers: DemoCustomer[] }>;
  /** Managers (someone reports to them) → their direct reports. */
  teams: Map<number, DemoPerson[]>;
  byId: Map<number, DemoPerson>;
}

export async function loadWorld(ctx: Ctx): Promise<DemoWorld> {
  const users = await listAll(ctx, 'user', { field: 'active', op: 'eq', value: true });
  const people: DemoPerson[] = users
    .filter((u) => u.username !== 'admin')
    .map((u) => ({ id: Number(u.id), name: String(u.name), department: idOf(u.department), manager: idOf(u.manager) }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const customers = new Map<number, DemoCustomer>();
  for (const c of await listAll(ctx, 'customer')) {
    const owner = idOf(c.owner);
    if (owner === null || !byId.has(owner)) continue;
    customers.set(Number(c.id), {
      id: Number(c.id),
      name: String(c.shortName ?? c.name),
      owner,
      address: (c.address as Rec | null) ?? null,
      lastContactAt: (c.lastContactAt as string | null) ?? null,
      contacts: [],
      opportunities: [],
    });
  }
  for (const x of await listAll(ctx, 'contact')) {
    customers.get(idOf(x.customer) ?? 0)?.contacts.push({ id: Number(x.id), name: String(x.name) });
  }
  const open = ctx.registry.has('opportunity') && ctx.registry.get('opportunity').fields.has('status');
  for (const o of await listAll(ctx, 'opportunity', open ? { field: 'status', op: 'eq', value: 'open' } : undefined)) {
    customers.get(idOf(o.customer) ?? 0)?.opportunities.push(Number(o.id));
  }
  const owned = new Map<number, DemoCustomer[]>();
  for (const c of customers.values()) owned.set(c.owner, [...(owned.get(c.owner) ?? []), c]);
  const teams = new Map<number, DemoPerson[]>();
  for (const p of people) if (p.manager !== null) teams.set(p.manager, [...(teams.get(p.manager) ?? []), p]);
  const sellers = people.filter((p) => owned.has(p.id)).map((person) => ({ person, customers: owned.get(person.id)! }));
  return { people, sellers, teams, byId };
}

/** Calendar days around today in the company's time zone. */
export class DemoClock {
  readonly now = Date.now();
  readonly today: string;

  constructor(readonly tz: string) {
    this.today = localDate(new Date(this.now), tz);
  }

  day(offset: number): string {
    return addDays(this.today, offset);
  }

  isWorkday(date: string): boolean {
    const d = new Date(`${date}T00:00:00Z`).getUTCDay();
    return d !== 0 && d !== 6;
  }

  /** Workdays from `from` to `to` days from today (inclusive). */
  workdays(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = from; i <= to; i++) if (this.isWorkday(this.day(i))) out.push(this.day(i));
    return out;
  }

  /** An instant on `date` at hh:mm local time. */
  at(date: string, minutes: number): string {
    return new Date(dayStart(date, this.tz).getTime() + minutes * 60_000).toISOString();
  }

  /** A working-hours time on `date` (08:30–18:00), on a 5-minute grid. */
  workTime(r: Random, date: string): string {
    return this.at(date, 510 + r.int(114) * 5);
  }
}
