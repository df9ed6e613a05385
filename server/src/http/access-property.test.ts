import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { SseClient } from '../../test/sse-client.ts';
import { budget, printStats, runs, verdict } from './access-property-calls.ts';
import { groupKeyArb, measureArb, measureName, sortArb } from './access-property-expect.ts';
import { alertCase, exportCase, searchCase } from './access-property-others.ts';
import { filterArb, pathName } from './access-property-paths.ts';
import { binCase, getCase, groupCase, historyCase, listCase, relatedCase } from './access-property-reads.ts';
import { revealCase, sharesCase } from './access-property-reveal.ts';
import { business, objects, propertySeed, relatedLists, writableRefs } from './access-property-schema.ts';
import { searchQuery } from './access-property-search.ts';
import type { Suite } from './access-property-suite.ts';
import { Truth } from './access-property-truth.ts';
import { buildWorld, type Person, type World } from './access-property-world.ts';
import { importProblems, writeProblems } from './access-property-writes.ts';

/**
 * Issue 12: a property-based attack on every read and write path (SEC-2 row scopes and shares, SEC-3 field
 * rights, SEC-14 masking), against a real PostgreSQL. One seeded world — a department tree, six users with
 * random roles and one with a fixed adversarial role, records of customer, contact, opportunity and a runtime
 * custom object linked through every relation across owners, shared, edited and deleted — and for random
 * users, objects, filters and sorts through 0–3 hops, group keys and measures, searches, exports, history,
 * related lists, the recycle bin, reveals, shares, alerts pushed over SSE and writes with references (create,
 * update, bulk update, import), the answers are compared with a ground truth computed from the role
 * definitions alone. Invariant: nothing of a record the caller cannot read, and no hidden or masked value, is
 * returned or inferable (counts included). Seed and runs: KEHU_PROPERTY_SEED, KEHU_PROPERTY_RUNS(_SCALE);
 * many runs and every problem listed: `npx tsx scripts/access-attack.ts` (see its header).
 */
let k: TestKehu;
let w: World;
let s: Suite;

beforeAll(async () => {
  k = await startKehu();
  w = await buildWorld(k, propertySeed);
  s = { k, t: new Truth(w) };
}, 240_000);
afterAll(async () => {
  printStats();
  await k?.close();
});

const anyone = () => fc.constantFrom(...w.people);
const anyObject = fc.constantFrom(...objects);
/** May `u` do `op` on some records of `obj`, writing `fields`? (to aim the write attacks at open doors) */
const mayWrite = (u: Person, obj: string, op: 'create' | 'update' | 'import', ...fields: string[]) =>
  s.t.scope(u, obj, op) !== 'none' && fields.every((f) => s.t.editable(u, obj, f));
const check = (name: string) => (o: { what: unknown; problems: string[] }) => verdict(name, o.what, o.problems);

describe('SEC-2 SEC-3 SEC-14 property attack on the read paths', () => {
  test(
    'SEC-2 SEC-3 SEC-14 get by id: unreadable records are 404; fields and links show only what the role allows',
    async () => {
      const arb = fc.tuple(anyone(), anyObject, fc.nat(), fc.boolean(), fc.boolean());
      await fc.assert(
        fc.asyncProperty(arb, ([u, obj, n, mine, deleted]) => getCase(s, u, obj, n, mine, deleted).then(check('get'))),
        runs(60),
      );
    },
    budget(60),
  );

  test(
    'SEC-2 SEC-3 SEC-14 lists (GET and POST query, live and deleted) filtered and sorted through 0–3 hops: exactly the readable matches, counted, ordered as if unreadable links were empty',
    async () => {
      const arb = fc.tuple(anyone(), anyObject).chain(([u, base]) =>
        fc.record({
          u: fc.constant(u),
          base: fc.constant(base),
          filter: fc.option(filterArb(s.t, base, u), { freq: 4 }),
          sort: fc.option(sortArb(s.t, base, u), { freq: 2 }),
          limit: fc.constantFrom('3', '500'),
          deleted: fc.constantFrom(false, false, false, true),
          post: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => listCase(s, c).then(check('list'))),
        runs(80),
      );
    },
    budget(80),
  );

  test(
    'SEC-2 SEC-3 SEC-14 group-by keys and measures through 0–3 hops: unreadable links fall in the empty group; counts and totals are those of readable records',
    async () => {
      const arb = fc.tuple(anyone(), anyObject).chain(([u, base]) =>
        fc.record({
          u: fc.constant(u),
          base: fc.constant(base),
          by: fc.uniqueArray(groupKeyArb(s.t, base, u), { minLength: 1, maxLength: 2, selector: pathName }),
          measures: fc.uniqueArray(measureArb(s.t, base, u), { maxLength: 2, selector: measureName }),
          filter: fc.option(filterArb(s.t, base, u), { freq: 2 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => groupCase(s, c).then(check('group'))),
        runs(60),
      );
    },
    budget(60),
  );

  test(
    'SEC-2 SEC-3 related lists, filtered through hops: only readable children of a readable parent, counted as such',
    async () => {
      const arb = fc.tuple(anyone(), fc.constantFrom(...relatedLists)).chain(([u, rel]) =>
        fc.record({
          u: fc.constant(u),
          rel: fc.constant(rel),
          n: fc.nat(),
          mine: fc.boolean(),
          filter: fc.option(filterArb(s.t, rel.child, u), { freq: 2 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => relatedCase(s, c).then(check('related'))),
        runs(40),
      );
    },
    budget(40),
  );

  test(
    'SEC-14 SEC-2 a reveal shows a masked value to whom may read the record, never a hidden one nor the title of an unreadable link',
    async () => {
      const arb = fc.tuple(anyone(), anyObject, fc.nat(), fc.boolean(), fc.nat());
      await fc.assert(
        fc.asyncProperty(arb, ([u, obj, n, mine, f]) => revealCase(s, u, obj, n, mine, f).then(check('reveal'))),
        runs(40),
      );
    },
    budget(40),
  );

  test(
    'SEC-4 SEC-2 the shares of a readable record name only people and departments the caller may read',
    async () => {
      const arb = fc.tuple(anyone(), fc.constantFrom(...business), fc.nat(), fc.boolean());
      await fc.assert(
        fc.asyncProperty(arb, ([u, obj, n, mine]) => sharesCase(s, u, obj, n, mine).then(check('shares'))),
        runs(25),
      );
    },
    budget(25),
  );

  test(
    'SEC-2 SEC-3 the recycle bin holds only deleted records the caller could read',
    async () => {
      const arb = fc.tuple(anyone(), fc.constantFrom(...business));
      await fc.assert(
        fc.asyncProperty(arb, ([u, obj]) => binCase(s, u, obj).then(check('recycle bin'))),
        runs(15),
      );
    },
    budget(15),
  );

  test(
    'SEC-2 SEC-3 SEC-14 history: versions of readable records only, no hidden or masked value, no title of an unreadable link or person, no trace of hidden changes',
    async () => {
      const arb = fc.tuple(anyone(), anyObject, fc.nat(), fc.boolean());
      await fc.assert(
        fc.asyncProperty(arb, ([u, obj, n, mine]) => historyCase(s, u, obj, n, mine).then(check('history'))),
        runs(60),
      );
    },
    budget(60),
  );

  test(
    'SEC-2 SEC-3 SEC-14 global and quick search find only readable records, never through a hidden or masked value or an unreadable related record',
    async () => {
      const arb = fc.record({
        u: anyone(),
        obj: anyObject,
        n: fc.nat(),
        kind: fc.constantFrom<'name' | 'phone'>('name', 'phone'),
        mine: fc.boolean(),
        where: fc.constantFrom('global', 'list', 'list', 'customer'),
      });
      await fc.assert(
        fc.asyncProperty(arb, ({ u, obj, n, kind, mine, where }) => {
          const q = searchQuery(s.t, u, obj, n, kind, mine);
          return searchCase(s, u, q, where === 'global' ? 'global' : where === 'list' ? obj : 'customer').then(
            check('search'),
          );
        }),
        runs(60),
      );
    },
    budget(60),
  );

  test(
    'SEC-2 SEC-3 SEC-14 exports (csv, xlsx): the export scope only, no hidden value, no title of an unreadable link',
    async () => {
      const arb = fc.tuple(anyone(), fc.constantFrom(...business)).chain(([u, base]) =>
        fc.record({
          u: fc.constant(u),
          base: fc.constant(base),
          format: fc.constantFrom<'csv' | 'xlsx'>('csv', 'xlsx'),
          filter: fc.option(filterArb(s.t, base, u), { freq: 2 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => exportCase(s, c).then(check('export'))),
        runs(30),
      );
    },
    budget(30),
  );
});

describe('SEC-2 property attack on alerts pushed over SSE', () => {
  const streams = new Map<number, SseClient>();
  beforeAll(async () => {
    for (const u of w.people) streams.set(u.id, await SseClient.open(u.api, '/api/notifications/stream'));
  });
  afterAll(() => {
    for (const x of streams.values()) x.close();
  });

  test(
    'SEC-2 SEC-3 an alert counts only the records its owner may read, through hops too, and says so live (SSE)',
    async () => {
      const arb = fc.tuple(anyone(), fc.constantFrom(...business)).chain(([u, base]) =>
        fc.record({
          u: fc.constant(u),
          base: fc.constant(base),
          filter: fc.option(filterArb(s.t, base, u), { freq: 3 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => alertCase(s, streams, c).then(check('alert'))),
        runs(25),
      );
    },
    budget(25),
  );
});

describe('SEC-2 SEC-3 property attack on writes with references', () => {
  test(
    'SEC-2 SEC-3 create, update and bulk update refuse a reference to an unreadable record as not found, and never echo its title',
    async () => {
      // Mostly references the caller may set (the answer then depends on the target alone), sometimes any.
      const arb = fc
        .tuple(anyone(), fc.constantFrom<'create' | 'patch' | 'bulk'>('create', 'patch', 'bulk'))
        .chain(([u, mode]) => {
          const open = writableRefs.filter((r) =>
            mayWrite(u, r.object, mode === 'create' ? 'create' : 'update', r.field),
          );
          return fc.record({
            u: fc.constant(u),
            mode: fc.constant(mode),
            spec: open.length
              ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...open) }, fc.constantFrom(...writableRefs))
              : fc.constantFrom(...writableRefs),
            n: fc.nat(),
            mine: fc.boolean(),
            m: fc.nat(),
          });
        });
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const out = await writeProblems(s.t, c);
          return out === null || check('write')(out);
        }),
        runs(60),
      );
    },
    budget(60),
  );

  test(
    'SEC-2 SEC-3 imports resolve references and duplicates only among readable records, by titles the caller may see',
    async () => {
      const importers = w.people.filter((u) => mayWrite(u, 'pWidget', 'import', 'name', 'customer'));
      const arb = fc.record({
        u: importers.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...importers) }, anyone()) : anyone(),
        n: fc.nat(),
        mine: fc.boolean(),
        m: fc.nat(),
        by: fc.constantFrom<'title' | 'id'>('title', 'id'),
        matchOn: fc.constantFrom<'name' | 'phone' | null>(null, 'name', 'phone'),
      });
      await fc.assert(
        fc.asyncProperty(arb, (c) => importProblems(s.t, c).then(check('import'))),
        runs(24),
      );
    },
    budget(24),
  );
});
