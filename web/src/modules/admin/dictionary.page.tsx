import type { DictionaryField } from '@kehu/common';
import { App, Card, Empty, Input, Select, Spin, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsMobile } from '../../app/use-mobile.ts';
import { useLabel } from '../../engine/metadata.ts';
import { fieldKey, useDictionary } from './dictionary-api.ts';
import { DictionaryEditor } from './dictionary-editor.tsx';
import './dictionary.css';

interface Group {
  object: string;
  title: string;
  fields: DictionaryField[];
}

/**
 * 数据字典 (WF-7): every picklist of every object, object → field → options. On a phone the field is chosen from a
 * searchable list above the editor; on a desk from the column beside it.
 */
export default function DictionaryPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { modal } = App.useApp();
  const mobile = useIsMobile();
  const { data, isLoading } = useDictionary();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const dirty = useRef(false);
  const onDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const selected = params.get('field') ?? undefined;
  const groups = useMemo(() => {
    const q = search.trim().toLowerCase();
    const out: Group[] = [];
    for (const f of data ?? []) {
      const title = label(f.objectLabel, f.object);
      const text = `${title} ${label(f.label, f.field)} ${f.object} ${f.field}`.toLowerCase();
      if (q && !text.includes(q)) continue;
      const g = out.find((x) => x.object === f.object) ?? { object: f.object, title, fields: [] };
      if (!out.includes(g)) out.push(g);
      g.fields.push(f);
    }
    return out;
  }, [data, search, label]);
  const current = data?.find((f) => fieldKey(f) === selected);
  const choose = (key: string) => {
    const go = () => {
      dirty.current = false;
      setParams({ field: key }, { replace: true });
    };
    if (!dirty.current || key === selected) return go();
    modal.confirm({ title: t('dictionary.discard'), onOk: go });
  };
  const picker = mobile ? (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%', marginBottom: 12 }}
      placeholder={t('dictionary.pick')}
      value={current ? fieldKey(current) : undefined}
      onChange={choose}
      data-testid="dictionary-picker"
      options={groups.map((g) => ({
        label: g.title,
        title: g.title,
        options: g.fields.map((f) => ({ value: fieldKey(f), label: `${g.title} · ${label(f.label, f.field)}` })),
      }))}
    />
  ) : (
    <div className="dictionary-fields" data-testid="dictionary-fields">
      <Input.Search
        allowClear
        placeholder={t('dictionary.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {groups.length === 0 && <Empty description={t('dictionary.none')} />}
      {groups.map((g) => (
        <div key={g.object} className="dictionary-group">
          <Typography.Text type="secondary" strong>
            {g.title}
          </Typography.Text>
          {g.fields.map((f) => (
            <button
              type="button"
              key={f.field}
              className={`dictionary-field${fieldKey(f) === selected ? ' is-selected' : ''}`}
              onClick={() => choose(fieldKey(f))}
            >
              <span>{label(f.label, f.field)}</span>
              <Typography.Text type="secondary">{f.options.length}</Typography.Text>
            </button>
          ))}
        </div>
      ))}
    </div>
  );
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('dictionary.title')}</h2>
      </div>
      <Typography.Paragraph type="secondary">{t('dictionary.intro')}</Typography.Paragraph>
      {isLoading ? (
        <Spin />
      ) : (
        <div className="dictionary-layout">
          {picker}
          <Card size="small" className="dictionary-main">
            {current ? (
              <DictionaryEditor
                key={`${fieldKey(current)}:${current.version}`}
                field={current}
                onDirty={onDirty}
                onSaved={() => {
                  dirty.current = false;
                }}
              />
            ) : (
              <Empty description={t('dictionary.pick')} />
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
