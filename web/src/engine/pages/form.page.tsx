import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { RecordForm } from '../form/record-form.tsx';
import { recordTitle, useLabel, useObject } from '../metadata.ts';
import { useRecord } from '../records.ts';

/** New record (/o/:object/new) or edit (/o/:object/:id/edit). */
export default function FormPage() {
  const { object = '', id } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { meta, loading } = useObject(object);
  const record = useRecord(object, id);
  if (loading || (id && record.isLoading)) return <Loading />;
  if (!meta || (id && !record.data))
    return (
      <Alert
        type="warning"
        showIcon
        title={(record.error as Error)?.message ?? t('error.notFound')}
        style={{ margin: 16 }}
      />
    );
  const title = id
    ? t('form.editTitle', { name: recordTitle(meta, record.data) })
    : t('form.newTitle', { object: label(meta.label) });
  return (
    <div className="page">
      <Card title={title}>
        <RecordForm
          key={`${id ?? 'new'}-${record.data?.version ?? 0}`}
          meta={meta}
          record={record.data}
          onCancel={() => nav(-1)}
          onSaved={(r) => {
            void qc.invalidateQueries({ queryKey: ['records', object] });
            nav(`/o/${object}/${r.id}`, { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
