import { PlusOutlined } from '@ant-design/icons';
import type { DictionaryField } from '@kehu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { dictionaryKey, saveDictionaryField } from './dictionary-api.ts';
import {
  addOption,
  type EditorOption,
  isDirty,
  move,
  moveTo,
  problems,
  remove,
  setActive,
  toEditor,
  toPatch,
  update,
} from './dictionary-model.ts';
import { OptionRow } from './option-row.tsx';

/**
 * The options of one picklist (WF-7): edit, reorder, add, deactivate, then save the whole list at once. Saving
 * refreshes the metadata every screen reads its options from.
 */
export function DictionaryEditor({
  field,
  onSaved,
  onDirty,
}: {
  field: DictionaryField;
  onSaved(f: DictionaryField): void;
  onDirty(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const apiError = useApiError();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rows, setRows] = useState<EditorOption[]>(() => toEditor(field));
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const dirty = isDirty(rows, field);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const found = problems(rows);
  const save = async () => {
    setTried(true);
    if (Object.keys(found.rows).length || found.list) return;
    setBusy(true);
    try {
      const saved = await saveDictionaryField(field.object, field.field, toPatch(rows, field.version));
      await qc.invalidateQueries({ queryKey: ['metadata'] });
      qc.setQueryData<DictionaryField[]>(dictionaryKey, (all) =>
        all?.map((f) => (f.object === saved.object && f.field === saved.field ? saved : f)),
      );
      message.success(t('dictionary.saved'));
      onSaved(saved);
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="dictionary-editor" data-testid="dictionary-editor">
      <div className="dictionary-editor-head">
        <h3>
          {label(field.objectLabel)} · {label(field.label)}
        </h3>
        <Space size={4} wrap>
          <Tag>{t(field.custom ? 'dictionary.custom' : 'dictionary.builtin')}</Tag>
          {field.type === 'multiPicklist' && <Tag>{t('dictionary.multi')}</Tag>}
          {dirty && <Tag color="orange">{t('dictionary.unsaved')}</Tag>}
        </Space>
      </div>
      {field.fixed && <Alert type="info" showIcon title={t('dictionary.fixed')} style={{ marginBottom: 12 }} />}
      {tried && found.list && (
        <Alert type="error" showIcon title={t(`dictionary.problem.${found.list}`)} style={{ marginBottom: 12 }} />
      )}
      {tried && Object.keys(found.rows).length > 0 && (
        <Alert type="error" showIcon title={t('dictionary.problem.label')} style={{ marginBottom: 12 }} />
      )}
      <ol className="dictionary-rows">
        {rows.map((o, i) => (
          <OptionRow
            key={o.key}
            option={o}
            index={i}
            total={rows.length}
            fixed={field.fixed}
            problem={tried ? found.rows[o.key] : undefined}
            onChange={(patch) => setRows((r) => update(r, o.key, patch))}
            onActive={(active) => setRows((r) => setActive(r, o.key, active, field.fixed))}
            onMove={(delta) => setRows((r) => move(r, r.indexOf(r.find((x) => x.key === o.key)!), delta))}
            onRemove={() => setRows((r) => remove(r, o.key, field.fixed))}
            onDropRow={(from) => setRows((r) => moveTo(r, from, o.key))}
          />
        ))}
      </ol>
      <div className="toolbar dictionary-actions">
        {!field.fixed && (
          <Button icon={<PlusOutlined />} onClick={() => setRows(addOption)} data-testid="dictionary-add">
            {t('dictionary.add')}
          </Button>
        )}
        <Button disabled={!dirty || busy} onClick={() => setRows(toEditor(field))}>
          {t('dictionary.reset')}
        </Button>
        <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="dictionary-save">
          {t('dictionary.save')}
        </Button>
      </div>
    </div>
  );
}
