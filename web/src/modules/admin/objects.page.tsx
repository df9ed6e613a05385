import { PlusOutlined } from '@ant-design/icons';
import { defaultNav, type NavGroup, navGroups } from '@kehu/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ObjectMeta, useLabel, useObjects } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { createObject } from './admin-api.ts';
import { NameLabelItems } from './name-label-items.tsx';

interface Values {
  name: string;
  zh: string;
  en?: string;
  navGroup?: NavGroup;
}

/** Objects and their fields (WF-1): built-in ones and those administrators added. */
export default function ObjectsPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const objects = useObjects();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await createObject(
        v.name,
        { 'zh-CN': v.zh, ...(v.en ? { 'en-US': v.en } : {}) },
        {
          name: { type: 'text', label: { 'zh-CN': '名称', 'en-US': 'Name' }, required: true, search: 'fuzzy' },
          owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
        },
        { group: v.navGroup ?? defaultNav.group, order: defaultNav.order },
      );
      await qc.invalidateQueries({ queryKey: ['metadata'] });
      setOpen(false);
      message.success(t('admin.objectCreated'));
      nav(`/admin/objects/${v.name}`);
    } catch (e) {
      apiError(e, { form, fields: (n) => (n === 'label' ? 'zh' : n) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('nav.objects')}</h2>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
          data-testid="new-object"
        >
          {t('admin.newObject')}
        </Button>
      </div>
      <Table<ObjectMeta>
        rowKey="name"
        size="small"
        loading={objects.isLoading}
        dataSource={objects.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            key: 'label',
            title: t('admin.objectLabel'),
            render: (_, o) => <Link to={`/admin/objects/${o.name}`}>{label(o.label)}</Link>,
          },
          { key: 'name', title: t('admin.apiName'), dataIndex: 'name' },
          { key: 'fields', title: t('admin.fieldCount'), render: (_, o) => o.fields.length },
          {
            key: 'nav',
            title: t('admin.navGroup'),
            render: (_, o) => t(`nav.groups.${(o.nav ?? defaultNav).group}`),
          },
          {
            key: 'custom',
            title: t('admin.kind'),
            render: (_, o) =>
              o.custom ? <Tag color="blue">{t('admin.custom')}</Tag> : <Tag>{t('admin.builtin')}</Tag>,
          },
          { key: 'open', title: '', render: (_, o) => <Link to={`/o/${o.name}`}>{t('admin.openList')}</Link> },
        ]}
      />
      <Modal
        open={open}
        title={t('admin.newObject')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'object-dialog-ok' }}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <NameLabelItems testId="object" />
          <Form.Item name="navGroup" label={t('admin.navGroup')} extra={t('admin.navGroupHint')}>
            <Select
              data-testid="object-nav-group"
              placeholder={t(`nav.groups.${defaultNav.group}`)}
              options={navGroups.map((g) => ({ value: g, label: t(`nav.groups.${g}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
