import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { errorText } from '../api-error.ts';
import { useApiError } from '../use-api-error.ts';
import { previewSubmit, refreshApprovals, submitApproval } from './approvals-api.ts';
import { PathView } from './path-view.tsx';
import { PeoplePicker } from './people-picker.tsx';
import { flatSteps } from './plan-steps.ts';

interface Props {
  object: string;
  recordId: number;
  onClose(): void;
}

/**
 * 提交审批 (WF-2): before anything is sent, the path the record will take — who approves in which order, as the
 * flow's conditions decide on the record as it is — with pickers for the steps whose approvers the submitter
 * chooses (发起人自选) and a comment. Also used to resubmit a returned request.
 */
export default function SubmitDialog({ object, recordId, onClose }: Props) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [flow, setFlow] = useState<string>();
  const [chosen, setChosen] = useState<Record<string, number[]>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const preview = useQuery({
    queryKey: ['approvals', 'preview', object, recordId, flow, chosen],
    queryFn: () => previewSubmit({ object, recordId, flow, chosen }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = preview.data;
  const choosable = data ? flatSteps(data.plan).filter((s) => s.kind === 'approve' && s.chosen) : [];
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await submitApproval({
        object,
        recordId,
        flow: flow ?? data?.flow.key,
        chosen,
        comment: comment.trim() || undefined,
      });
      message.success(t('approvals.submit.done'));
      await refreshApprovals(qc);
      onClose();
    } catch (e) {
      apiError(e, { show: setFailure });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('approvals.submit.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('approvals.submit.ok')}
      okButtonProps={{ loading: busy, disabled: !data, 'data-testid': 'submit-approval-ok' } as never}
      destroyOnHidden
    >
      {preview.isLoading && <Spin style={{ display: 'block', margin: 24 }} />}
      {preview.error && <Alert type="error" showIcon title={errorText(preview.error, t)} data-testid="submit-error" />}
      {data && (
        <Form layout="vertical" data-testid="submit-approval-form">
          {data.flows.length > 1 && (
            <Form.Item label={t('approvals.submit.flow')}>
              <Select
                value={flow ?? data.flow.key}
                onChange={(k) => {
                  setFlow(k);
                  setChosen({});
                }}
                options={data.flows.map((f) => ({ value: f.key, label: f.name }))}
              />
            </Form.Item>
          )}
          {data.flows.length <= 1 && (
            <Typography.Paragraph strong data-testid="submit-flow">
              {data.flow.name}
            </Typography.Paragraph>
          )}
          {choosable.map((s) => (
            <Form.Item
              key={s.nodeId}
              label={t('approvals.submit.choose', { name: s.name })}
              required
              data-testid="submit-choose"
            >
              <PeoplePicker
                multiple={s.kind === 'approve' && !!s.chosen?.multiple}
                value={chosen[s.nodeId] ?? []}
                onChange={(ids) => setChosen((c) => ({ ...c, [s.nodeId]: ids }))}
              />
            </Form.Item>
          ))}
          <Form.Item label={t('approvals.submit.path')} extra={t('approvals.submit.pathHint')}>
            <Spin spinning={preview.isFetching}>
              <PathView plan={data.plan} people={data.people} submitter={me?.user.name ?? ''} />
            </Spin>
          </Form.Item>
          <Form.Item label={t('approvals.submit.comment')}>
            <Input.TextArea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              data-testid="submit-comment"
            />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} data-testid="submit-error" />}
        </Form>
      )}
    </Modal>
  );
}
