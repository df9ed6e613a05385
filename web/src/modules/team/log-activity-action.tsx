import { PhoneOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/use-mobile.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { can, useObject } from '../../engine/metadata.ts';
import { ActivityForm } from './activity-form.tsx';

/** "记录拜访/联系" on a customer, contact or opportunity (TEAM-2): the compact form in a drawer (from below on phones). */
export default function LogActivityAction({ meta, record, refresh }: RecordExtensionProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const { meta: activity } = useObject('activity');
  if (!can(activity, 'create')) return null;
  return (
    <>
      <Button icon={<PhoneOutlined />} onClick={() => setOpen(true)} data-testid="log-activity">
        {t('team.activity.log')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('team.activity.log')}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '92%' : 480}
        destroyOnHidden
      >
        <ActivityForm
          object={meta.name}
          record={record}
          onSaved={() => {
            setOpen(false);
            refresh();
          }}
        />
      </Drawer>
    </>
  );
}
