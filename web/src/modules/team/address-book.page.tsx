import { MailOutlined, MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Col, Empty, Input, List, Row, Space, Tree, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { formatPhone } from '../../engine/format.ts';
import { type Colleague, type DepartmentNode, useAddressBook } from './team-api.ts';

interface TreeItem {
  key: number;
  value: number;
  title: string;
  children: TreeItem[];
}

const toTree = (nodes: DepartmentNode[]): TreeItem[] =>
  nodes.map((n) => ({ key: n.id, value: n.id, title: n.name, children: toTree(n.children) }));

/** Call, text and email buttons: links the phone's own apps open. */
function Actions({ c }: { c: Colleague }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      {c.mobile && (
        <>
          <Button
            size="small"
            icon={<PhoneOutlined />}
            href={`tel:${c.mobile}`}
            aria-label={t('team.addressBook.call')}
          >
            {t('team.addressBook.call')}
          </Button>
          <Button
            size="small"
            icon={<MessageOutlined />}
            href={`sms:${c.mobile}`}
            aria-label={t('team.addressBook.sms')}
          >
            {t('team.addressBook.sms')}
          </Button>
        </>
      )}
      {c.email && (
        <Button
          size="small"
          icon={<MailOutlined />}
          href={`mailto:${c.email}`}
          aria-label={t('team.addressBook.email')}
        >
          {t('team.addressBook.email')}
        </Button>
      )}
    </Space>
  );
}

/** 通讯录 (TEAM-7): colleagues by department (and those below it), searchable, with call/SMS/email on a phone. */
export default function AddressBookPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const department = params.get('department') ? Number(params.get('department')) : undefined;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(search);
  useEffect(() => {
    const h = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);
  const book = useAddressBook(department, q);
  const tree = toTree(book.data?.departments ?? []);
  const choose = (id: number | undefined) => setParams(id ? { department: String(id) } : {}, { replace: true });
  const people = book.data?.people ?? [];
  const list = (
    <List
      dataSource={people}
      rowKey="id"
      locale={{ emptyText: <Empty description={t('team.addressBook.none')} /> }}
      data-testid="address-book"
      renderItem={(c) => (
        <List.Item data-testid="colleague">
          <List.Item.Meta
            avatar={<Avatar style={{ background: '#1677ff' }}>{(c.name ?? '?').slice(-2)}</Avatar>}
            title={c.name}
            description={
              <Space orientation="vertical" size={4}>
                <Typography.Text type="secondary">
                  {[c.department?.label, c.title].filter(Boolean).join(' · ')}
                </Typography.Text>
                {(c.mobile || c.email) && (
                  <Typography.Text type="secondary">
                    {[c.mobile && formatPhone(c.mobile), c.email].filter(Boolean).join(' · ')}
                  </Typography.Text>
                )}
                <Actions c={c} />
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.addressBook.title')}</h2>
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('team.addressBook.search')}
          style={{ maxWidth: mobile ? undefined : 280 }}
          data-testid="address-search"
        />
      </div>
      {book.error && <Alert type="error" showIcon title={(book.error as Error).message} />}
      {mobile ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <TreeSelect
            allowClear
            style={{ width: '100%' }}
            value={department}
            treeData={tree}
            treeDefaultExpandAll
            placeholder={t('team.addressBook.allDepartments')}
            onChange={(v) => choose(v ?? undefined)}
          />
          <Card size="small">{book.isLoading ? <Loading /> : list}</Card>
        </Space>
      ) : (
        <Row gutter={12}>
          <Col span={7}>
            <Card size="small" title={t('team.addressBook.departments')}>
              <Button type="link" size="small" onClick={() => choose(undefined)} style={{ paddingInline: 0 }}>
                {t('team.addressBook.allDepartments')}
              </Button>
              {tree.length > 0 && (
                <Tree
                  treeData={tree}
                  defaultExpandAll
                  selectedKeys={department ? [department] : []}
                  onSelect={(keys) => choose(keys[0] === undefined ? undefined : Number(keys[0]))}
                />
              )}
            </Card>
          </Col>
          <Col span={17}>
            <Card size="small">{book.isLoading ? <Loading /> : list}</Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
