import { expect } from 'vitest';
import { business, type Rng } from './access-property-schema.ts';
import type { Builder } from './access-property-world.ts';

/** The records of the attack world: linked across owners, then edited, deleted and shared (see world). */

/** Records of the four business objects, linked at random across owners. */
export async function records(b: Builder, r: Rng, owners: number[]) {
  const ids: Record<string, number[]> = { customer: [], contact: [], opportunity: [], pWidget: [] };
  const money = () => String(r.int(20) * 50);
  for (let i = 0; i < 9; i++) {
    const c = await b.create(
      'customer',
      {
        name: b.text('customer', i, 'name', 'N'),
        notes: b.text('customer', i, 'notes', 'S'),
        phone: b.phone('customer', i, 'phone'),
        email: b.email('customer', i, 'email'),
        creditLimit: money(),
        industry: r.chance(0.8) ? r.pick(['fire', 'medical', 'power']) : null,
        parent: ids.customer.length && r.chance(0.5) ? r.pick(ids.customer) : null,
        owner: r.pick(owners),
      },
      b.index('customer'),
    );
    ids.customer.push(c.id);
  }
  // A contact reports to someone at the same customer (declared dependency of reportsTo).
  const customerOf = new Map<number, number>();
  for (let i = 0; i < 10; i++) {
    const customer = r.pick(ids.customer);
    const colleagues = ids.contact.filter((id) => customerOf.get(id) === customer);
    const c = await b.create(
      'contact',
      {
        name: b.text('contact', i, 'name', 'N'),
        notes: b.text('contact', i, 'notes', 'S'),
        title: b.text('contact', i, 'title', 'L'),
        mobile: b.phone('contact', i, 'mobile'),
        email: b.email('contact', i, 'email'),
        customer,
        reportsTo: colleagues.length && r.chance(0.6) ? r.pick(colleagues) : null,
        owner: r.pick(owners),
      },
      b.index('contact'),
    );
    ids.contact.push(c.id);
    customerOf.set(c.id, customer);
  }
  for (let i = 0; i < 7; i++) {
    const customer = r.pick(ids.customer);
    const people = ids.contact.filter((id) => customerOf.get(id) === customer);
    const o = await b.create(
      'opportunity',
      {
        name: b.text('opportunity', i, 'name', 'N'),
        description: b.text('opportunity', i, 'description', 'S'),
        amount: money(),
        customer,
        contact: people.length && r.chance(0.8) ? r.pick(people) : null,
        owner: r.pick(owners),
      },
      b.index('opportunity'),
    );
    ids.opportunity.push(o.id);
  }
  for (let i = 0; i < 8; i++) {
    const w = await b.create(
      'pWidget',
      {
        name: b.text('pWidget', i, 'name', 'N'),
        secretNote: b.text('pWidget', i, 'secretNote', 'S'),
        phone: b.phone('pWidget', i, 'phone'),
        email: b.email('pWidget', i, 'email'),
        amount: money(),
        customer: r.chance(0.8) ? r.pick(ids.customer) : null,
        contact: r.chance(0.6) ? r.pick(ids.contact) : null,
        contacts: r.subset(ids.contact, 3),
        owner: r.pick(owners),
      },
      b.index('pWidget'),
    );
    ids.pWidget.push(w.id);
  }
  return ids;
}

/** Edits (history keeps the old links and values) and deletions (the recycle bin). */
export async function edits(b: Builder, r: Rng, ids: Record<string, number[]>, owners: number[]): Promise<void> {
  for (const [n, id] of ids.contact.entries()) {
    if (!r.chance(0.5)) continue;
    await b.patch('contact', id, { customer: r.pick(ids.customer), notes: b.text('contact', n, 'notes', 'X') }, n);
  }
  for (const [n, id] of ids.customer.entries()) {
    if (!r.chance(0.4)) continue;
    await b.patch(
      'customer',
      id,
      { notes: b.text('customer', n, 'notes', 'X'), phone: b.phone('customer', n, 'phone') },
      n,
    );
  }
  // Changes of one field only: hidden for some, they must leave no trace in those users' history.
  for (const id of ids.customer)
    if (r.chance(0.4)) await b.patch('customer', id, { creditLimit: String(r.int(40) * 25) }, -1);
  for (const id of ids.opportunity)
    if (r.chance(0.4)) await b.patch('opportunity', id, { amount: String(r.int(40) * 25) }, -1);
  for (const [n, id] of ids.pWidget.entries()) {
    if (!r.chance(0.4)) continue;
    await b.patch(
      'pWidget',
      id,
      { contacts: r.subset(ids.contact, 3), secretNote: b.text('pWidget', n, 'secretNote', 'X') },
      n,
    );
  }
  // Leaves nothing points at, deleted: the recycle bin.
  for (const obj of ['customer', 'contact', 'pWidget'] as const) {
    for (let d = 0; d < 2; d++) {
      const i = b.index(obj);
      const rec = await b.create(obj, deletedBody(b, obj, i, ids, r, owners), i);
      expect((await b.admin.delete(`/api/objects/${obj}/${rec.id}`)).status).toBe(200);
    }
  }
}

function deletedBody(b: Builder, obj: string, i: number, ids: Record<string, number[]>, r: Rng, owners: number[]) {
  const body: Record<string, unknown> = { name: b.text(obj, i, 'name', 'N'), owner: r.pick(owners) };
  if (obj !== 'customer') body.customer = r.pick(ids.customer);
  return body;
}

export async function share(b: Builder, r: Rng, ids: Record<string, number[]>, users: number[], depts: number[]) {
  for (let n = 0; n < 12; n++) {
    const obj = r.pick(business);
    const id = r.pick(ids[obj]);
    const to = r.chance(0.7) ? { user: r.pick(users) } : { department: r.pick(depts) };
    const s = await b.admin.post(`/api/objects/${obj}/${id}/shares`, { ...to, level: r.pick(['read', 'edit']) });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
  }
}
