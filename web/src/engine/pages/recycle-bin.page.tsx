import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, qs } from '../api.ts';
import { formatDatetime } from '../format.ts';
import { can, recordTitle, useLabel, useObject } from '../metadata.ts';
import type { RecordData } from '../records.ts';
import { useApiError } from '../use-api-error.ts';

/** Deleted records of one object, newest deletions first, each with "restore" (SEC-10). */
export default function RecycleBinPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { meta } = useObject(object);
  const bin = useInfiniteQuery({
    queryKey: ['records', object, 'bin'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ data: RecordData[]; nextCursor?: string }>(
        `/api/recycle-bin/${object}${qs({ cursor: pageParam, limit: 50 })}`,
      ),
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  if (!meta) return null;
  const restore = async (r: RecordData) => {
    try {
      await api.post(`/api/objects/${object}/${r.id}/restore`, {});
      message.success(t('bin.restored', { name: recordTitle(meta, r) }));
      await qc.invalidateQueries({ queryKey: ['records', object] });
    } catch (e) {
      apiError(e);
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('bin.title', { object: label(meta.label) })}</h2>
      </div>
      <Table<RecordData>
        rowKey="id"
        size="small"
        loading={bin.isLoading}
        pagination={false}
        dataSource={bin.data?.pages.flatMap((p) => p.data) ?? []}
        columns={[
          {
            key: 'title',
            title: label(meta.fields.find((f) => f.name === (meta.titleField || 'name'))?.label, t('bin.record')),
            render: (_, r) => recordTitle(meta, r),
          },
          { key: 'deletedAt', title: t('bin.deletedAt'), render: (_, r) => formatDatetime(r.deletedAt ?? r.updatedAt) },
          { key: 'by', title: t('bin.deletedBy'), render: (_, r) => r.updatedBy?.label },
          {
            key: 'actions',
            title: '',
            render: (_, r) =>
              can(meta, 'update') && (
                <Button size="small" onClick={() => restore(r)} data-testid="bin-restore">
                  {t('bin.restore')}
                </Button>
              ),
          },
        ]}
      />
      {bin.hasNextPage && (
        <Button block onClick={() => bin.fetchNextPage()} loading={bin.isFetchingNextPage} style={{ marginTop: 8 }}>
          {t('list.loadMore')}
        </Button>
      )}
    </div>
  );
}
