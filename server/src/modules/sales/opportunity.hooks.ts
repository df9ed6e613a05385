import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { furthestFromHistory } from './furthest.ts';
import { idOf, today } from './meta.ts';
import { cents } from './money.ts';
import { gateError, missingRequirements, stagesPassed } from './stage-gate.ts';
import { defaultProcess, type StageDef, stageById, stagesOf } from './stages.ts';
import { customerFacts } from './trust.ts';
import { WriteState } from './write-state.ts';

/**
 * Sum of the live product lines of an opportunity, or null when it has none. Bookkeeping (the amount follows the
 * lines whoever writes): read as the engine.
 */
export async function linesTotal(ctx: Ctx, opportunityId: number): Promise<string | null> {
  const r = await records(ctx, 'opportunityLine', { internal: true }).aggregate({
    filter: { field: 'opportunity', op: 'eq', value: opportunityId },
    measures: { n: 'count', total: 'sum:amount' },
  });
  return Number(r.totals?.n ?? 0) > 0 ? String(r.totals?.total) : null;
}

/** Process and stage after this write: defaults for new records, a new process starts at its first stage. */
async function resolveStage(w: WriteState): Promise<StageDef | undefined> {
  let processId = w.id('process');
  let stageId = w.id('stage');
  const processChanged = w.written('process') && processId !== w.was('process');
  if (processChanged && !w.written('stage')) stageId = null;
  let stage: StageDef | undefined;
  if (stageId !== null) {
    stage = await stageById(w.ctx, stageId);
    // A stage deleted since does not block editing the opportunity's other fields.
    if (!stage && (w.written('stage') || w.creating)) w.problems.stage = 'notFound';
    else if (!stage) return undefined;
    else if (!w.written('process') || processId === null) processId = stage.process;
    else if (processId !== stage.process) w.problems.stage = 'invalidOption';
  } else {
    processId ??= (await defaultProcess(w.ctx)) ?? null;
    stage = processId === null ? undefined : (await stagesOf(w.ctx, processId))[0];
    if (!stage) w.problems.stage = 'required';
  }
  if (stage && !w.problems.stage) {
    if (processId !== w.was('process')) w.set('process', processId);
    if (stage.id !== w.was('stage')) w.set('stage', stage.id);
  }
  return stage;
}

/** Won means probability 100; lost and abandoned mean 0 and need a reason; reopening clears the close date. */
function applyStatus(w: WriteState, stage: StageDef | undefined, stageChanged: boolean) {
  const status = w.get('status');
  const changed = w.creating ? status !== 'open' : status !== w.was('status');
  if (status === 'won' || status === 'lost' || status === 'abandoned') {
    w.set('probability', status === 'won' ? '100' : '0');
    if (!w.get('closedOn')) w.set('closedOn', today(w.ctx));
    if (status !== 'won' && !w.get('closeReason')) w.problems.closeReason = 'required';
    return;
  }
  if (changed) w.set('closedOn', null);
  if ((stageChanged || changed) && stage && !w.written('probability')) w.set('probability', String(stage.probability));
}

async function checkCustomers(w: WriteState) {
  for (const [field, type] of [
    ['dealer', 'dealer'],
    ['lostTo', 'competitor'],
  ] as const) {
    const id = w.id(field);
    if (w.written(field) && id !== null && (await customerFacts(w.ctx, id)).type !== type)
      w.problems[field] = 'invalidOption';
  }
}

/** The furthest stage order reached (funnel, SAL-2): moving back keeps it; a new process starts over. */
async function keepFurthest(w: WriteState, stage: StageDef, processChanged: boolean) {
  const stored = w.was('furthestStageOrder');
  let base: number | null = null;
  if (!w.creating && !processChanged)
    base =
      stored === null
        ? await furthestFromHistory(w.ctx, {
            id: w.e.id!,
            process: idOf(w.was('process')),
            stage: idOf(w.was('stage')),
          })
        : Number(stored);
  const furthest = Math.max(base ?? stage.sortOrder, stage.sortOrder);
  if (stored === null || furthest !== Number(stored) || w.written('furthestStageOrder'))
    w.set('furthestStageOrder', furthest);
}

/**
 * Rules of an opportunity write (SAL-1, SAL-3): process and stage, probability and status, amounts that follow
 * the lines, and the stage gate — an opportunity cannot move past a stage whose required fields and tasks are not
 * done. As a before-hook it holds for every path: API, bulk edit, import, restore.
 */
export async function beforeOpportunity(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const w = new WriteState(ctx, e, 'opportunity');
  const stage = await resolveStage(w);
  const stageChanged = stage !== undefined && (w.creating || stage.id !== w.was('stage'));
  applyStatus(w, stage, stageChanged);
  if (w.written('amount') && e.id !== undefined) {
    const total = await linesTotal(ctx, e.id);
    // Restoring an old version keeps the amount of today's lines.
    if (total !== null && cents(total) !== cents(w.get('amount')))
      if (e.action === 'restore') w.set('amount', total);
      else w.problems.amount = 'readOnly';
  }
  await checkCustomers(w);
  w.throwProblems();
  if (!stage) return;
  const processChanged = w.id('process') !== w.was('process');
  const winning = w.get('status') === 'won' && (w.creating || w.was('status') !== 'won');
  if (stageChanged || winning) {
    const from = w.creating || processChanged ? null : (w.was('stage') as number | null);
    const passed = stagesPassed(await stagesOf(ctx, stage.process), from, winning ? null : stage.id);
    const missing = await missingRequirements(ctx, e.id, passed, (f) => w.has(f));
    if (missing.length) throw gateError(ctx, missing);
  }
  if (stageChanged) w.set('stageEnteredAt', new Date().toISOString());
  await keepFurthest(w, stage, processChanged);
  const close = w.get('expectedCloseDate') as string | null;
  w.set('warnings', w.get('status') === 'open' && close && close < today(ctx) ? ['closeDatePast'] : []);
}
