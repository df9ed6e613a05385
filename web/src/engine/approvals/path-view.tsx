import { Avatar, Space, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDatetime } from '../format.ts';
import type { InstanceState, TaskInfo } from './approvals-api.ts';
import type { PlanStep } from './flow-types.ts';
import { TaskStateTag, useModeText } from './state-tag.tsx';
// The path also shows outside the approval pages (提交审批 on a record page): its styles come with it.
import './approvals.css';

export interface PathViewProps {
  plan: PlanStep[];
  /** Names by user id. */
  people: Record<string, string>;
  submitter?: string;
  /** An instance's path: the tasks of its current round, its finished steps and state. */
  tasks?: TaskInfo[];
  done?: string[];
  state?: InstanceState;
}

type Status = 'wait' | 'process' | 'finish' | 'error';

/** A person as a small avatar with the name (the first character, as Chinese apps draw them). */
export function Person({ name, extra }: { name: string; extra?: ReactNode }) {
  return (
    <Space size={6} className="approval-person" wrap>
      <Avatar size={28} style={{ background: '#1677ff', fontSize: 11, flex: 'none' }}>
        {/[\u4e00-\u9fa5]/.test(name) ? name.slice(-2) : name.slice(0, 1).toUpperCase()}
      </Avatar>
      <span>{name}</span>
      {extra}
    </Space>
  );
}

function TaskLine({ task }: { task: TaskInfo }) {
  const { t } = useTranslation();
  return (
    <div className="approval-task" data-testid="path-task">
      <Person
        name={task.assignee.label}
        extra={
          <>
            {task.onBehalfOf && (
              <Typography.Text type="secondary">
                {t('approvals.path.onBehalf', { name: task.onBehalfOf.label })}
              </Typography.Text>
            )}
            {task.added && <Tag variant="filled">{t('approvals.path.added')}</Tag>}
            <TaskStateTag state={task.state} />
            {task.actedAt && <Typography.Text type="secondary">{formatDatetime(task.actedAt)}</Typography.Text>}
          </>
        }
      />
      {task.comment && <div className="approval-comment">{task.comment}</div>}
    </div>
  );
}

/**
 * An approval path drawn top to bottom as DingTalk shows it: 发起人, each step with its mode and people (with their
 * decisions on an instance), parallel branches side by side, 结束. The same view is the predicted path before
 * submitting, the designer's preview and an instance's progress.
 */
export function PathView(p: PathViewProps) {
  const { t } = useTranslation();
  const done = new Set(p.done ?? []);
  const ended = p.state && p.state !== 'running' && p.state !== 'returned';
  return (
    <Steps
      orientation="vertical"
      size="small"
      className="approval-path"
      data-testid="approval-path"
      items={[
        ...(p.submitter !== undefined
          ? [
              {
                title: t('approvals.path.submitter'),
                status: 'finish' as Status,
                content: <Person name={p.submitter} />,
              },
            ]
          : []),
        ...p.plan.map((s) => stepItem(s, p, done)),
        {
          title: t('approvals.path.end'),
          status: (p.state === 'approved'
            ? 'finish'
            : p.state === 'rejected'
              ? 'error'
              : ended
                ? 'finish'
                : 'wait') as Status,
        },
      ]}
    />
  );
}

/** Where a step stands: finished, someone's turn, rejected, or still to come (a parallel step: its branches). */
function statusOf(s: PlanStep, tasks: TaskInfo[], done: Set<string>): Status {
  if (s.kind === 'parallel') {
    const inner = s.branches.flatMap((b) => b.steps.map((x) => statusOf(x, tasks, done)));
    if (inner.includes('error')) return 'error';
    if (inner.every((x) => x === 'finish')) return 'finish';
    return inner.some((x) => x !== 'wait') ? 'process' : 'wait';
  }
  if (done.has(s.nodeId)) return 'finish';
  const own = tasks.filter((x) => x.nodeId === s.nodeId);
  if (own.some((x) => x.state === 'rejected')) return 'error';
  return own.some((x) => x.state === 'pending') ? 'process' : 'wait';
}

function stepItem(s: PlanStep, p: PathViewProps, done: Set<string>) {
  const tasks = (p.tasks ?? []).filter((x) => x.nodeId === s.nodeId);
  const status = statusOf(s, p.tasks ?? [], done);
  return {
    key: s.nodeId,
    status,
    title: <StepTitle step={s} />,
    content: <StepBody step={s} tasks={tasks} p={p} done={done} />,
  };
}

function StepTitle({ step }: { step: PlanStep }) {
  const { t } = useTranslation();
  const mode = useModeText();
  return (
    <Space size={6} wrap data-testid="path-step">
      <span>{step.name}</span>
      {/* How several approvers decide; for one person there is nothing to say. */}
      {step.kind === 'approve' && (step.approvers.length > 1 || step.mode === 'share') && (
        <Tag color="blue" variant="filled">
          {mode(step.mode, step.sharePercent)}
        </Tag>
      )}
      {step.kind === 'cc' && <Tag variant="filled">{t('approvals.path.cc')}</Tag>}
      {step.kind === 'parallel' && <Tag variant="filled">{t('approvals.path.parallel')}</Tag>}
    </Space>
  );
}

function StepBody({
  step,
  tasks,
  p,
  done,
}: {
  step: PlanStep;
  tasks: TaskInfo[];
  p: PathViewProps;
  done: Set<string>;
}) {
  const { t } = useTranslation();
  const name = (id: number) => p.people[id] ?? `#${id}`;
  if (step.kind === 'parallel')
    return (
      <div className="approval-parallel">
        {step.branches.map((b) => (
          <div key={b.name} className="approval-parallel-branch">
            <Typography.Text type="secondary">{b.name}</Typography.Text>
            <Steps orientation="vertical" size="small" items={b.steps.map((s) => stepItem(s, p, done))} />
          </div>
        ))}
      </div>
    );
  const via = step.via ? (
    <div>
      <Typography.Text type="secondary">{step.via}</Typography.Text>
    </div>
  ) : null;
  if (step.kind === 'cc')
    return (
      <div>
        {via}
        <Space wrap>
          {step.users.map((u) => (
            <Person key={u} name={name(u)} />
          ))}
        </Space>
      </div>
    );
  const shown = tasks.filter((x) => x.kind === 'approve' && x.state !== 'cancelled');
  return (
    <div>
      {via}
      {shown.length > 0 ? (
        shown.map((task) => <TaskLine key={task.id} task={task} />)
      ) : step.approvers.length > 0 ? (
        <Space wrap>
          {step.approvers.map((u) => (
            <Person key={u} name={name(u)} />
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">
          {step.chosen ? t('approvals.path.chosen') : t(`approvals.path.onEmpty.${step.onEmpty}`)}
        </Typography.Text>
      )}
      {step.timeout && (
        <div>
          <Typography.Text type="secondary">
            {t('approvals.path.timeout', {
              hours: step.timeout.hours,
              action: t(`approvals.timeoutAction.${step.timeout.action}`),
            })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
