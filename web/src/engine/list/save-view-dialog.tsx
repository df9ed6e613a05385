import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useApiError } from '../use-api-error.ts';
import type { ListView } from './view-state.ts';

interface Props {
  open: boolean;
  object: string;
  view: ListView;
  /** The query key of the object's saved views, read again after the save. */
  listKey: unknown[];
  onClose(): void;
  onSaved(id: number): void;
}

/** Names the list's current view (filter, columns, sort, grouping) and saves it, for the user or for everyone. */
export function SaveViewDialog({ open, object, view, listKey, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const create = useMutation({
    mutationFn: (v: { name: string; shared: boolean }) =>
      api.post<{ data: { id: number } }>('/api/objects/savedView', {
        ...v,
        object,
        filter: view.filter ?? null,
        columns: view.columns,
        sort: view.sort ?? null,
        groupBy: view.groupBy ?? null,
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: listKey });
      onSaved(r.data.id);
      message.success(t('views.saved'));
    },
    onError: (e) => apiError(e),
  });
  return (
    <Modal
      open={open}
      title={t('views.save')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending }}
      // The next opening starts from an empty form.
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ name: v.name, shared: !!v.shared })}>
        <Form.Item name="name" label={t('views.name')} rules={[{ required: true, message: t('fieldError.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked">
          <Checkbox>{t('views.shareWithAll')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
