import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { FieldDisplay } from '../fields/display.tsx';
import { formatDatetime } from '../format.ts';
import type { ObjectMeta } from '../metadata.ts';
import { can, fieldOf, useLabel } from '../metadata.ts';
import { type HistoryEntry, useHistory } from '../records.ts';
import { useApiError } from '../use-api-error.ts';

const actionColor: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'orange',
  undelete: 'orange',
};

/** Who did what and when: one line per version (the detail page's timeline). */
export function RecordTimeline({ meta, id }: { meta: ObjectMeta; id: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const history = useHistory(meta.name, id);
  if (!history.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={history.data.map((h) => ({
        key: h.version,
        color: actionColor[h.action] ?? 'gray',
        content: (
          <>
            <div>
              <b>{h.actor?.label ?? t('history.system')}</b>{' '}
              {t(`history.action.${h.action}`, { defaultValue: h.action })}
              {h.action === 'update' &&
                `：${Object.keys(h.changes ?? {})
                  .filter((f) => !fieldOf(meta, f)?.internal)
                  .map((f) => label(fieldOf(meta, f)?.label, f))
                  .join('、')}`}
            </div>
            <Typography.Text type="secondary">{formatDatetime(h.at)}</Typography.Text>
          </>
        ),
      }))}
    />
  );
}

/** Every version with its changes (old → new) and a button to restore it (SEC-10). */
export function HistoryTab({ meta, id, current }: { meta: ObjectMeta; id: number; current: number }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const history = useHistory(meta.name, id);
  const restore = (h: HistoryEntry) =>
    modal.confirm({
      title: t('history.restoreConfirm', { version: h.version }),
      content: t('history.restoreHint'),
      onOk: async () => {
        try {
          await api.post(`/api/objects/${meta.name}/${id}/restore`, { version: h.version });
          message.success(t('history.restored', { version: h.version }));
          await qc.invalidateQueries({ queryKey: ['records', meta.name] });
        } catch (e) {
          apiError(e);
        }
      },
    });
  if (history.isLoading) return null;
  return (
    <div data-testid="history">
      {(history.data ?? []).map((h) => (
        <div key={h.version} style={{ marginBottom: 16 }} data-testid="history-version">
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
            <Tag color={actionColor[h.action]}>{t(`history.action.${h.action}`, { defaultValue: h.action })}</Tag>
            <b>{t('history.version', { version: h.version })}</b>
            <span>{h.actor?.label ?? t('history.system')}</span>
            <Typography.Text type="secondary">
              {formatDatetime(h.at)}
              {h.ip ? ` · ${h.ip}` : ''}
            </Typography.Text>
            {h.version !== current && h.action !== 'delete' && can(meta, 'update') && (
              <Button size="small" onClick={() => restore(h)} data-testid={`restore-${h.version}`}>
                {t('history.restore')}
              </Button>
            )}
          </div>
          {Object.keys(h.changes ?? {}).length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={Object.entries(h.changes)
                .filter(([field]) => !fieldOf(meta, field)?.internal)
                .map(([field, [before, after]]) => ({ field, before, after }))}
              columns={[
                {
                  key: 'f',
                  title: t('history.field'),
                  width: 160,
                  render: (_, r) => label(fieldOf(meta, r.field)?.label, r.field),
                },
                {
                  key: 'b',
                  title: t('history.before'),
                  render: (_, r) => <Cell meta={meta} field={r.field} value={r.before} cls="diff-old" />,
                },
                {
                  key: 'a',
                  title: t('history.after'),
                  render: (_, r) => <Cell meta={meta} field={r.field} value={r.after} cls="diff-new" />,
                },
              ]}
            />
          )}
        </div>
      ))}
    </div>
  );
}

function Cell({ meta, field, value, cls }: { meta: ObjectMeta; field: string; value: unknown; cls: string }) {
  const f = fieldOf(meta, field);
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">-</Typography.Text>;
  return <span className={cls}>{f ? <FieldDisplay field={f} value={value} /> : String(value)}</span>;
}
