import { Card, Empty, Input, List, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLabel, useObjects } from '../engine/metadata.ts';
import { useSearchPlaceholder } from './search-placeholder.ts';
import { useGlobalSearch } from './use-global-search.ts';

/** Full results of the global search, grouped by object (also the phone's search screen). */
export default function SearchPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const objects = useObjects();
  const results = useGlobalSearch(q, objects.data, 20);
  const placeholder = useSearchPlaceholder(objects.data);
  return (
    <div className="page">
      <Input.Search
        defaultValue={q}
        placeholder={placeholder}
        onSearch={(v) => setParams({ q: v })}
        enterButton
        style={{ marginBottom: 12 }}
      />
      {results.isFetching && <Spin />}
      {!results.isFetching && q && (results.data ?? []).length === 0 && <Empty description={t('search.noResults')} />}
      {(results.data ?? []).map((g) => (
        <Card
          key={g.object}
          size="small"
          title={(() => {
            const meta = objects.data?.find((o) => o.name === g.object);
            return meta ? label(meta.label) : g.label;
          })()}
          style={{ marginBottom: 12 }}
        >
          <List
            size="small"
            dataSource={g.hits}
            renderItem={(h) => (
              <List.Item>
                <List.Item.Meta title={<Link to={`/o/${g.object}/${h.id}`}>{h.title}</Link>} description={h.subtitle} />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
