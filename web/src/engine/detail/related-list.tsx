import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../api.ts';
import { FieldDisplay } from '../fields/display.tsx';
import type { FieldMeta } from '../metadata.ts';
import { defaultColumns, fieldOf, naturalSort, recordTitle, useLabel, useObject } from '../metadata.ts';
import type { RecordData } from '../records.ts';

/**
 * A one-to-many field's records (a customer's contacts), through the server's related-list route, in the related
 * object's natural order when it has one. 「新建」 opens the related object's form with this record filled in as its
 * parent and comes back here (`returnTo`) after saving.
 */
export function RelatedList({
  object,
  id,
  field,
  returnTo,
}: {
  object: string;
  id: number;
  field: FieldMeta;
  returnTo: string;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const { meta } = useObject(field.object);
  const sort = naturalSort(meta);
  const q = useQuery({
    queryKey: ['records', field.object, 'related', object, id, field.name, sort],
    enabled: !!meta,
    queryFn: () =>
      api.get<{ data: RecordData[] }>(`/api/objects/${object}/${id}/related/${field.name}${qs({ limit: 100, sort })}`),
  });
  if (!meta) return null;
  const cols = defaultColumns(meta)
    .filter((c) => c !== field.field)
    .slice(0, 5);
  const title = meta.titleField || 'name';
  return (
    <>
      <Table<RecordData>
        size="small"
        rowKey="id"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.data ?? []}
        scroll={{ x: true }}
        columns={cols.map((c) => {
          const f = fieldOf(meta, c);
          return {
            key: c,
            title: label(f?.label, c),
            render: (_: unknown, r: RecordData) =>
              c === title ? (
                <Link to={`/o/${meta.name}/${r.id}`}>{recordTitle(meta, r)}</Link>
              ) : (
                f && <FieldDisplay field={f} value={r[c]} />
              ),
          };
        })}
      />
      {meta.rights.create !== 'none' && !meta.readOnly && (
        <Link to={`/o/${meta.name}/new${qs({ [field.field ?? '']: field.field ? id : undefined, returnTo })}`}>
          <Button type="dashed" style={{ marginTop: 8 }} data-testid="add-related">
            {t('detail.addRelated', { object: label(meta.label) })}
          </Button>
        </Link>
      )}
    </>
  );
}
