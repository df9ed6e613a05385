import { Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDatetime } from '../../engine/format.ts';
import type { StageTimes } from './sales-api.ts';

const days = (n: number) => (Math.round(n * 10) / 10).toString();

/** The stages of the opportunity's process with the days spent in each (SAL-2); closed ones end in their status. */
export function StagePath({ times, status, vertical }: { times: StageTimes; status: string; vertical?: boolean }) {
  const { t } = useTranslation();
  const current = times.stages.findIndex((s) => s.current);
  const state = (i: number) => {
    if (status === 'won' || i < current) return 'finish' as const;
    if (i === current) return status === 'open' ? ('process' as const) : ('error' as const);
    return 'wait' as const;
  };
  return (
    <Steps
      data-testid="stage-path"
      size="small"
      orientation={vertical ? 'vertical' : 'horizontal'}
      current={current < 0 ? 0 : current}
      responsive
      items={times.stages.map((s, i) => ({
        title: s.stage.label,
        status: state(i),
        content:
          s.visits > 0 || s.current ? (
            <span className="num" data-testid="stage-days">
              {t('sales.stage.days', { n: days(s.days) })}
            </span>
          ) : undefined,
      }))}
    />
  );
}

/** Every stage and status change, newest first: when, from where to where, days spent in the stage left. */
export function StageChanges({ times }: { times: StageTimes }) {
  const { t } = useTranslation();
  const status = (s: string | null) => (s ? t(`sales.status.${s}`) : '');
  const items = [...times.changes].reverse().map((c) => {
    const stageMove =
      c.fromStage?.id !== c.toStage?.id
        ? `${c.fromStage?.label ?? t('sales.stage.start')} → ${c.toStage?.label ?? ''}`
        : (c.toStage?.label ?? '');
    const statusMove = c.fromStatus !== c.toStatus ? ` · ${status(c.fromStatus)} → ${status(c.toStatus)}` : '';
    return {
      key: c.id,
      content: (
        <>
          <div>{`${stageMove}${statusMove}`}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDatetime(c.changedAt)}
            {c.daysInFromStage !== null && ` · ${t('sales.stage.stayed', { n: days(c.daysInFromStage) })}`}
          </Typography.Text>
        </>
      ),
    };
  });
  return <Timeline items={items} />;
}
