import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { type RelationValue, relationText } from '../../engine/fields/relation-value.ts';
import { formatDatetime } from '../../engine/format.ts';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { type ActivityPage, activitiesPath } from './team-api.ts';

type Ref = RelationValue | null | undefined;

/**
 * The record's activities, newest first (TEAM-2), from the server's timeline route: for a customer also those
 * logged on its contacts and opportunities. Pages on as the user asks.
 */
export default function ActivitiesTab({ meta, record }: RecordExtensionProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { meta: activity } = useObject('activity');
  const q = useInfiniteQuery({
    queryKey: ['records', 'activity', 'timeline', meta.name, record.id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<ActivityPage>(activitiesPath(meta.name, record.id, pageParam)),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('team.activity.none')} />;
  const types = (activity && fieldOf(activity, 'type')?.options) ?? [];
  const name = (v: Ref) => (v ? relationText(v, t, '') : '');
  return (
    <div data-testid="activities-tab">
      <Timeline
        items={rows.map((a) => {
          const type = types.find((o) => o.value === a.type);
          return {
            key: a.id,
            color: type?.color ?? 'gray',
            content: (
              <div data-testid="activity-item">
                <div>
                  <Tag color={type?.color}>{type ? label(type.label) : String(a.type ?? '')}</Tag>
                  <Link to={`/o/activity/${a.id}`}>{String(a.subject ?? '')}</Link>
                </div>
                <Typography.Text type="secondary">
                  {[
                    formatDatetime(a.time),
                    name(a.owner),
                    name(a.contact),
                    meta.name === 'customer' ? '' : name(a.customer),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                {a.content && (
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {a.content}
                  </Typography.Paragraph>
                )}
                {a.nextStep && (
                  <Typography.Text type="secondary">
                    {t('team.activity.next')}: {a.nextStep}
                  </Typography.Text>
                )}
              </div>
            ),
          };
        })}
      />
      {q.hasNextPage && (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} block>
          {t('list.loadMore')}
        </Button>
      )}
    </div>
  );
}
