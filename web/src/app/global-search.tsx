import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ObjectMeta, useLabel } from '../engine/metadata.ts';
import { useSearchPlaceholder } from './search-placeholder.ts';
import { useGlobalSearch } from './use-global-search.ts';

/** Results while typing, grouped by object (the top bar's search box). Enter opens the full results page. */
export function GlobalSearch({ objects }: { objects: ObjectMeta[] | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text), 250);
    return () => clearTimeout(h);
  }, [text]);
  const results = useGlobalSearch(q, objects);
  const placeholder = useSearchPlaceholder(objects);
  const options = (results.data ?? []).map((g) => ({
    label: objects?.find((o) => o.name === g.object)?.label
      ? label(objects.find((o) => o.name === g.object)!.label)
      : g.label,
    options: g.hits.map((h) => ({
      value: `/o/${g.object}/${h.id}`,
      label: (
        <div data-testid="search-hit">
          {h.title}
          {h.subtitle && <div style={{ color: '#999', fontSize: 12 }}>{h.subtitle}</div>}
        </div>
      ),
    })),
  }));
  return (
    <AutoComplete
      className="shell-search"
      options={options}
      value={text}
      onChange={setText}
      onSelect={(path: string) => {
        setText('');
        nav(path);
      }}
      notFoundContent={q && !results.isFetching && results.data ? t('search.noResults') : undefined}
      popupMatchSelectWidth={320}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={placeholder}
        allowClear
        data-testid="global-search"
        onPressEnter={() => text.trim() && nav(`/search?q=${encodeURIComponent(text.trim())}`)}
      />
    </AutoComplete>
  );
}
