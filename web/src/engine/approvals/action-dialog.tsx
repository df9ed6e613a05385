import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { AttachmentsInput } from '../fields/attachments-input.tsx';
import type { FieldMeta } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import {
  type ActionBody,
  actOnInstance,
  actOnTask,
  type InstanceAction,
  type InstanceDetail,
  refreshApprovals,
  type TaskAction,
} from './approvals-api.ts';
import { PeoplePicker } from './people-picker.tsx';

export type DialogAction = Exclude<TaskAction | InstanceAction, 'withdraw' | 'urge'>;

interface Values {
  comment?: string;
  to?: string;
  user?: number[];
  users?: number[];
  position?: 'before' | 'after';
  files?: Array<{ id: number }>;
}

const filesField = { name: 'files', type: 'attachments' } as FieldMeta;
const taskActions = new Set<string>(['approve', 'reject', 'return', 'transfer', 'addSign']);

/**
 * The dialog of one command on an instance: 同意 / 驳回 (reason required) / 退回 (where to) / 转交 (to whom) / 加签
 * (who, before or after me) / 评论 (with attachments). A 409 — someone else was quicker, the instance moved on —
 * is said plainly and the page is read again.
 */
export function ActionDialog(p: { action: DialogAction; detail: InstanceDetail; onClose(): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const position = Form.useWatch('position', form);
  const { action, detail } = p;
  const submit = async (v: Values) => {
    setBusy(true);
    const body: ActionBody = { comment: v.comment?.trim() || undefined };
    if (action === 'return') body.to = v.to;
    if (action === 'transfer') body.user = v.user?.[0];
    if (action === 'addSign') Object.assign(body, { users: v.users, position: v.position });
    if (action === 'comment') body.files = (v.files ?? []).map((f) => f.id);
    try {
      if (taskActions.has(action)) await actOnTask(detail.can.taskId!, action as TaskAction, body);
      else await actOnInstance(detail.id, action as InstanceAction, body);
      message.success(t(`approvals.done.${action}`));
      p.onClose();
    } catch (e) {
      apiError(e, {
        form,
        fields: (f) => (f === 'user' || f === 'users' || f === 'to' || f === 'comment' ? f : undefined),
      });
      if (e instanceof ApiError && e.status === 409) p.onClose();
    } finally {
      setBusy(false);
      await refreshApprovals(qc);
    }
  };
  const commentLabel =
    action === 'reject'
      ? t('approvals.dialog.reason')
      : action === 'comment'
        ? t('approvals.dialog.comment')
        : t('approvals.dialog.opinion');
  return (
    <Modal
      open
      title={t(`approvals.action.${action}`)}
      onCancel={p.onClose}
      onOk={() => form.submit()}
      okText={t(`approvals.action.${action}`)}
      okButtonProps={{ loading: busy, danger: action === 'reject', 'data-testid': 'action-ok' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ to: 'submitter', position: 'after' }}
        data-testid="action-form"
      >
        {action === 'return' && (
          <Form.Item name="to" label={t('approvals.dialog.returnTo')} rules={[{ required: true }]}>
            <Select
              data-testid="return-to"
              options={[
                { value: 'submitter', label: t('approvals.dialog.toSubmitter') },
                ...detail.can.returnTo.map((s) => ({
                  value: s.nodeId,
                  label: t('approvals.dialog.toStep', { name: s.name }),
                })),
              ]}
            />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item
            name="user"
            label={t('approvals.dialog.transferTo')}
            rules={[{ required: true, message: t('approvals.dialog.chooseUser') }]}
          >
            <PeoplePicker multiple={false} />
          </Form.Item>
        )}
        {action === 'addSign' && (
          <>
            <Form.Item name="position" label={t('approvals.dialog.position')}>
              <Radio.Group
                options={[
                  { value: 'before', label: t('approvals.dialog.before') },
                  { value: 'after', label: t('approvals.dialog.after') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="users"
              label={t('approvals.dialog.addUsers')}
              extra={position === 'before' ? t('approvals.dialog.beforeOne') : undefined}
              rules={[
                { required: true, message: t('approvals.dialog.chooseUser') },
                {
                  validator: (_, v?: number[]) =>
                    position === 'before' && (v?.length ?? 0) > 1
                      ? Promise.reject(new Error(t('approvals.dialog.beforeOne')))
                      : Promise.resolve(),
                },
              ]}
            >
              <PeoplePicker multiple />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="comment"
          label={commentLabel}
          rules={
            action === 'reject'
              ? [{ required: true, whitespace: true, message: t('approvals.dialog.reasonRequired') }]
              : action === 'comment'
                ? [
                    {
                      validator: (_, v?: string) =>
                        v?.trim() || (form.getFieldValue('files') ?? []).length
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('approvals.dialog.commentRequired'))),
                    },
                  ]
                : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="action-comment" />
        </Form.Item>
        {action === 'comment' && (
          <Form.Item name="files" label={t('approvals.dialog.attachments')}>
            <AttachmentsInput field={filesField} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
