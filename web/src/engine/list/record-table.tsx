import { Table, type TableColumnType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObjectMeta } from '../metadata.ts';
import { can, fieldOf, recordTitle, useLabel } from '../metadata.ts';
import type { RecordData } from '../records.ts';
import { InlineCell } from './inline-cell.tsx';
import { sortOf } from './view-state.ts';

interface Props {
  meta: ObjectMeta;
  columns: string[];
  rows: RecordData[];
  loading: boolean;
  sort?: string;
  onSort(sort: string | undefined): void;
  hasMore: boolean;
  loadMore(): void;
  selected: number[];
  onSelect(ids: number[]): void;
  onSaved(r: RecordData): void;
}

/** Asks for the next page when it comes into view: the virtual table renders only visible rows. */
function Sentinel({ onVisible }: { onVisible(): void }) {
  useEffect(() => onVisible(), [onVisible]);
  return null;
}

const calc = () => Math.max(320, window.innerHeight - 200);

function useTableHeight() {
  const [h, setH] = useState(calc);
  useEffect(() => {
    const on = () => setH(calc());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/** The desktop list: virtual rows, sortable columns, double-click to edit a cell, row selection for bulk actions. */
export function RecordTable(p: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const height = useTableHeight();
  const title = p.meta.titleField || 'name';
  const editable = can(p.meta, 'update') && !p.meta.readOnly;
  const cols: TableColumnType<RecordData>[] = p.columns.flatMap((name, i) => {
    const f = fieldOf(p.meta, name);
    if (!f) return [];
    const isTitle = name === title || (i === 0 && !fieldOf(p.meta, title));
    return [
      {
        key: name,
        dataIndex: name,
        title: label(f.label, name),
        width: isTitle ? 220 : f.type === 'longText' || f.type === 'address' ? 260 : 160,
        ellipsis: true,
        sorter: f.sortable,
        sortOrder: sortOf(p.sort, name),
        showSorterTooltip: false,
        render: (_: unknown, r: RecordData, index: number) => (
          <>
            {i === 0 && index === p.rows.length - 1 && p.hasMore && <Sentinel onVisible={p.loadMore} />}
            {isTitle ? (
              <Link to={`/o/${p.meta.name}/${r.id}`} data-testid="record-link">
                {recordTitle(p.meta, r)}
              </Link>
            ) : (
              <InlineCell
                object={p.meta.name}
                field={f}
                record={r}
                editable={editable && !f.readOnly}
                onSaved={p.onSaved}
              />
            )}
          </>
        ),
      },
    ];
  });
  const width = cols.reduce((n, c) => n + Number(c.width ?? 160), 48);
  return (
    <Table<RecordData>
      virtual
      rowKey="id"
      size="small"
      columns={cols}
      dataSource={p.rows}
      loading={p.loading}
      pagination={false}
      scroll={{ x: width, y: height }}
      locale={{ emptyText: t('list.empty') }}
      rowSelection={{ selectedRowKeys: p.selected, onChange: (keys) => p.onSelect(keys as number[]), columnWidth: 48 }}
      onChange={(_pg, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        if (!s?.order || !s.columnKey) return p.onSort(undefined);
        p.onSort(`${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}`);
      }}
      data-testid="record-table"
    />
  );
}
