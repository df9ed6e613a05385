import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { RecordForm } from '../form/record-form.tsx';
import { recordTitle, useLabel, useObject } from '../metadata.ts';
import { useRecord } from '../records.ts';
import { returnPath, usePrefill } from './prefill.ts';
import { useScrollTop } from './scroll-top.ts';

/**
 * New record (/o/:object/new, values may come in the link, see prefill.ts) or edit (/o/:object/:id/edit). After
 * saving: the page named by `returnTo` (the parent record the new one was created from), else the record.
 */
export default function FormPage() {
  const { object = '', id } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { meta, loading } = useObject(object);
  const record = useRecord(object, id);
  const prefill = usePrefill(id ? undefined : meta, params);
  const back = returnPath(params);
  useScrollTop(`${object}/${id ?? 'new'}`);
  if (loading || (id && record.isLoading) || !prefill.ready) return <Loading />;
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
          initial={prefill.values}
          onCancel={() => (back ? nav(back) : nav(-1))}
          onSaved={(r) => {
            // The parent's page shows the new record in its related list (and totals that follow it).
            void qc.invalidateQueries({ queryKey: ['records'] });
            nav(back ?? `/o/${object}/${r.id}`, { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
