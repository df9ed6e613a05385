import type { Filter } from '@kehu/common';
import { Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FieldDisplay } from '../fields/display.tsx';
import { type RelationValue, relationText } from '../fields/relation-value.ts';
import { formatCompact, formatMoney, formatNumber } from '../format.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import { fieldOf, recordTitle, useLabel } from '../metadata.ts';
import { type GroupRow, type RecordData, useGroups, useRecordList } from '../records.ts';

const GroupChart = lazy(() => import('../charts/group-chart.tsx'));

interface Props {
  meta: ObjectMeta;
  groupBy: string;
  columns: string[];
  filter?: Filter;
  q?: string;
}

/** Sum every money or number column shown in the list. */
function measuresOf(meta: ObjectMeta, columns: string[]): FieldMeta[] {
  return columns
    .map((c) => fieldOf(meta, c)!)
    .filter((f) => f?.aggregates.includes('sum') && f.name !== 'id' && f.name !== 'version');
}

function keyFilter(field: string, value: unknown): Filter {
  if (value === null || value === undefined) return { field, op: 'isEmpty' };
  const v = typeof value === 'object' && value && 'id' in value ? (value as { id: number }).id : value;
  return { field, op: 'eq', value: v };
}

function GroupRecords({ meta, columns, filter, q }: Omit<Props, 'groupBy'>) {
  const label = useLabel();
  const list = useRecordList(meta.name, { filter, q, sort: '-updatedAt', limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const title = meta.titleField || 'name';
  return (
    <Table<RecordData>
      size="small"
      rowKey="id"
      pagination={false}
      loading={list.isLoading}
      dataSource={rows}
      columns={columns.map((c) => {
        const f = fieldOf(meta, c)!;
        return {
          key: c,
          title: label(f?.label, c),
          render: (_: unknown, r: RecordData) =>
            c === title ? (
              <Link to={`/o/${meta.name}/${r.id}`}>{recordTitle(meta, r)}</Link>
            ) : (
              f && <FieldDisplay field={f} value={r[c]} object={meta.name} recordId={r.id} />
            ),
        };
      })}
    />
  );
}

/** The list grouped by one column with a count and subtotals per group and a grand total (分组后的表格, RPT-2). */
export function GroupTable({ meta, groupBy, columns, filter, q }: Props) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const field = fieldOf(meta, groupBy)!;
  const sums = measuresOf(meta, columns);
  const groups = useGroups(meta.name, [groupBy], ['count', ...sums.map((f) => `sum:${f.name}`)], filter, q);
  const rows = groups.data?.data ?? [];
  const keyText = (r: GroupRow): string => {
    const v = r.key[groupBy];
    if (v === null || v === undefined) return t('group.empty');
    if (typeof v === 'object' && 'label' in (v as object)) return relationText(v as RelationValue, t);
    const o = field?.options?.find((x) => x.value === v);
    return o ? label(o.label) : String(v);
  };
  const fmt = (f: FieldMeta, v: unknown) =>
    f.type === 'money' ? <span title={formatMoney(v)}>{formatCompact(v, i18n.language, '¥')}</span> : formatNumber(v);
  return (
    <>
      {rows.length > 1 && (
        <Suspense fallback={null}>
          <GroupChart
            rows={rows}
            label={keyText}
            measure={sums[0] ? `sum:${sums[0].name}` : undefined}
            measureLabel={sums[0] ? label(sums[0].label) : undefined}
          />
        </Suspense>
      )}
      <Table<GroupRow & { _k: string }>
        size="small"
        data-testid="group-table"
        rowKey="_k"
        loading={groups.isLoading}
        pagination={false}
        dataSource={rows.map((r, i) => ({ ...r, _k: String(i) }))}
        expandable={{
          expandedRowRender: (r) => (
            <GroupRecords
              meta={meta}
              columns={columns}
              q={q}
              filter={
                filter ? { and: [filter, keyFilter(groupBy, r.key[groupBy])] } : keyFilter(groupBy, r.key[groupBy])
              }
            />
          ),
        }}
        columns={[
          {
            key: 'key',
            title: label(field?.label, groupBy),
            render: (_, r) =>
              r.key[groupBy] === null || r.key[groupBy] === undefined ? (
                <Typography.Text type="secondary">{t('group.empty')}</Typography.Text>
              ) : (
                <FieldDisplay field={field} value={r.key[groupBy]} />
              ),
          },
          { key: 'count', title: t('group.count'), dataIndex: 'count', align: 'right' },
          ...sums.map((f) => ({
            key: f.name,
            title: `${label(f.label)} (${t('group.sum')})`,
            align: 'right' as const,
            render: (_: unknown, r: GroupRow) => fmt(f, r[`sum:${f.name}`]),
          })),
        ]}
        summary={() =>
          groups.data ? (
            <Table.Summary.Row className="group-total">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>{t('group.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {String(groups.data.totals.count ?? rows.reduce((n, r) => n + r.count, 0))}
              </Table.Summary.Cell>
              {sums.map((f, i) => (
                <Table.Summary.Cell key={f.name} index={3 + i} align="right">
                  {fmt(f, groups.data!.totals[`sum:${f.name}`])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
