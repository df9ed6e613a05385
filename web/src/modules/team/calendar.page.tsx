import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { labelText } from '@kehu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Space } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { can, fieldOf, useObject } from '../../engine/metadata.ts';
import {
  activityEntry,
  activityOwnerFilter,
  activityWindow,
  type EntrySource,
  eventEntry,
} from './calendar-sources.ts';
import { EntryDialog } from './entry-dialog.tsx';
import { NewEventDialog, type Slot } from './event-dialog.tsx';
import { queryRecords, useCalendar } from './team-api.ts';
import { WhoPicker } from './who-picker.tsx';

const CalendarBoard = lazy(() => import('./calendar-board.tsx'));

/**
 * 日程 (TEAM-1): events (recurring ones expanded) and, optionally, the activities logged, for me, my department,
 * everyone or chosen colleagues — as far as the viewer may read them.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const { me } = useAuth();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const who = params.get('who') ?? 'me';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? (params.get('date') as string) : undefined;
  const [range, setRange] = useState<{ from: string; to: string }>();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [open, setOpen] = useState<EntrySource | null>(null);
  const [withActivities, setWithActivities] = useState(true);
  const { meta: eventMeta } = useObject('event');
  const { meta: activityMeta } = useObject('activity');
  const events = useCalendar(range?.from, range?.to, who);
  const showActivities = withActivities && can(activityMeta, 'read');
  const activities = useQuery({
    queryKey: ['records', 'activity', 'calendar', range?.from, range?.to, who],
    enabled: !!range && showActivities && !!me,
    queryFn: () =>
      queryRecords('activity', {
        filter: activityWindow(range!.from, range!.to, activityOwnerFilter(who, me!.user)),
        sort: 'time',
        limit: 500,
      }),
    placeholderData: (prev) => prev,
  });
  const types = (activityMeta && fieldOf(activityMeta, 'type')?.options) ?? [];
  const entries = useMemo(
    () => [
      ...(events.data ?? []).map(eventEntry),
      ...(showActivities ? (activities.data ?? []) : []).map((a) =>
        activityEntry(a, types, (o) => labelText(o.label, locale)),
      ),
    ],
    [events.data, activities.data, showActivities, types, locale],
  );
  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['records', 'event'] });
    void qc.invalidateQueries({ queryKey: ['records', 'activity'] });
  };
  const newAtNextHour = () => {
    const start = dayjs().add(1, 'hour').startOf('hour');
    setSlot({ start: start.toDate(), end: start.add(1, 'hour').toDate(), allDay: false });
  };
  const error = events.error ?? activities.error;
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.calendar.title')}</h2>
        <Space wrap>
          <WhoPicker
            value={who}
            onChange={(v) => setParams({ who: v, ...(date ? { date } : {}) }, { replace: true })}
          />
          {can(activityMeta, 'read') && (
            <Checkbox checked={withActivities} onChange={(e) => setWithActivities(e.target.checked)}>
              {t('team.calendar.showActivities')}
            </Checkbox>
          )}
          <Link to="/o/event">
            <Button icon={<UnorderedListOutlined />}>{t('team.calendar.list')}</Button>
          </Link>
          {can(eventMeta, 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={newAtNextHour} data-testid="new-event">
              {t('team.calendar.newEvent')}
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 12 }} />}
      <Card size="small">
        <Suspense fallback={<Loading />}>
          <CalendarBoard
            entries={entries}
            mobile={mobile}
            initialDate={date}
            canCreate={can(eventMeta, 'create')}
            onRange={(from, to) => setRange((r) => (r?.from === from && r.to === to ? r : { from, to }))}
            onSelect={setSlot}
            onOpen={setOpen}
            onMoved={reload}
          />
        </Suspense>
      </Card>
      <NewEventDialog
        slot={slot}
        onClose={() => setSlot(null)}
        onSaved={() => {
          setSlot(null);
          reload();
        }}
      />
      <EntryDialog
        source={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          setOpen(null);
          reload();
        }}
      />
    </div>
  );
}
