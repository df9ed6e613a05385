import {
  DeleteOutlined,
  DownloadOutlined,
  FilterOutlined,
  ImportOutlined,
  MoreOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Input, Select, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { countConditions, fromFilter, type GroupNode, toFilter } from '../filter/filter-model.ts';
import type { ObjectMeta } from '../metadata.ts';
import { can, useLabel } from '../metadata.ts';
import { ColumnChooser } from './column-chooser.tsx';
import { exportUrl } from './export.ts';
import { SavedViews } from './saved-views.tsx';
import type { ListView } from './view-state.ts';

// The filter builder (with every field input) loads when the drawer first opens, not with the list.
const FilterBuilder = lazy(() => import('../filter/filter-builder.tsx').then((m) => ({ default: m.FilterBuilder })));

interface Props {
  meta: ObjectMeta;
  objects: ObjectMeta[];
  view: ListView;
  setView(v: ListView): void;
  q: string;
  setQ(q: string): void;
}

/** Search, filter, group, columns, views, and the object's actions (new, import, export, recycle bin). */
export function ListToolbar({ meta, objects, view, setView, q, setQ }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<GroupNode>(() => fromFilter(view.filter));
  const n = countConditions(view.filter);
  // A manual change leaves the saved view (its name would no longer describe the list).
  const change = (v: ListView) => setView({ ...v, viewId: undefined });
  const more = [
    ...(can(meta, 'import') && !meta.readOnly
      ? [{ key: 'import', icon: <ImportOutlined />, label: t('list.import') }]
      : []),
    ...(can(meta, 'export')
      ? [
          { key: 'xlsx', icon: <DownloadOutlined />, label: t('list.exportXlsx') },
          { key: 'csv', icon: <DownloadOutlined />, label: t('list.exportCsv') },
        ]
      : []),
    { key: 'bin', icon: <DeleteOutlined />, label: t('list.recycleBin') },
  ];
  return (
    <div className="toolbar">
      <Input.Search
        allowClear
        placeholder={t('list.search')}
        defaultValue={q}
        onSearch={setQ}
        style={{ width: mobile ? '100%' : 220 }}
        data-testid="list-search"
      />
      <Badge count={n} size="small">
        <Button
          icon={<FilterOutlined />}
          onClick={() => {
            setDraft(fromFilter(view.filter));
            setOpen(true);
          }}
          data-testid="filter-button"
        >
          {t('list.filter')}
        </Button>
      </Badge>
      <Select
        allowClear
        style={{ minWidth: 120 }}
        placeholder={t('list.groupBy')}
        value={view.groupBy}
        onChange={(g) => change({ ...view, groupBy: g })}
        options={meta.fields.filter((f) => f.groupable).map((f) => ({ value: f.name, label: label(f.label, f.name) }))}
        data-testid="group-by"
      />
      {!mobile && (
        <ColumnChooser meta={meta} columns={view.columns} onChange={(columns) => change({ ...view, columns })} />
      )}
      <SavedViews object={meta.name} view={view} onApply={setView} />
      <Space.Compact>
        {can(meta, 'create') && !meta.readOnly && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => nav(`/o/${meta.name}/new`)}
            data-testid="new-record"
          >
            {t('list.new')}
          </Button>
        )}
        <Dropdown
          trigger={['click']}
          menu={{
            items: more,
            onClick: ({ key }) => {
              if (key === 'import') nav(`/o/${meta.name}/import`);
              else if (key === 'bin') nav(`/o/${meta.name}/recycle-bin`);
              else window.location.assign(exportUrl(meta.name, key as 'csv' | 'xlsx', view.filter, q));
            },
          }}
        >
          <Button icon={<MoreOutlined />} aria-label={t('common.more')} data-testid="list-more" />
        </Dropdown>
      </Space.Compact>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('list.filter')}
        size={mobile ? '100%' : 640}
        extra={
          <Space>
            <Button
              onClick={() => {
                change({ ...view, filter: undefined });
                setOpen(false);
              }}
            >
              {t('filter.clear')}
            </Button>
            <Button
              type="primary"
              onClick={() => {
                change({ ...view, filter: toFilter(draft) });
                setOpen(false);
              }}
              data-testid="filter-apply"
            >
              {t('filter.apply')}
            </Button>
          </Space>
        }
      >
        {open && (
          <Suspense fallback={<Loading />}>
            <FilterBuilder object={meta.name} objects={objects} value={draft} onChange={setDraft} />
          </Suspense>
        )}
      </Drawer>
    </div>
  );
}
