import { MailOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListExtensionProps } from '../../engine/extensions.ts';
import { GroupEmailDialog } from './group-email-dialog.tsx';

/** The server's limit per call (server/src/modules/customers/group-email.ts). */
const maxRecipients = 500;

/** 群发邮件 above the contact list: writes to the ticked contacts. */
export default function GroupEmailAction({ selected }: ListExtensionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const start = () => {
    if (selected.length === 0) message.info(t('customers.contacts.groupEmailHint'));
    else if (selected.length > maxRecipients) message.warning(t('customers.contacts.tooMany', { max: maxRecipients }));
    else setOpen(true);
  };
  return (
    <>
      <Button icon={<MailOutlined />} onClick={start} data-testid="group-email">
        {t('customers.contacts.groupEmail')}
        {selected.length > 0 ? ` (${selected.length})` : ''}
      </Button>
      {open && <GroupEmailDialog ids={selected} onClose={() => setOpen(false)} />}
    </>
  );
}
