import { useQueryClient } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { listActions } from '../extensions.ts';
import { formatNumber } from '../format.ts';
import { useLayout } from '../layouts.ts';
import { ListToolbar } from '../list/list-toolbar.tsx';
import { RecordCards } from '../list/record-cards.tsx';
import { RecordTable } from '../list/record-table.tsx';
import { listFields, useListView } from '../list/view-state.ts';
import { ViewerWatermark } from '../list/viewer-watermark.tsx';
import { useLabel, useObject, useObjects } from '../metadata.ts';
import { useRecordCount, useRecordList } from '../records.ts';

// Loaded on first use: bulk actions bring the field inputs, grouping its own table.
const BulkActions = lazy(() => import('../list/bulk-actions.tsx').then((m) => ({ default: m.BulkActions })));
const GroupTable = lazy(() => import('../list/group-table.tsx').then((m) => ({ default: m.GroupTable })));

/** The generic list screen of any object, driven by its metadata. */
export default function ListPage() {
  const { object = '' } = useParams();
  const { meta, loading } = useObject(object);
  if (loading) return <Loading />;
  if (!meta) return <NoObject />;
  return <ObjectList key={object} object={object} />;
}

function NoObject() {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon title={t('error.notFound')} style={{ margin: 16 }} />;
}

function ObjectList({ object }: { object: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const objects = useObjects().data ?? [];
  const meta = objects.find((o) => o.name === object)!;
  const layout = useLayout(object, 'list');
  const [view, setView] = useListView(meta, layout.data?.fields);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const fields = listFields(meta, view.columns);
  const list = useRecordList(object, { filter: view.filter, sort: view.sort, q, fields }, !view.groupBy);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  // Large tables: count up to a bound first; the exact number on a click.
  const [exact, setExact] = useState(false);
  const capped = useRecordCount(object, { filter: view.filter, q }, !view.groupBy && !exact, true).data;
  const precise = useRecordCount(object, { filter: view.filter, q }, !view.groupBy && exact).data;
  const counted = exact ? precise : capped;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const refresh = () => {
    setSelected([]);
    void qc.invalidateQueries({ queryKey: ['records', object] });
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>
          {label(meta.label)}
          {counted !== undefined && (
            <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 8 }} data-testid="list-total">
              {counted.capped ? (
                <Typography.Link onClick={() => setExact(true)} title={t('list.countExact')}>
                  {t('list.totalMore', { n: formatNumber(counted.total) })}
                </Typography.Link>
              ) : (
                t('list.total', { n: formatNumber(counted.total) })
              )}
            </Typography.Text>
          )}
        </h2>
        <Suspense fallback={null}>
          {listActions(object).map(({ key, Component }) => (
            <Component key={key} meta={meta} selected={selected} refresh={refresh} />
          ))}
        </Suspense>
        <ListToolbar
          meta={meta}
          objects={objects}
          view={view}
          setView={(v) => {
            setSelected([]);
            setView(v);
          }}
          q={q}
          setQ={setQ}
        />
      </div>
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />}
      {selected.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Suspense fallback={null}>
            <BulkActions meta={meta} ids={selected} onDone={refresh} />
          </Suspense>
        </div>
      )}
      <ViewerWatermark>
        {view.groupBy ? (
          <Suspense fallback={<Loading />}>
            <GroupTable meta={meta} groupBy={view.groupBy} columns={view.columns} filter={view.filter} q={q} />
          </Suspense>
        ) : mobile ? (
          <RecordCards
            meta={meta}
            columns={view.columns}
            rows={rows}
            loading={list.isLoading}
            hasMore={!!hasNextPage}
            loadingMore={isFetchingNextPage}
            loadMore={loadMore}
            selected={selected}
            onSelect={setSelected}
          />
        ) : (
          <RecordTable
            meta={meta}
            columns={view.columns}
            rows={rows}
            loading={list.isLoading}
            sort={view.sort}
            onSort={(sort) => setView({ ...view, sort })}
            hasMore={!!hasNextPage}
            loadMore={loadMore}
            selected={selected}
            onSelect={setSelected}
            onSaved={() => void qc.invalidateQueries({ queryKey: ['records', object] })}
          />
        )}
      </ViewerWatermark>
    </div>
  );
}
