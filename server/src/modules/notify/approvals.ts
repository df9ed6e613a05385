import { notifyAction } from '../../engine/automation/run.ts';
import type { RecordEvent } from '../../engine/events/bus.ts';
import { inbox, inboxCounts } from '../../engine/flows/inbox.ts';
import type { Engine } from '../../engine/kernel.ts';
import { registerNotificationKind, registerNotifyMessages, renderMessage } from './messages.ts';
import { notify } from './notify.service.ts';
import { registerWorkbenchSection } from './workbench.ts';

registerNotificationKind({
  name: 'automation',
  label: { 'zh-CN': '自动化规则', 'en-US': 'Automation rules' },
  channels: ['inApp'],
});

registerNotificationKind({
  name: 'approval',
  label: { 'zh-CN': '审批', 'en-US': 'Approvals' },
  channels: ['inApp', 'email'],
});

/** What each approval event tells whom (WF-4, NOTIF-3). */
const texts: Record<string, [string, string]> = {
  task: ['待你审批：{flow}「{title}」', 'Waiting for your approval: {flow} “{title}”'],
  reminded: ['审批提醒：{flow}「{title}」仍在等你处理', 'Reminder: {flow} “{title}” is still waiting for you'],
  urged: ['催办：{flow}「{title}」', 'Please act on {flow} “{title}”'],
  escalated: ['审批超时转交：{flow}「{title}」', 'Escalated to you: {flow} “{title}”'],
  cc: ['抄送你：{flow}「{title}」', 'For your information: {flow} “{title}”'],
  approved: ['已通过：{flow}「{title}」', 'Approved: {flow} “{title}”'],
  rejected: ['已驳回：{flow}「{title}」', 'Rejected: {flow} “{title}”'],
  returned: ['被退回：{flow}「{title}」', 'Returned: {flow} “{title}”'],
  withdrawn: ['已撤回：{flow}「{title}」', 'Withdrawn: {flow} “{title}”'],
  commented: ['新评论：{flow}「{title}」', 'New comment on {flow} “{title}”'],
};

registerNotifyMessages(
  {
    ...Object.fromEntries(Object.entries(texts).map(([k, [zh]]) => [`notify.flow.${k}`, zh])),
    'notify.flow.body': '{comment}',
    'notify.workbench.approvals': '待我审批',
  },
  {
    ...Object.fromEntries(Object.entries(texts).map(([k, [, en]]) => [`notify.flow.${k}`, en])),
    'notify.flow.body': '{comment}',
    'notify.workbench.approvals': 'Waiting for my approval',
  },
);

/**
 * Approvals and automation rules tell people (NOTIF-3): a new task, a reminder, an urge or escalation to its approver; the outcome to
 * the submitter; copies to CC recipients; in the app and by email as each prefers. The approval engine writes the
 * events; one notification per event and recipient, so a retried event does not notify twice.
 */
export function registerApprovalNotifications(engine: Engine): void {
  engine.bus.subscribe('notify.approvals', async (e: RecordEvent) => {
    if (!e.action.startsWith('flow.')) return;
    const kind = e.action.slice('flow.'.length);
    if (!texts[kind]) return;
    const p = e.payload as { to?: number[]; flow?: string; title?: string; comment?: string | null };
    const to = (p.to ?? []).filter((u) => u !== e.actorId || kind === 'task');
    if (!to.length || e.recordId === null) return;
    await notify(engine.systemContext(), {
      to,
      kind: 'approval',
      title: { key: `notify.flow.${kind}`, params: { flow: p.flow ?? '', title: p.title ?? '' } },
      body: p.comment ? { key: 'notify.flow.body', params: { comment: p.comment } } : undefined,
      link: { object: e.object, id: e.recordId },
      key: `flow:${e.id}`,
    });
  });
  // An automation rule's notify action (WF-6): its texts are the administrator's, already filled in.
  engine.bus.subscribe('notify.automation', async (e: RecordEvent) => {
    if (e.action !== notifyAction || e.recordId === null) return;
    const p = e.payload as { to?: number[]; title?: string; body?: string | null };
    if (!p.to?.length || !p.title) return;
    await notify(engine.systemContext(), {
      to: p.to,
      kind: 'automation',
      title: p.title,
      body: p.body ?? undefined,
      link: { object: e.object, id: e.recordId },
      key: `automation:${e.id}`,
    });
  });
  registerWorkbenchSection(engine, {
    name: 'approvals',
    order: 5,
    title: (ctx) => renderMessage(ctx.locale, { key: 'notify.workbench.approvals' }),
    async load(ctx, p) {
      const page = await inbox(ctx, 'todo', { limit: p.limit });
      const counts = await inboxCounts(ctx);
      return { items: page.items, total: counts.todo };
    },
  });
}
