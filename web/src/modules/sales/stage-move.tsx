import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import type { Ref, StageTimes } from './sales-api.ts';

/**
 * 「推进到下一阶段」 and 「退回上一阶段」 on an open opportunity (SAL-3). Moving on passes the server's stage gate: a
 * refusal (a required field or task not done) shows the server's translated message here. Moving back is not gated.
 */
export function StageMove({ opportunity, times }: { opportunity: RecordData; times: StageTimes }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<'next' | 'previous'>();
  const [error, setError] = useState<string>();
  const i = times.stages.findIndex((s) => s.current);
  if (opportunity.status !== 'open' || i < 0) return null;
  const previous = i > 0 ? times.stages[i - 1].stage : undefined;
  const next = i + 1 < times.stages.length ? times.stages[i + 1].stage : undefined;
  const move = async (to: Ref, which: 'next' | 'previous') => {
    setBusy(which);
    setError(undefined);
    try {
      await api.patch(`/api/objects/opportunity/${opportunity.id}`, { stage: to.id, version: opportunity.version });
      message.success(t('sales.stage.movedTo', { stage: to.label ?? '' }));
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['records'] }),
        qc.invalidateQueries({ queryKey: ['sales'] }),
      ]);
    } catch (e) {
      apiError(e, { show: setError });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {previous && (
          <Button
            icon={<ArrowLeftOutlined />}
            loading={busy === 'previous'}
            disabled={busy !== undefined}
            onClick={() => void move(previous, 'previous')}
            data-testid="stage-previous"
          >
            {t('sales.stage.previous')}
          </Button>
        )}
        {next && (
          <Button
            type="primary"
            icon={<ArrowRightOutlined />}
            iconPlacement="end"
            loading={busy === 'next'}
            disabled={busy !== undefined}
            onClick={() => void move(next, 'next')}
            data-testid="stage-next"
          >
            {t('sales.stage.next')}
          </Button>
        )}
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          closable={{ onClose: () => setError(undefined) }}
          data-testid="stage-move-error"
        />
      )}
    </Space>
  );
}
