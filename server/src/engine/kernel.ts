import type { Locale } from '@kehu/common';
import type { Db } from '../db/pool.ts';
import { Access } from './access/access.ts';
import { AccessCache, announceAccessChange, clearAccessCaches } from './access/access-cache.ts';
import { systemActor } from './access/actor.ts';
import { registerGrantRules } from './access/grant-rules.ts';
import { registerUserHooks } from './access/user-hooks.ts';
import { registerAutomation } from './automation/register.ts';
import type { Actor, Ctx } from './context.ts';
import { EventBus } from './events/bus.ts';
import { LiveChannel } from './events/live.ts';
import { registerFlows } from './flows/register.ts';
import { Jobs } from './jobs/jobs.ts';
import { bindJobs } from './jobs/of-registry.ts';
import { type MailOptions, MailService } from './mail/mail.service.ts';
import { Registry } from './metadata/registry.ts';
import { checkDependencies } from './records/depends.ts';
import { systemObjects } from './system/index.ts';

export interface EngineOptions {
  db: Db;
  timezone?: string;
  dataDir: string;
  /** Exports above this many rows need an approved export request (SEC-14). */
  exportApprovalRows?: number;
  /** Outgoing mail (SMTP); unset url = mail is refused as not configured. */
  mail?: MailOptions;
}

/** One application instance of the engine: metadata, hooks, event bus, and context factories. */
export class Engine {
  readonly registry = new Registry();
  readonly bus: EventBus;
  /** Background and scheduled jobs (pg-boss); started by boot. */
  readonly jobs: Jobs;
  /** Live messages to signed-in users' open pages, across processes (LISTEN/NOTIFY). */
  readonly live = new LiveChannel();
  /** Actors and scope members, cached briefly; cleared whenever users, roles or departments change. */
  readonly accessCache: AccessCache;
  readonly db: Db;
  readonly timezone: string;
  readonly dataDir: string;
  readonly exportApprovalRows: number;
  /** Outgoing mail for every module (group email, notifications), logged in `mailLog`. */
  readonly mail: MailService;

  constructor(opts: EngineOptions) {
    this.db = opts.db;
    this.timezone = opts.timezone ?? 'Asia/Shanghai';
    this.dataDir = opts.dataDir;
    this.exportApprovalRows = opts.exportApprovalRows ?? 1000;
    this.bus = new EventBus(opts.db);
    this.jobs = new Jobs(opts.db, this.timezone);
    this.mail = new MailService(opts.db, this.registry, opts.mail);
    this.accessCache = new AccessCache(opts.db);
    const changed = {
      async after(ctx: Ctx) {
        await announceAccessChange(ctx.db);
        ctx.afterCommit?.push(clearAccessCaches);
      },
    };
    for (const object of ['user', 'role', 'department']) this.registry.hooks.on(object, changed);
    for (const decl of systemObjects) this.registry.register(decl);
    registerGrantRules(this.registry);
    registerUserHooks(this.registry);
    this.registry.hooks.rule(checkDependencies);
    bindJobs(this.registry, this.jobs);
    registerFlows(this.registry, this.jobs, () => this.systemContext());
    registerAutomation(this.bus, this.jobs, () => this.systemContext());
  }

  context(actor: Actor, extra: { locale?: Locale; ip?: string; userAgent?: string } = {}): Ctx {
    return {
      db: this.db,
      registry: this.registry,
      actor,
      access: new Access(
        actor,
        this.db,
        this.accessCache,
        (o) => this.registry.has(o) && !!this.registry.get(o).decl.personal,
      ),
      locale: extra.locale ?? 'zh-CN',
      timezone: this.timezone,
      ip: extra.ip,
      userAgent: extra.userAgent,
      onCommitted: () => this.bus.kick(),
    };
  }

  systemContext(): Ctx {
    return this.context(systemActor);
  }
}
