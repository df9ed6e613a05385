import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { formatDatetime } from '../../engine/format.ts';
import { can, useObject } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { queryRecords } from './team-api.ts';

/** Comments on a work report (TEAM-4): managers write them; the author reads them. */
export function ReportComments({ report, canComment = true }: { report: number; canComment?: boolean }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const qc = useQueryClient();
  const { meta } = useObject('workReportComment');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const key = ['records', 'workReportComment', 'of', report];
  const comments = useQuery({
    queryKey: key,
    enabled: can(meta, 'read'),
    queryFn: () =>
      queryRecords('workReportComment', { filter: { field: 'report', op: 'eq', value: report }, sort: 'createdAt' }),
  });
  const send = async () => {
    setBusy(true);
    try {
      await api.post('/api/objects/workReportComment', { report, content: text.trim() });
      setText('');
      await qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  const rows = comments.data ?? [];
  return (
    <div data-testid="report-comments">
      {rows.length > 0 && (
        <List
          size="small"
          dataSource={rows}
          rowKey="id"
          renderItem={(c) => (
            <List.Item>
              <div>
                <Typography.Text strong>{c.owner?.label}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDatetime(c.createdAt)}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      {canComment && can(meta, 'create') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('team.reports.commentPlaceholder')}
            onPressEnter={() => text.trim() && send()}
            data-testid="comment-input"
          />
          <Button type="primary" disabled={!text.trim()} loading={busy} onClick={send} data-testid="comment-send">
            {t('team.reports.comment')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
