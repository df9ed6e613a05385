// bench/peer/kehu-bench.mjs — a copy of ../shared/peer-bench/kehu-bench.mjs (Kehu vs Directus, the five peer-bench
// operations, interleaved in one run). The one change: Kehu's list asks for the same eight columns as Directus
// (`fields=id,code,name,type,region,owner,createdAt`; region holds province and city), unless KEHU_FIELDS=0.
// Like bench.mjs: 3 s warm-up, c=10 for 15 s (p50/p95/p99, req/s = 2xx/duration),
// then c=1 for 5 s; fresh random id per get, unique values per create.
// Order per op: Kehu, Directus, Kehu, Directus (ROUNDS=2). Load average recorded beside every figure.
// Also samples CPU (utime+stime) and RSS of the server process and of its PostgreSQL during each c=10 run.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const E = process.env;
const require = createRequire((E.KEHU_ROOT || process.cwd()) + '/package.json');
const autocannon = require('autocannon');

const cfg = {
  kehu: E.KEHU_URL || 'http://127.0.0.1:3200',
  kehuUser: E.KEHU_USER || 'admin',
  kehuPassword: E.KEHU_PASSWORD,
  directus: 'http://127.0.0.1:8055',
  token: 'peer-bench-static-admin-token-0123456789',
  connections: Number(E.CONNECTIONS || 10),
  duration: Number(E.DURATION || 15),
  warmup: Number(E.WARMUP || 3),
  c1Duration: Number(E.C1_DURATION || 5),
  rounds: Number(E.ROUNDS || 2),
  only: E.ONLY ? E.ONLY.split(',') : null,
  systems: E.SYSTEMS ? E.SYSTEMS.split(',') : ['kehu', 'directus'],
  out: E.OUT || '/tmp/kehu-bench-results.json',
  log: E.LOG || '/tmp/kehu-bench.log',
  searchTerm: E.SEARCH_TERM || '成都',
  directusTerm: E.DIRECTUS_TERM || '开乐',
  provinceCode: E.PROVINCE || '34',
};
const log = (s) => {
  const line = `[${new Date().toISOString().slice(11, 19)}] ${s}`;
  console.error(line);
  appendFileSync(cfg.log, line + '\n');
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000);
const enc = encodeURIComponent;

// ------------------------------------------------------------------ processes (CPU / RSS sampling)
function listenerPid(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = out.match(/pid=(\d+)/);
  return m ? Number(m[1]) : null;
}
function statOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}
function rssKb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
function descendants(root) {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(d);
    if (st) {
      if (!kids.has(st.ppid)) kids.set(st.ppid, []);
      kids.get(st.ppid).push(Number(d));
    }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop();
    out.push(p);
    for (const c of kids.get(p) || []) stack.push(c);
  }
  return out;
}
function ticksOf(pids) {
  let t = 0;
  for (const p of pids) {
    const s = statOf(p);
    if (s) t += s.ticks;
  }
  return t;
}
const pgPostmaster = (pidfile) => Number(readFileSync(pidfile, 'utf8').split('\n')[0]);
const SYS = {
  kehu: {
    server: () => listenerPid(Number(new URL(cfg.kehu).port || 80)),
    pg: () => pgPostmaster((E.KEHU_DATA_DIR || 'data') + '/postgres/postmaster.pid'),
  },
  directus: {
    server: () => Number(readFileSync('/tmp/pb-directus.pid', 'utf8').trim()),
    pg: () => pgPostmaster('/tmp/pb-pg/postmaster.pid'),
  },
};
function sampler(sys) {
  const serverPid = SYS[sys].server();
  const pgPid = SYS[sys].pg();
  // all threads are in one process for node; PG: postmaster + backends
  const t0 = Date.now();
  const s0 = ticksOf([serverPid]);
  const pg0 = ticksOf(descendants(pgPid));
  const self0 = ticksOf([process.pid]);
  let maxRss = rssKb(serverPid);
  const threads = () => {
    try {
      return readdirSync(`/proc/${serverPid}/task`).length;
    } catch {
      return 0;
    }
  };
  const iv = setInterval(() => {
    maxRss = Math.max(maxRss, rssKb(serverPid));
  }, 250);
  return () => {
    clearInterval(iv);
    const dt = (Date.now() - t0) / 1000;
    return {
      server_pid: serverPid,
      server_cpu_pct: r3(((ticksOf([serverPid]) - s0) / 100 / dt) * 100),
      pg_cpu_pct: r3(((ticksOf(descendants(pgPid)) - pg0) / 100 / dt) * 100),
      loadgen_cpu_pct: r3(((ticksOf([process.pid]) - self0) / 100 / dt) * 100),
      server_rss_max_mb: r3(maxRss / 1024),
      server_rss_end_mb: r3(rssKb(serverPid) / 1024),
      server_threads: threads(),
    };
  };
}

// ------------------------------------------------------------------ Kehu session
let kehuCookie = '';
let csrf = '';
async function kehuLogin() {
  const res = await fetch(`${cfg.kehu}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: cfg.kehuUser, password: cfg.kehuPassword }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`Kehu login ${res.status}: ${JSON.stringify(body)}`);
  const sc = res.headers.getSetCookie().find((c) => c.startsWith('kehu_sid='));
  kehuCookie = sc.split(';')[0];
  csrf = body.data.csrfToken;
  return body.data.user;
}
const kehuHeaders = () => ({ cookie: kehuCookie, 'x-csrf-token': csrf, 'content-type': 'application/json' });
const dHeaders = () => ({ authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json' });

// ------------------------------------------------------------------ id ranges
const PGBIN = '/usr/lib/postgresql/15/bin';
const kehuPgPw = readFileSync((E.KEHU_DATA_DIR || 'data') + '/postgres.password', 'utf8').trim();
function kpsql(sql) {
  return execFileSync(
    `${PGBIN}/psql`,
    [
      '-X',
      '-q',
      '-At',
      '-h',
      '127.0.0.1',
      '-p',
      E.KEHU_PG_PORT || '5488',
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-c',
      sql,
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: kehuPgPw } },
  ).trim();
}
function dpsql(sql, extra = []) {
  return execFileSync(
    `${PGBIN}/psql`,
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '/tmp', '-p', '55432', '-U', 'peer', '-d', 'peer', ...extra],
    { input: sql, encoding: 'utf8' },
  ).trim();
}
function directusCleanup() {
  dpsql(
    `DELETE FROM customers WHERE code LIKE 'PB-%';\nDELETE FROM directus_revisions WHERE collection = 'customers';\nDELETE FROM directus_activity WHERE collection = 'customers';\nVACUUM customers;\nREINDEX INDEX customers_created_at_idx;\n`,
    ['-o', '/dev/null'],
  );
}
const [kMin, kMax] = kpsql('select min(id), max(id) from obj_customer').split('|').map(Number);
const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;

// GB 32100-2015 check character
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(n) {
  const f17 = `91340100${String(n % 1e9).padStart(9, '0')}`;
  let s = 0;
  for (let k = 0; k < 17; k++) s += CC.indexOf(f17[k]) * W[k];
  return f17 + CC[(31 - (s % 31)) % 31];
}
let seq = 0;
const ccBase = 900000000 - (Date.now() % 1e8);
function kehuCustomer() {
  const i = seq++;
  return {
    name: `开乐性能${runTag}${i}专用车辆有限公司`,
    shortName: '开乐',
    type: 'dealer',
    industry: 'logistics',
    region: { province: '34', city: '3401' },
    phone: '+8613800000000',
    email: 'sales@example.com',
    level: 'B',
    creditLimit: '500000.00',
    creditCode: creditCode(ccBase + i),
    source: 'website',
  };
}
// Directus (as in peer-bench/bench.mjs)
let dseq = 0;
const NAMES = [
  '安徽开乐专用车辆有限公司',
  '合肥宏达物流有限公司',
  '芜湖金诚建设工程有限公司',
  '蚌埠瑞丰环卫设备有限公司',
];
function directusCustomer() {
  const i = dseq++;
  return {
    code: `PB-h-${runTag}-${i}`,
    name: NAMES[i % NAMES.length],
    short_name: '开乐',
    type: 'dealer',
    industry: '专用汽车',
    province: '安徽省',
    city: '合肥市',
    phone: '+8613800000000',
    email: 'sales@example.com',
    owner_id: 1 + (i % 200),
    level: 'B',
    credit_limit: '500000.00',
  };
}
let dMin = 1,
  dMax = 1000000;
try {
  [dMin, dMax] = dpsql('SELECT min(id), max(id) FROM customers', ['-At']).split('|').map(Number);
} catch {
  /* directus not up */
}
const KEHU_LIST_FIELDS = 'id,code,name,type,region,owner,createdAt';
const LIST_FIELDS = ['id', 'code', 'name', 'type', 'province', 'city', 'owner_id', 'created_at'];

const kFilter = JSON.stringify({
  and: [
    { field: 'type', op: 'eq', value: 'dealer' },
    { field: 'region', op: 'eq', value: cfg.provinceCode },
  ],
});
export const OPS = {
  list: {
    kehu: () => ({
      method: 'GET',
      path: `/api/objects/customer?filter=${enc(kFilter)}&sort=-createdAt&limit=50${E.KEHU_FIELDS === '0' ? '' : `&fields=${KEHU_LIST_FIELDS}`}`,
    }),
    directus: () => ({
      method: 'GET',
      path: `/items/customers?fields=${LIST_FIELDS.join(',')}&filter[type][_eq]=dealer&filter[province][_eq]=${enc('安徽省')}&sort=-created_at&limit=50`,
    }),
  },
  get: {
    kehu: () => ({
      method: 'GET',
      path: `/api/objects/customer/${kMin + Math.floor(Math.random() * (kMax - kMin + 1))}`,
    }),
    directus: () => ({
      method: 'GET',
      path: `/items/customers/${dMin + Math.floor(Math.random() * (dMax - dMin + 1))}`,
    }),
  },
  search: {
    kehu: () => ({ method: 'GET', path: `/api/objects/customer?q=${enc(cfg.searchTerm)}&limit=20` }),
    directus: () => ({
      method: 'GET',
      path: `/items/customers?fields=${LIST_FIELDS.join(',')}&filter[name][_contains]=${enc(cfg.directusTerm)}&limit=20`,
    }),
  },
  count_by_province: {
    kehu: () => ({ method: 'GET', path: `/api/objects/customer/group?by=region` }),
    directus: () => ({ method: 'GET', path: `/items/customers?aggregate[count]=*&groupBy[]=province` }),
  },
  create: {
    kehu: () => ({ method: 'POST', path: '/api/objects/customer', body: JSON.stringify(kehuCustomer()) }),
    directus: () => ({ method: 'POST', path: '/items/customers', body: JSON.stringify(directusCustomer()) }),
  },
};
const base = { kehu: () => cfg.kehu, directus: () => cfg.directus };
const headers = { kehu: kehuHeaders, directus: dHeaders };

function load(sys, op, connections, duration, record = true) {
  return new Promise((resolve, reject) => {
    const lat = [];
    let non2xx = 0;
    const statuses = {};
    const inst = autocannon(
      {
        url: base[sys](),
        connections,
        duration,
        headers: headers[sys](),
        requests: [{ setupRequest: (req) => Object.assign(req, OPS[op][sys](), { headers: headers[sys]() }) }],
      },
      (err, res) => {
        if (err) return reject(err);
        if (!record) return resolve(null);
        lat.sort((a, b) => a - b);
        resolve({
          connections,
          duration_s: res.duration,
          requests_2xx: lat.length,
          non2xx,
          statuses,
          errors: res.errors,
          timeouts: res.timeouts,
          rps: r3(lat.length / res.duration),
          p50_ms: r3(pct(lat, 50)),
          p95_ms: r3(pct(lat, 95)),
          p99_ms: r3(pct(lat, 99)),
          mean_ms: r3(lat.reduce((a, b) => a + b, 0) / (lat.length || 1)),
          max_ms: r3(lat.at(-1)),
        });
      },
    );
    inst.on('response', (_c, status, _b, ms) => {
      statuses[status] = (statuses[status] || 0) + 1;
      if (status >= 200 && status < 300) lat.push(ms);
      else non2xx++;
    });
  });
}

async function probe(sys, op) {
  const r = OPS[op][sys]();
  const res = await fetch(base[sys]() + r.path, { method: r.method, body: r.body, headers: headers[sys]() });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), sample: text.slice(0, 300) };
}

// ------------------------------------------------------------------ main
const user = await kehuLogin();
log(
  `kehu login ok as ${user?.username ?? user?.name}; kehu ids ${kMin}..${kMax}; directus ids ${dMin}..${dMax}; runTag ${runTag}`,
);
if (cfg.systems.includes('directus')) directusCleanup();
const results = [];
const ops = Object.keys(OPS).filter((o) => !cfg.only || cfg.only.includes(o));
for (const op of ops) {
  for (const sys of cfg.systems) {
    const p = await probe(sys, op);
    log(`${op} ${sys} probe: ${p.status} ${p.bytes} B ${p.sample.slice(0, 160).replace(/\n/g, ' ')}`);
    if (p.status >= 300) throw new Error(`${sys} ${op} answered ${p.status}: ${p.sample}`);
  }
  for (let round = 1; round <= cfg.rounds; round++) {
    for (const sys of cfg.systems) {
      const la0 = loadavg();
      await load(sys, op, cfg.connections, cfg.warmup, false);
      const stop = sampler(sys);
      const c10 = await load(sys, op, cfg.connections, cfg.duration);
      const cpu = stop();
      const la1 = loadavg();
      const c1 = cfg.c1Duration > 0 ? await load(sys, op, 1, cfg.c1Duration) : null;
      const la2 = loadavg();
      const r = { op, sys, round, c10, c1, cpu, loadavg: { before: la0, after_c10: la1, after_c1: la2 } };
      results.push(r);
      log(
        `${op} ${sys} r${round}: c10 p50 ${c10.p50_ms} p95 ${c10.p95_ms} p99 ${c10.p99_ms} rps ${c10.rps} non2xx ${c10.non2xx} | c1 p50 ${c1?.p50_ms} rps ${c1?.rps} | cpu server ${cpu.server_cpu_pct}% pg ${cpu.pg_cpu_pct}% loadgen ${cpu.loadgen_cpu_pct}% rss max ${cpu.server_rss_max_mb} MB thr ${cpu.server_threads} | load ${la0} / ${la1} / ${la2}`,
      );
      writeFileSync(cfg.out, JSON.stringify({ runTag, results }, null, 2));
    }
  }
}
if (cfg.systems.includes('directus')) directusCleanup();
log('done');
