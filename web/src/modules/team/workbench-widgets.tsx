import { AlertOutlined, CalendarOutlined, ClockCircleOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Badge, Card, List, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDatetime } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { recordTitle, useObjects } from '../../engine/metadata.ts';
import { useWorkbench, type WorkbenchSection } from './team-api.ts';

type Item = Record<string, any>;

/** One card of the home page built from workbench sections; nothing at all when none of them is available. */
function SectionsCard(props: {
  sections: string[];
  months?: number;
  icon: ReactNode;
  title: string;
  testId: string;
  more?: ReactNode;
  extra?: ReactNode;
  line(section: WorkbenchSection, item: Item): ReactNode;
}) {
  const { t } = useTranslation();
  const q = useWorkbench(props.sections, props.months);
  const shown = (q.data ?? []).filter((s) => s.available);
  if (!q.isLoading && shown.length === 0) return null;
  const total = shown.reduce((n, s) => n + (s.total ?? s.items.length), 0);
  return (
    <Card
      size="small"
      loading={q.isLoading}
      data-testid={props.testId}
      title={
        <Space>
          {props.icon}
          {props.title}
          <Badge count={total} color={total ? '#1677ff' : '#d9d9d9'} showZero overflowCount={999} />
        </Space>
      }
      extra={
        <Space>
          {props.extra}
          {props.more}
        </Space>
      }
    >
      {shown.every((s) => s.items.length === 0) ? (
        <Typography.Text type="secondary">{t('team.workbench.nothing')}</Typography.Text>
      ) : (
        shown.map((s) =>
          s.items.length ? (
            <div key={s.name}>
              {shown.length > 1 && <Typography.Text type="secondary">{s.title}</Typography.Text>}
              <List
                size="small"
                dataSource={s.items}
                rowKey={(i) => String(i.key ?? i.id)}
                renderItem={(i) => <List.Item>{props.line(s, i)}</List.Item>}
              />
              {(s.total ?? 0) > s.items.length && s.list && (
                <Link to={listUrl(s.list.object, s.list.filter)}>{t('team.workbench.all', { n: s.total })}</Link>
              )}
            </div>
          ) : null,
        )
      )}
    </Card>
  );
}

const when = (v: unknown) => <Typography.Text type="secondary">{formatDatetime(v)}</Typography.Text>;

function taskLine(_s: WorkbenchSection, i: Item) {
  return (
    <Space wrap>
      <Link to={`/o/task/${i.id}`}>{i.title}</Link>
      {i.customer?.label && <Typography.Text type="secondary">{i.customer.label}</Typography.Text>}
      {when(i.dueAt)}
    </Space>
  );
}

/** 今日日程与任务 (TEAM-5). */
export function TodayWidget() {
  const { t } = useTranslation();
  return (
    <SectionsCard
      sections={['todayEvents', 'todayTasks']}
      icon={<CalendarOutlined />}
      title={t('team.workbench.today')}
      testId="workbench-today"
      more={<Link to="/team/calendar">{t('team.calendar.title')}</Link>}
      line={(s, i) =>
        s.name === 'todayEvents' ? (
          <Space wrap>
            <Typography.Text>
              {i.allDay ? t('team.calendar.allDay') : formatDatetime(i.start).slice(11)}
            </Typography.Text>
            <Link to={`/o/event/${i.eventId}`}>{i.title}</Link>
            {i.customer?.label && <Typography.Text type="secondary">{i.customer.label}</Typography.Text>}
          </Space>
        ) : (
          taskLine(s, i)
        )
      }
    />
  );
}

/** 逾期事项 (TEAM-5). */
export function OverdueWidget() {
  const { t } = useTranslation();
  return (
    <SectionsCard
      sections={['overdueTasks']}
      icon={<ClockCircleOutlined />}
      title={t('team.workbench.overdue')}
      testId="workbench-overdue"
      more={<Link to="/team/tasks">{t('team.tasks.title')}</Link>}
      line={taskLine}
    />
  );
}

/** 长期未联系的客户 (TEAM-5): the number of months is the user's choice, kept in this browser. */
export function NoContactWidget() {
  const { t } = useTranslation();
  const [months, setMonths] = useState(() => Number(localStorage.getItem('kehu.workbench.months')) || 3);
  const choose = (m: number) => {
    setMonths(m);
    localStorage.setItem('kehu.workbench.months', String(m));
  };
  return (
    <SectionsCard
      sections={['noContact']}
      months={months}
      icon={<UserSwitchOutlined />}
      title={t('team.workbench.noContact', { n: months })}
      testId="workbench-no-contact"
      extra={
        <Segmented
          size="small"
          value={months}
          onChange={(v) => choose(Number(v))}
          options={[1, 3, 6, 12].map((m) => ({ value: m, label: t('team.workbench.months', { n: m }) }))}
        />
      }
      line={(_s, i) => (
        <Space wrap>
          <Link to={`/o/customer/${i.id}`}>{i.name}</Link>
          <Typography.Text type="secondary">
            {i.lastContactAt
              ? t('team.workbench.lastContact', { at: formatDatetime(i.lastContactAt) })
              : t('team.workbench.never')}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

/** 我的预警 (TEAM-5): alert rules that found records on their last run. */
export function AlertsWidget() {
  const { t } = useTranslation();
  return (
    <SectionsCard
      sections={['alerts']}
      icon={<AlertOutlined />}
      title={t('team.workbench.alerts')}
      testId="workbench-alerts"
      more={<Link to="/team/alerts">{t('team.alerts.title')}</Link>}
      line={(_s, i) => (
        <Space wrap>
          <Link to="/team/alerts">{i.name}</Link>
          <Badge count={i.lastCount} overflowCount={9999} />
          {when(i.lastRunAt)}
        </Space>
      )}
    />
  );
}

/** Sections that other modules fill (payment plans due, receivables): shown once they exist. Approvals waiting have
 * their own card (待我审批, from the approvals part). */
export function MoreWidget() {
  const { t } = useTranslation();
  const objects = useObjects().data ?? [];
  return (
    <SectionsCard
      sections={['paymentPlans', 'receivables']}
      icon={<AlertOutlined />}
      title={t('team.workbench.more')}
      testId="workbench-more"
      line={(s, i) => {
        const meta = objects.find((o) => o.name === s.list?.object);
        const text = meta ? recordTitle(meta, i) : String(i.title ?? i.name ?? `#${i.id}`);
        return meta ? <Link to={`/o/${meta.name}/${i.id}`}>{text}</Link> : <span>{text}</span>;
      }}
    />
  );
}
