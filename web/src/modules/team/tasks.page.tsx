import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Empty, Input, List, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import { formatDatetime } from '../../engine/format.ts';
import { can, fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { queryRecords } from './team-api.ts';

type Bucket = 'overdue' | 'today' | 'upcoming' | 'done';

/** Which list a task belongs to, seen from now. */
export function bucketOf(task: RecordData, now = dayjs()): Bucket {
  if (task.status === 'done') return 'done';
  if (!task.dueAt) return 'upcoming';
  const due = dayjs(task.dueAt);
  if (due.isBefore(now)) return 'overdue';
  return due.isBefore(now.endOf('day')) ? 'today' : 'upcoming';
}

/** 我的任务 (TEAM-3): overdue, today, upcoming and done today; ticking one completes it (at its version). */
export default function TasksPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { me } = useAuth();
  const qc = useQueryClient();
  const { meta } = useObject('task');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<Dayjs | null>(dayjs().endOf('day').startOf('minute'));
  const [busy, setBusy] = useState<number | 'new'>();
  const mine = { field: 'owner', op: 'eq', value: me?.user.id } as const;
  const tasks = useQuery({
    queryKey: ['records', 'task', 'mine', me?.user.id],
    enabled: !!me,
    queryFn: async () => [
      ...(await queryRecords('task', {
        filter: { and: [mine, { field: 'status', op: 'in', value: ['todo', 'doing'] }] },
        sort: 'dueAt',
        limit: 500,
      })),
      ...(await queryRecords('task', {
        filter: { and: [mine, { field: 'completedAt', op: 'within', value: 'today' }] },
        sort: '-completedAt',
      })),
    ],
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['records', 'task'] });
  const act = async (key: number | 'new', fn: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await fn();
      await reload();
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const tick = (task: RecordData, done: boolean) =>
    act(task.id, () =>
      api.patch(`/api/objects/task/${task.id}`, { status: done ? 'done' : 'todo', version: task.version }),
    );
  const add = () =>
    act('new', async () => {
      await api.post('/api/objects/task', { title: title.trim(), ...(due ? { dueAt: due.toISOString() } : {}) });
      setTitle('');
    });
  const priorities = (meta && fieldOf(meta, 'priority')?.options) ?? [];
  const groups: Bucket[] = ['overdue', 'today', 'upcoming', 'done'];
  const rows = tasks.data ?? [];
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.tasks.title')}</h2>
        <Link to="/o/task">
          <Button icon={<UnorderedListOutlined />}>{t('team.tasks.all')}</Button>
        </Link>
      </div>
      {can(meta, 'create') && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onPressEnter={() => title.trim() && add()}
            placeholder={t('team.tasks.newPlaceholder')}
            maxLength={200}
            data-testid="task-title"
          />
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="MM-DD HH:mm"
            value={due}
            onChange={setDue}
            style={{ width: 136, flex: 'none' }}
            aria-label={t('team.tasks.due')}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!title.trim()}
            loading={busy === 'new'}
            onClick={add}
          >
            {t('team.tasks.add')}
          </Button>
        </Space.Compact>
      )}
      {tasks.error && <Alert type="error" showIcon title={(tasks.error as Error).message} />}
      {tasks.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty description={t('team.tasks.none')} />
      ) : (
        groups.map((g) => {
          const list = rows.filter((r) => bucketOf(r) === g);
          if (list.length === 0) return null;
          return (
            <Card
              key={g}
              size="small"
              title={`${t(`team.tasks.${g}`)} (${list.length})`}
              style={{ marginBottom: 12 }}
              data-testid={`tasks-${g}`}
            >
              <List
                size="small"
                dataSource={list}
                rowKey="id"
                renderItem={(task) => {
                  const p = priorities.find((o) => o.value === task.priority);
                  return (
                    <List.Item>
                      <Space align="start">
                        <Checkbox
                          checked={task.status === 'done'}
                          disabled={busy === task.id}
                          onChange={(e) => tick(task, e.target.checked)}
                          aria-label={t('team.tasks.complete')}
                          data-testid="task-tick"
                        />
                        <div>
                          <Link
                            to={`/o/task/${task.id}`}
                            style={task.status === 'done' ? { textDecoration: 'line-through' } : {}}
                          >
                            {task.title}
                          </Link>{' '}
                          {p && p.value !== 'normal' && <Tag color={p.color}>{label(p.label)}</Tag>}
                          <div>
                            <Typography.Text type={g === 'overdue' ? 'danger' : 'secondary'}>
                              {[formatDatetime(task.dueAt), task.customer?.label].filter(Boolean).join(' · ')}
                            </Typography.Text>
                          </div>
                        </div>
                      </Space>
                    </List.Item>
                  );
                }}
              />
            </Card>
          );
        })
      )}
    </div>
  );
}
