import { Card, Collapse, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/loading.tsx';
import { can, useObject } from '../../engine/metadata.ts';
import { useRecord } from '../../engine/records.ts';
import { useStageTimes } from './sales-api.ts';
import { NextRequirements, StageChecklist } from './stage-checklist.tsx';
import { StageMove } from './stage-move.tsx';
import { StageChanges, StagePath } from './stage-path.tsx';

/**
 * An opportunity's place in its sales process (SAL-2, SAL-3): the stage path with days per stage, moving to the next
 * or previous stage, the playbook of
 * the current stage, its checklist, what the next stage needs, and the history of moves.
 */
export function StagePanel({ id, vertical }: { id: number; vertical?: boolean }) {
  const { t } = useTranslation();
  const opp = useRecord('opportunity', id);
  const times = useStageTimes(id);
  const stageId = opp.data?.stage?.id as number | undefined;
  const stage = useRecord('salesStage', stageId);
  const { meta } = useObject('opportunityTask');
  const opportunityMeta = useObject('opportunity').meta;
  if (opp.isLoading || times.isLoading) return <Loading />;
  if (!opp.data || !times.data)
    return (
      <Typography.Text type="danger">{(opp.error ?? times.error)?.message ?? t('error.notFound')}</Typography.Text>
    );
  const status = String(opp.data.status ?? 'open');
  const i = times.data.stages.findIndex((s) => s.current);
  const next =
    status !== 'open' || i < 0 ? undefined : i + 1 < times.data.stages.length ? times.data.stages[i + 1].stage : 'won';
  const playbook = stage.data?.playbook as string | undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="stage-panel">
      <StagePath times={times.data} status={status} vertical={vertical} />
      {can(opportunityMeta, 'update') && <StageMove opportunity={opp.data} times={times.data} />}
      <Card size="small" title={t('sales.stage.playbook', { stage: stage.data?.name ?? '' })}>
        {playbook ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="playbook">
            {playbook}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('sales.stage.noPlaybook')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('sales.stage.checklist')}>
        <StageChecklist id={id} stage={stageId ?? null} editable={can(meta, 'update')} />
      </Card>
      <NextRequirements id={id} next={next} />
      {times.data.changes.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'changes',
              label: t('sales.stage.changes', { n: times.data.changes.length }),
              children: <StageChanges times={times.data} />,
            },
          ]}
        />
      )}
    </Space>
  );
}
