import { addShare, listShares } from '../../engine/access/shares.ts';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { inScope } from '../../engine/records/fetch.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { systemTx } from '../customers/ownership-input.ts';
import { getLiveOrDeleted, refId } from '../customers/record-reads.ts';
import { col, refOf, valueIn, writes } from './links.ts';
import { optionLabel, reportKinds } from './options.ts';
import { mondayOf } from './time.ts';

const contentFields = ['kind', 'period', 'done', 'plan', 'problems', 'owner'];

/** One report per author, kind and period; weekly periods are the week's Monday; submitting stamps the time. */
async function beforeReport(ctx: Ctx, sys: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete') return;
  const c = (f: string) => col(ctx, 'workReport', f);
  const kind = valueIn(e, 'kind') as string;
  let period = valueIn(e, 'period') as string;
  if (kind === 'weekly' && period && mondayOf(period) !== period) {
    period = mondayOf(period);
    e.values[c('period')] = period;
  }
  const status = valueIn(e, 'status');
  if (e.action === 'update' && e.before?.status === 'submitted' && status === 'submitted') {
    if (contentFields.some((f) => writes(e, f))) throw new KehuError('WORK_REPORT_SUBMITTED', {}, undefined, 409);
  }
  if (writes(e, 'status') || e.action === 'create') {
    if (status === 'submitted' && e.before?.status !== 'submitted')
      e.values[c('submittedAt')] = new Date().toISOString();
    if (status !== 'submitted') e.values[c('submittedAt')] = null;
  }
  e.values[c('title')] = `${optionLabel(reportKinds, kind, 'zh-CN')} ${period}`;
  const owner = refOf(e, 'owner') ?? subjectOf(ctx.actor);
  // A report without kind or period is refused by validation; it cannot be anyone's twin.
  if (!kind || !period) return;
  // Integrity, not visibility: the author's other reports count whoever writes (read with `sys`).
  const dup = await records(sys, 'workReport').list({
    filter: {
      and: [
        { field: 'id', op: 'ne', value: e.id ?? 0 },
        { field: 'owner', op: 'eq', value: owner },
        { field: 'kind', op: 'eq', value: kind },
        { field: 'period', op: 'eq', value: period },
      ],
    },
    limit: 1,
  });
  if (dup.data.length) throw validationFailed({ period: 'duplicate' });
}

/** A comment needs a report the commenter can read; the report's author then gets to read the comment. */
async function beforeComment(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete' || !writes(e, 'report')) return;
  const report = refOf(e, 'report');
  if (report !== null && !(await inScope(ctx, ctx.registry.get('workReport'), report, 'read')))
    throw validationFailed({ report: 'notFound' });
}

async function shareComment(ctx: Ctx, sys: Ctx, e: WriteEvent): Promise<void> {
  if (e.action !== 'create' || !e.id) return;
  const report = (e.after?.report as { id: number } | null)?.id;
  if (!report) return;
  // The report's author, whoever may read the report (also one in the recycle bin: the comment was allowed).
  const author = refId((await getLiveOrDeleted(sys, 'workReport', report))?.owner);
  const commenter = (e.after?.owner as { id: number } | null)?.id;
  if (!author || author === commenter) return;
  const shares = await listShares(ctx, 'workReportComment', e.id);
  if (!shares.some((s) => s.user?.id === author))
    await addShare(ctx, 'workReportComment', e.id, { user: author, level: 'read' });
}

export function registerWorkReportHooks(engine: Engine): void {
  engine.registry.hooks.on('workReport', { before: (ctx, e) => beforeReport(ctx, systemTx(engine, ctx), e) });
  engine.registry.hooks.on('workReportComment', {
    before: beforeComment,
    after: (ctx, e) => shareComment(ctx, systemTx(engine, ctx), e),
  });
}
