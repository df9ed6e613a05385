import { ApartmentOutlined, AuditOutlined, BranchesOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Popover, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeType } from './flow-types.ts';

const kinds: Array<{ type: NodeType; icon: React.ReactNode; color: string }> = [
  { type: 'approver', icon: <AuditOutlined />, color: '#ff943e' },
  { type: 'cc', icon: <SendOutlined />, color: '#3296fa' },
  { type: 'condition', icon: <BranchesOutlined />, color: '#15bc83' },
  { type: 'parallel', icon: <ApartmentOutlined />, color: '#718dff' },
];

/** The 「+」 between two steps: add 审批人, 抄送人, 条件分支 or 并行分支 here. */
export function AddNode({ onPick }: { onPick(type: NodeType): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="flow-add">
      <div className="flow-edge" />
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        destroyOnHidden
        content={
          <Space wrap style={{ maxWidth: 260 }} data-testid="add-node-menu">
            {kinds.map((k) => (
              <Button
                key={k.type}
                icon={<span style={{ color: k.color }}>{k.icon}</span>}
                onClick={() => {
                  setOpen(false);
                  onPick(k.type);
                }}
                data-testid={`add-${k.type}`}
              >
                {t(`approvals.designer.add.${k.type}`)}
              </Button>
            ))}
          </Space>
        }
      >
        <Button
          shape="circle"
          size="small"
          type="primary"
          icon={<PlusOutlined />}
          aria-label={t('approvals.designer.add.title')}
          data-testid="add-node"
        />
      </Popover>
      <div className="flow-edge" />
    </div>
  );
}
