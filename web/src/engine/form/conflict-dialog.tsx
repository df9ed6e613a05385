import { Button, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldDisplay } from '../fields/display.tsx';
import { changedFields } from '../fields/values.ts';
import type { ObjectMeta } from '../metadata.ts';
import { useLabel } from '../metadata.ts';
import type { RecordData } from '../records.ts';

interface Props {
  meta: ObjectMeta;
  mine: Record<string, unknown>;
  theirs: RecordData;
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
}

/** 409: someone saved first. Show what differs, then reload their version or overwrite it with ours. */
export function ConflictDialog({ meta, mine, theirs, onReload, onOverwrite, onCancel }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const diff = changedFields(meta, mine, theirs);
  return (
    <Modal
      open
      title={t('conflict.title')}
      onCancel={onCancel}
      width={640}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="reload" onClick={onReload} data-testid="conflict-reload">
          {t('conflict.reload')}
        </Button>,
        <Button key="overwrite" type="primary" danger onClick={onOverwrite} data-testid="conflict-overwrite">
          {t('conflict.overwrite')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('conflict.body', { version: theirs.version })}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={diff}
        columns={[
          { key: 'f', title: t('history.field'), render: (_, f) => label(f.label, f.name) },
          {
            key: 'mine',
            title: t('conflict.mine'),
            render: (_, f) => (
              <span className="diff-new">
                <FieldDisplay field={f} value={mine[f.name]} />
              </span>
            ),
          },
          {
            key: 'theirs',
            title: t('conflict.theirs'),
            render: (_, f) => (
              <span className="diff-old">
                <FieldDisplay field={f} value={theirs[f.name]} />
              </span>
            ),
          },
        ]}
      />
    </Modal>
  );
}
