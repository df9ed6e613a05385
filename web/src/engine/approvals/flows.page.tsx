import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { systemObjects } from '../../app/nav-items.tsx';
import { formatDatetime } from '../format.ts';
import { useLabel, useObjects } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import { defaultSettings } from './flow-types.ts';
import { createFlow, type FlowInfo, flowsKey, saveFlow, useFlows } from './flows-api.ts';

interface Values {
  key: string;
  name: string;
  object: string;
  description?: string;
}

/** 审批流程 (WF-2): the flows per object with their version, whether they are on, and what runs on them. */
export default function FlowsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const apiError = useApiError();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const object = params.get('object') ?? undefined;
  const flows = useFlows(object);
  const all = useObjects().data ?? [];
  // Flows are for business records: users, roles and logs are not submitted for approval.
  const objects = all.filter((o) => !systemObjects.has(o.name));
  const objectLabel = (name: string) => {
    const o = all.find((x) => x.name === name);
    return o ? label(o.label) : name;
  };
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const create = async (v: Values) => {
    setBusy(true);
    try {
      const f = await createFlow({ ...v, tree: { nodes: [], settings: defaultSettings } });
      await qc.invalidateQueries({ queryKey: flowsKey });
      message.success(t('approvals.designer.created'));
      nav(`/admin/flows/${f.id}`);
    } catch (e) {
      apiError(e, { form, fields: ['key', 'name', 'object', 'description'] });
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (f: FlowInfo, active: boolean) => {
    try {
      await saveFlow(f.id, { active });
      message.success(active ? t('approvals.designer.activated') : t('approvals.designer.deactivated'));
    } catch (e) {
      apiError(e);
    } finally {
      await qc.invalidateQueries({ queryKey: flowsKey });
    }
  };
  return (
    <div className="page" data-testid="flows-page">
      <div className="page-header">
        <h2>{t('approvals.designer.title')}</h2>
        <div className="toolbar">
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('approvals.designer.allObjects')}
            value={object}
            onChange={(o?: string) => setParams(o ? { object: o } : {}, { replace: true })}
            options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
            data-testid="flows-object"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              if (object) form.setFieldValue('object', object);
              setOpen(true);
            }}
            data-testid="new-flow"
          >
            {t('approvals.designer.newFlow')}
          </Button>
        </div>
      </div>
      <Table<FlowInfo>
        rowKey="id"
        size="small"
        loading={flows.isLoading}
        dataSource={flows.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="flows-table"
        columns={[
          {
            key: 'name',
            title: t('approvals.designer.flowName'),
            render: (_, f) => <Link to={`/admin/flows/${f.id}`}>{f.name}</Link>,
          },
          { key: 'object', title: t('approvals.designer.object'), render: (_, f) => objectLabel(f.object) },
          {
            key: 'version',
            title: t('approvals.designer.version'),
            render: (_, f) =>
              f.publishedVersion ? (
                <Tag color="green">{t('approvals.designer.versions.version', { n: f.publishedVersion })}</Tag>
              ) : (
                <Tag>{t('approvals.designer.unpublished')}</Tag>
              ),
          },
          {
            key: 'active',
            title: t('approvals.designer.active'),
            render: (_, f) => (
              <Switch
                size="small"
                checked={f.active}
                onChange={(v) => toggle(f, v)}
                aria-label={t('approvals.designer.active')}
              />
            ),
          },
          { key: 'running', title: t('approvals.designer.running'), dataIndex: 'running' },
          { key: 'updated', title: t('approvals.designer.updatedAt'), render: (_, f) => formatDatetime(f.updatedAt) },
        ]}
      />
      <Modal
        open={open}
        title={t('approvals.designer.newFlow')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'new-flow-ok' } as never}
      >
        <Form form={form} layout="vertical" onFinish={create} data-testid="new-flow-form">
          <Form.Item
            name="name"
            label={t('approvals.designer.flowName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} data-testid="new-flow-name" />
          </Form.Item>
          <Form.Item name="object" label={t('approvals.designer.object')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
              data-testid="new-flow-object"
            />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('approvals.designer.flowKey')}
            extra={t('approvals.designer.flowKeyHint')}
            rules={[
              { required: true, pattern: /^[a-z][a-zA-Z0-9_]{1,59}$/, message: t('approvals.designer.flowKeyHint') },
            ]}
          >
            <Input maxLength={60} data-testid="new-flow-key" />
          </Form.Item>
          <Form.Item name="description" label={t('approvals.designer.description')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
