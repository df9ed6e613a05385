import { MergeCellsOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { formatDatetime } from '../../engine/format.ts';
import { useUndoMerge } from './merge-action.tsx';

type Ref = { id: number; label: string | null };

interface MergeEntry {
  id: number;
  at: string;
  actor: Ref | null;
  survivor: Ref;
  merged: Ref[];
  role: 'survivor' | 'merged';
  fields: string[];
  moved: { references: number; links: number; shares: number };
  undoneAt: string | null;
  undoneBy: Ref | null;
}

const name = (r: Ref) => r.label ?? `#${r.id}`;

/** "合并记录" on a customer or contact: the merges it took part in, each undoable until undone (CUS-6). */
export function MergeHistoryAction({ meta, record, refresh }: RecordExtensionProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const undo = useUndoMerge(meta.name);
  const merges = useQuery({
    queryKey: ['merges', meta.name, record.id, record.version],
    queryFn: () => api.get<{ data: MergeEntry[] }>(`/api/objects/${meta.name}/${record.id}/merges`).then((r) => r.data),
  });
  if (!merges.data?.length) return null;
  const ask = (m: MergeEntry) =>
    modal.confirm({
      title: t('customers.merge.undoConfirm'),
      okText: t('customers.merge.undo'),
      onOk: async () => {
        if (await undo(m.id)) {
          await merges.refetch();
          refresh();
        }
      },
    });
  const link = (r: Ref) => <Link to={`/o/${meta.name}/${r.id}`}>{name(r)}</Link>;
  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="merge-history">
        {t('customers.merge.history')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('customers.merge.historyTitle')} size={480}>
        <List
          dataSource={merges.data}
          renderItem={(m) => (
            <List.Item
              data-testid="merge-entry"
              actions={
                m.undoneAt
                  ? []
                  : [
                      <Button key="undo" size="small" onClick={() => ask(m)} data-testid="merge-entry-undo">
                        {t('customers.merge.undo')}
                      </Button>,
                    ]
              }
            >
              <Space orientation="vertical" size={2}>
                <span>
                  {m.role === 'survivor' ? (
                    <>
                      {t('customers.merge.mergedFrom')}
                      {m.merged.map((r, i) => (
                        <span key={r.id}>
                          {i > 0 && '、'}
                          {link(r)}
                        </span>
                      ))}
                    </>
                  ) : (
                    <>
                      {t('customers.merge.mergedInto')}
                      {link(m.survivor)}
                    </>
                  )}
                </span>
                <Typography.Text type="secondary">
                  {m.actor?.label} · {formatDatetime(m.at)} ·{' '}
                  {t('customers.merge.movedSummary', { references: m.moved.references })}
                </Typography.Text>
                {m.undoneAt && <Tag>{t('customers.merge.undoneAt', { at: formatDatetime(m.undoneAt) })}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
