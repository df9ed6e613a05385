import { sql } from 'kysely';
import { Access } from '../access/access.ts';
import { loadActor } from '../access/actor.ts';
import { type Ctx, subjectOf, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { records } from '../query/builder.ts';
import { authorizeExisting } from '../records/authorize.ts';
import { userNames } from './approvers.ts';
import { holds, loadSubmitter, type Submitter } from './conditions.ts';
import { addEvent, lockInstance, openInstanceOf } from './instance.ts';
import { buildPlan, type PlanStep, planUsers, stepsOf } from './plan.ts';
import { advance, setRecordState } from './runtime.ts';
import { type PublishedFlow, publishedFlows } from './store.ts';

export interface SubmitInput {
  object: string;
  recordId: number;
  /** Which flow, when the object has several that apply. */
  flow?: string;
  /** 自选 steps: node id → user ids. */
  chosen?: Record<string, number[]>;
  comment?: string;
}

function parseChosen(v: unknown): Record<string, number[]> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new KehuError('BAD_REQUEST', { detail: 'chosen' });
  const out: Record<string, number[]> = {};
  for (const [k, ids] of Object.entries(v)) {
    if (!Array.isArray(ids) || !ids.every((i) => Number.isSafeInteger(i) && i > 0))
      throw new KehuError('BAD_REQUEST', { detail: 'chosen' });
    out[k] = [...new Set(ids as number[])];
  }
  return out;
}

/** The flows of the object that this submitter and record may start, first the one to use. */
async function applicable(ctx: Ctx, object: string, recordId: number, who: Submitter): Promise<PublishedFlow[]> {
  const out: PublishedFlow[] = [];
  for (const f of await publishedFlows(ctx, object))
    if (!f.tree.appliesWhen || (await holds(ctx, object, recordId, f.tree.appliesWhen, who))) out.push(f);
  return out;
}

async function pick(ctx: Ctx, input: SubmitInput, who: Submitter) {
  const flows = await applicable(ctx, input.object, input.recordId, who);
  const flow = input.flow ? flows.find((f) => f.key === input.flow) : flows[0];
  if (!flow) throw new KehuError('FLOW_NONE', {}, undefined, 409);
  return { flow, flows };
}

/** The approve steps whose approvers the submitter must still choose (自选 with nobody chosen). */
const unchosen = (plan: PlanStep[]) =>
  [...stepsOf(plan)].filter((s) => s.kind === 'approve' && s.chosen && s.approvers.length === 0);

/** Whoever submits must be able to change the record (the claimant, the owner, their manager). */
async function mayChange(ctx: Ctx, object: string, recordId: number): Promise<void> {
  await authorizeExisting(ctx, ctx.registry.get(object), recordId, 'update');
}

/** The predicted path before submitting (WF-2 §3): who approves in which order, and the 自选 steps to fill. */
export async function previewSubmit(ctx: Ctx, input: SubmitInput) {
  await mayChange(ctx, input.object, input.recordId);
  const who = await loadSubmitter(ctx, subjectOf(ctx.actor));
  const { flow, flows } = await pick(ctx, input, who);
  const chosen = parseChosen(input.chosen);
  const plan = await buildPlan(ctx, flow.tree, {
    object: input.object,
    recordId: input.recordId,
    submitter: who,
    chosen,
  });
  return {
    flow: { key: flow.key, name: flow.name },
    flows: flows.map((f) => ({ key: f.key, name: f.name })),
    plan,
    people: await userNames(ctx, planUsers(plan)),
    choose: unchosen(plan).map((s) => ({
      nodeId: s.nodeId,
      name: s.name,
      multiple: s.kind === 'approve' && !!s.chosen?.multiple,
    })),
    open: await openInstanceOf(ctx, input.object, input.recordId),
  };
}

/**
 * Submit a record for approval (提交审批): the route is fixed now (conditions on the record as it is, approvers
 * resolved), the record locks, and the first steps' approvers get their tasks — one transaction. A record the
 * flow returned to its submitter is resubmitted the same way (a new round on the same instance).
 */
export async function submitForApproval(ctx: Ctx, input: SubmitInput, opts: { auto?: boolean } = {}) {
  return transaction(ctx, async (tx) => {
    if (!opts.auto) await mayChange(tx, input.object, input.recordId);
    const me = subjectOf(tx.actor);
    const who = await loadSubmitter(tx, me);
    const chosen = parseChosen(input.chosen);
    const open = await openInstanceOf(tx, input.object, input.recordId);
    if (open && (open.state === 'running' || open.submitter !== me))
      throw new KehuError('FLOW_RUNNING', { flow: open.flow }, undefined, 409);
    const title = await titleOf(tx, input.object, input.recordId);
    let inst: Awaited<ReturnType<typeof lockInstance>>;
    if (open) {
      inst = await lockInstance(tx, open.id);
      inst.round += 1;
      inst.done = new Set();
      inst.chosen = { ...inst.chosen, ...chosen };
      inst.title = title;
      inst.plan = await buildPlan(tx, inst.tree, { ...input, submitter: who, chosen: inst.chosen });
    } else {
      const { flow } = await pick(tx, input, who);
      const plan = await buildPlan(tx, flow.tree, { ...input, submitter: who, chosen });
      const r = await sql<{ id: string }>`insert into sys_flow_instance
          (flow_version_id, object, record_id, title, submitter, state, plan, chosen)
        values (${flow.versionId}, ${input.object}, ${input.recordId}, ${title}, ${me}, 'running',
          ${JSON.stringify(plan)}, ${JSON.stringify(chosen)})
        on conflict do nothing returning id`.execute(tx.db);
      if (!r.rows[0]) throw new KehuError('FLOW_RUNNING', { flow: flow.name }, undefined, 409);
      inst = await lockInstance(tx, Number(r.rows[0].id));
    }
    const missing = unchosen(inst.plan);
    if (missing.length) throw new KehuError('FLOW_CHOICE_REQUIRED', { step: missing[0].name }, undefined, 400);
    inst.state = 'running';
    await addEvent(tx, inst, {
      action: inst.round > 1 ? 'resubmitted' : 'submitted',
      actor: tx.actor.userId,
      onBehalfOf: tx.actor.onBehalfOf ?? null,
      comment: typeof input.comment === 'string' ? input.comment.slice(0, 2000) : null,
      detail: opts.auto ? { auto: true } : {},
    });
    await setRecordState(tx, inst, 'running');
    await advance(tx, inst);
    return { id: inst.id, state: inst.state };
  });
}

async function titleOf(ctx: Ctx, object: string, recordId: number): Promise<string | null> {
  const r = records(ctx, object, { internal: true });
  const row = await r.get(recordId);
  const t = row[r.object.titleField];
  return t === null || t === undefined
    ? null
    : String(typeof t === 'object' ? ((t as { label?: unknown }).label ?? '') : t).slice(0, 200);
}

/** Automatic start (WF-2 §2): after a saved record, each published flow whose trigger condition now holds. */
export async function startAutomatic(ctx: Ctx, object: string, recordId: number, action: 'create' | 'update') {
  const flows = await publishedFlows(ctx, object);
  const auto = flows.filter((f) => f.tree.trigger?.auto?.on.includes(action));
  if (auto.length === 0) return;
  if (await openInstanceOf(ctx, object, recordId)) return;
  const who = await loadSubmitter(ctx, subjectOf(ctx.actor));
  for (const f of auto) {
    if (!(await holds(ctx, object, recordId, f.tree.trigger!.auto!.when, who))) continue;
    await submitForApproval(ctx, { object, recordId, flow: f.key }, { auto: true });
    return;
  }
}

/**
 * Submit as `userId` inside the caller's transaction, without the submitter's rights check: for seeding and bulk
 * work done by the engine on people's behalf (demo data), never for a request.
 */
export async function submitAs(ctx: Ctx, userId: number, input: SubmitInput) {
  const actor = await loadActor(ctx.db, userId);
  if (!actor) throw new KehuError('NOT_FOUND');
  return submitForApproval({ ...ctx, actor, access: new Access(actor, ctx.db) }, input, { auto: true });
}
