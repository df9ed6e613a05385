import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import { FieldDisplay } from '../../engine/fields/display.tsx';
import type { FieldMeta, ObjectMeta } from '../../engine/metadata.ts';
import { formFields, recordTitle, useLabel } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';

export interface MergeResult {
  merge: { id: number };
  record: RecordData;
  moved: { references: number; links: number; shares: number };
}

interface Props {
  meta: ObjectMeta;
  ids: number[];
  onClose(): void;
  onMerged(result: MergeResult, mergedCount: number): void;
}

/** Merged by the server as a whole (attachments joined, links united), so not chosen field by field. */
const notChosen = new Set(['attachments', 'manyToMany', 'password', 'json']);

const norm = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object' && 'id' in v) return (v as { id: unknown }).id;
  return v === undefined || v === '' ? null : v;
};
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Merge the selected records (CUS-6): pick the record to keep, and for each field whose values differ the record
 * whose value it keeps (by default the kept record's, or the first non-empty one when the kept record has none).
 */
export function MergeDialog({ meta, ids, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const [survivor, setSurvivor] = useState(ids[0]);
  const [choices, setChoices] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const records = useQuery({
    queryKey: ['merge-records', meta.name, ids],
    queryFn: () =>
      Promise.all(
        ids.map((id) => api.get<{ data: RecordData }>(`/api/objects/${meta.name}/${id}`).then((r) => r.data)),
      ),
  });
  const rows = records.data ?? [];
  const fields = formFields(meta).filter(
    (f) => !notChosen.has(f.type) && new Set(rows.map((r) => JSON.stringify(norm(r[f.name])))).size > 1,
  );
  const kept = rows.find((r) => r.id === survivor);
  const choiceOf = (f: FieldMeta): number => {
    if (choices[f.name] !== undefined) return choices[f.name];
    if (kept && !empty(kept[f.name])) return survivor;
    return rows.find((r) => !empty(r[f.name]))?.id ?? survivor;
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const values: Record<string, number> = {};
    for (const f of fields) if (choiceOf(f) !== survivor) values[f.name] = choiceOf(f);
    try {
      const r = await api.post<{ data: MergeResult }>(`/api/objects/${meta.name}/merge`, {
        survivor,
        merged: ids.filter((id) => id !== survivor),
        values,
      });
      onMerged(r.data, ids.length - 1);
    } catch (e) {
      apiError(e, { show: setError });
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    {
      key: 'field',
      title: t('customers.merge.field'),
      width: 140,
      render: (_: unknown, f: FieldMeta) => label(f.label, f.name),
    },
    ...rows.map((r) => ({
      key: String(r.id),
      title: (
        <Space size={4}>
          <span>{recordTitle(meta, r)}</span>
          {r.id === survivor && <Tag color="blue">{t('customers.merge.survivor')}</Tag>}
        </Space>
      ),
      render: (_: unknown, f: FieldMeta) => (
        <Radio
          checked={choiceOf(f) === r.id}
          onChange={() => setChoices({ ...choices, [f.name]: r.id })}
          data-testid={`merge-choice-${f.name}-${r.id}`}
        >
          <FieldDisplay field={f} value={r[f.name]} object={f.object} />
        </Radio>
      ),
    })),
  ];

  return (
    <Modal
      open
      width={Math.min(1100, 320 + rows.length * 260)}
      title={t('customers.merge.dialogTitle', { object: label(meta.label) })}
      okText={t('customers.merge.confirm')}
      okButtonProps={{ loading: busy, disabled: !rows.length, 'data-testid': 'merge-confirm' }}
      onOk={submit}
      onCancel={onClose}
    >
      {records.isLoading ? (
        <Loading />
      ) : records.error ? (
        <Alert type="error" showIcon title={(records.error as Error).message} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="merge-dialog">
          {error && <Alert type="error" showIcon title={error} role="alert" data-testid="merge-error" />}
          <div>
            <Typography.Text strong>{t('customers.merge.survivor')}</Typography.Text>
            <Radio.Group
              value={survivor}
              onChange={(e) => setSurvivor(e.target.value as number)}
              style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 6 }}
              data-testid="merge-survivor"
            >
              {rows.map((r) => (
                <Radio key={r.id} value={r.id}>
                  {recordTitle(meta, r)}
                  {typeof r.code === 'string' && <Typography.Text type="secondary"> {r.code}</Typography.Text>}
                </Radio>
              ))}
            </Radio.Group>
          </div>
          <Typography.Text type="secondary">{t('customers.merge.survivorHint')}</Typography.Text>
          {fields.length === 0 ? (
            <Alert type="info" title={t('customers.merge.noDifferences')} />
          ) : (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={fields}
              columns={columns}
              scroll={{ x: true, y: 360 }}
            />
          )}
          {meta.fields.some((f) => f.type === 'attachments') && (
            <Typography.Text type="secondary">{t('customers.merge.attachmentsJoined')}</Typography.Text>
          )}
        </Space>
      )}
    </Modal>
  );
}
