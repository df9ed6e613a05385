import { datetime, defineObject, integer, manyToOne, picklist, text } from '../metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Mail log: one row per message the platform tried to send, written by the mail service only. Its "own" scope is
 * the sender, so users can be given the mail they sent and administrators everyone's.
 */
export const mailLogObject = defineObject({
  name: 'mailLog',
  label: l('邮件记录', 'Mail log'),
  nav: { group: 'settings', order: 120 },
  icon: 'mail',
  titleField: 'subject',
  noHistory: true,
  apiReadOnly: true,
  scopeColumn: 'sent_by_id',
  fields: {
    at: datetime({ label: l('时间', 'Time'), index: true }),
    recipient: text({ label: l('收件人', 'To'), maxLength: 254, search: 'fuzzy' }),
    subject: text({ label: l('主题', 'Subject'), maxLength: 200, search: 'fuzzy' }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: [
        { value: 'sent', label: l('已发送', 'Sent'), color: 'green' },
        { value: 'failed', label: l('发送失败', 'Failed'), color: 'red' },
      ],
    }),
    error: text({ label: l('错误', 'Error'), maxLength: 500 }),
    relatedObject: text({ label: l('相关对象', 'Related object') }),
    relatedId: integer({ label: l('相关记录', 'Related record') }),
    sentBy: manyToOne({ object: 'user', label: l('发送人', 'Sent by'), index: true }),
    messageId: text({ label: l('邮件 ID', 'Message ID'), maxLength: 300 }),
  },
});
