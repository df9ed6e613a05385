import { Button, Card, Checkbox, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FieldDisplay } from '../fields/display.tsx';
import type { ObjectMeta } from '../metadata.ts';
import { fieldOf, recordTitle, useLabel } from '../metadata.ts';
import type { RecordData } from '../records.ts';

interface Props {
  meta: ObjectMeta;
  columns: string[];
  rows: RecordData[];
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  selected: number[];
  onSelect(ids: number[]): void;
}

/** Phone-sized lists (MOB-1): one card per record with its title and the next few columns. */
export function RecordCards(p: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const title = p.meta.titleField || 'name';
  const shown = p.columns.filter((c) => c !== title).slice(0, 4);
  if (p.loading) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!p.rows.length) return <Empty description={t('list.empty')} />;
  return (
    <div data-testid="record-cards">
      {p.rows.map((r) => (
        <Card
          key={r.id}
          size="small"
          className="record-card"
          onClick={() => nav(`/o/${p.meta.name}/${r.id}`)}
          title={<span data-testid="record-link">{recordTitle(p.meta, r)}</span>}
          extra={
            <Checkbox
              checked={p.selected.includes(r.id)}
              onClick={(e) => e.stopPropagation()}
              onChange={(e) =>
                p.onSelect(e.target.checked ? [...p.selected, r.id] : p.selected.filter((x) => x !== r.id))
              }
              aria-label={t('list.select')}
            />
          }
        >
          {shown.map((c) => {
            const f = fieldOf(p.meta, c);
            return f ? (
              <div key={c} style={{ display: 'flex', gap: 8, lineHeight: '24px' }}>
                <span style={{ color: '#888', minWidth: 72 }}>{label(f.label)}</span>
                <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  <FieldDisplay field={f} value={r[c]} object={p.meta.name} recordId={r.id} />
                </span>
              </div>
            ) : null;
          })}
        </Card>
      ))}
      {p.hasMore && (
        <Button block loading={p.loadingMore} onClick={p.loadMore}>
          {t('list.loadMore')}
        </Button>
      )}
    </div>
  );
}
