import type { Filter } from '@kehu/common';
import { validationFailed } from '../errors.ts';
import { parseCron } from '../time-cron.ts';

/** A value in an action: a constant, or a field of the record that triggered the rule (`{ "$field": "owner" }`). */
export type ActionValue = unknown | { $field: string };

export type AutomationAction =
  | { type: 'setFields'; values: Record<string, ActionValue> }
  /** A record of another object (a task, an activity …), e.g. `{ customer: { $field: 'id' } }` links it back. */
  | { type: 'createRecord'; object: string; values: Record<string, ActionValue> }
  /** In-app (and e-mail, as each prefers) to the record's owner or named users; `{field}` in texts is replaced. */
  | { type: 'notify'; to: 'owner' | number[]; title: string; body?: string }
  | { type: 'startApproval'; flow: string }
  | { type: 'webhook'; url: string };

export interface RuleDefinition {
  trigger: { on: 'create' | 'update' | 'delete' } | { on: 'schedule'; cron: string };
  /** For updates: only when this field changed, optionally from and/or to a value. */
  changed?: { field: string; from?: unknown; to?: unknown };
  /** The record must match (the engine's filter language); for schedules, which records the actions run on. */
  condition?: Filter;
  actions: AutomationAction[];
}

const labels = {
  trigger: { 'zh-CN': '触发条件', 'en-US': 'Trigger' },
  changed: { 'zh-CN': '字段变化', 'en-US': 'Field change' },
  condition: { 'zh-CN': '满足条件', 'en-US': 'Condition' },
  actions: { 'zh-CN': '执行动作', 'en-US': 'Actions' },
};

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a rule's definition from the API; every problem is a field error named by its label. */
export function parseRule(input: unknown): RuleDefinition {
  const d = isObj(input) ? input : {};
  const problems: Record<string, 'required' | 'format' | 'invalidOption'> = {};
  let trigger: RuleDefinition['trigger'] | undefined;
  const t = d.trigger;
  if (isObj(t) && ['create', 'update', 'delete'].includes(t.on)) trigger = { on: t.on };
  else if (isObj(t) && t.on === 'schedule' && typeof t.cron === 'string') {
    if (parseCron(t.cron)) trigger = { on: 'schedule', cron: t.cron };
    else problems.trigger = 'format';
  } else problems.trigger = 'required';
  let changed: RuleDefinition['changed'];
  if (d.changed !== undefined && d.changed !== null) {
    if (!isObj(d.changed) || typeof d.changed.field !== 'string' || trigger?.on !== 'update')
      problems.changed = 'format';
    else
      changed = {
        field: d.changed.field,
        ...('from' in d.changed ? { from: d.changed.from } : {}),
        ...('to' in d.changed ? { to: d.changed.to } : {}),
      };
  }
  const condition = d.condition === undefined || d.condition === null ? undefined : (d.condition as Filter);
  if (condition !== undefined && !isObj(condition)) problems.condition = 'format';
  const actions: AutomationAction[] = [];
  const list = Array.isArray(d.actions) ? d.actions : [];
  if (list.length === 0 || list.length > 10) problems.actions = 'required';
  for (const a of list) {
    if (!isObj(a)) problems.actions = 'format';
    else if (a.type === 'setFields' && isObj(a.values)) actions.push({ type: 'setFields', values: a.values });
    else if (a.type === 'createRecord' && typeof a.object === 'string' && isObj(a.values))
      actions.push({ type: 'createRecord', object: a.object, values: a.values });
    else if (
      a.type === 'notify' &&
      typeof a.title === 'string' &&
      a.title.trim() &&
      (a.to === 'owner' || (Array.isArray(a.to) && a.to.length > 0 && a.to.every(Number.isSafeInteger)))
    )
      actions.push({
        type: 'notify',
        to: a.to,
        title: a.title.slice(0, 200),
        ...(typeof a.body === 'string' ? { body: a.body.slice(0, 2000) } : {}),
      });
    else if (a.type === 'startApproval' && typeof a.flow === 'string')
      actions.push({ type: 'startApproval', flow: a.flow });
    else if (
      a.type === 'webhook' &&
      typeof a.url === 'string' &&
      /^https?:\/\/[^\s]+$/.test(a.url) &&
      a.url.length < 2000
    )
      actions.push({ type: 'webhook', url: a.url });
    else problems.actions = 'invalidOption';
  }
  if (Object.keys(problems).length) throw validationFailed(problems, labels);
  return { trigger: trigger!, ...(changed ? { changed } : {}), ...(condition ? { condition } : {}), actions };
}
