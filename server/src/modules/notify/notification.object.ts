import {
  boolean,
  datetime,
  defineObject,
  integer,
  json,
  longText,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * An in-app notification (NOTIF-1). Personal: only its recipient (the owner) reads it, administrators
 * included. Written by the system through `notify()`; the texts are message keys rendered in the reader's
 * language, with `title`/`body` keeping the recipient's-language text for search and the generic API.
 */
export const notificationObject = defineObject({
  name: 'notification',
  label: l('通知', 'Notification'),
  icon: 'bell',
  titleField: 'title',
  noHistory: true,
  apiReadOnly: true,
  personal: true,
  fields: {
    owner: owner({ label: l('接收人', 'Recipient'), index: true }),
    kind: text({ label: l('类型', 'Kind'), maxLength: 40, readOnly: true }),
    title: text({ label: l('标题', 'Title'), maxLength: 300, readOnly: true }),
    body: longText({ label: l('内容', 'Body'), readOnly: true }),
    message: json({ label: l('消息', 'Message'), readOnly: true }),
    linkObject: text({ label: l('相关对象', 'Related object'), maxLength: 40, readOnly: true }),
    linkId: integer({ label: l('相关记录', 'Related record'), readOnly: true }),
    inApp: boolean({ label: l('站内显示', 'In app'), default: true, readOnly: true }),
    readAt: datetime({ label: l('已读时间', 'Read at'), index: true }),
    emailStatus: picklist({
      fixedOptions: true,
      label: l('邮件', 'Email'),
      readOnly: true,
      options: [
        { value: 'pending', label: l('待发送', 'Pending') },
        { value: 'sent', label: l('已发送', 'Sent'), color: 'green' },
        { value: 'failed', label: l('发送失败', 'Failed'), color: 'red' },
      ],
    }),
    /** At most one notification per key and recipient (a reminder occurrence fires once). */
    key: text({ label: l('去重键', 'Key'), maxLength: 200, readOnly: true, unique: true }),
  },
});

/** Which channels a user wants per kind of notification (NOTIF-2); no row = the kind's defaults. */
export const notificationPreferenceObject = defineObject({
  name: 'notificationPreference',
  label: l('通知设置', 'Notification preference'),
  titleField: 'kind',
  noHistory: true,
  personal: true,
  fields: {
    owner: owner({ label: l('用户', 'User'), index: true }),
    kind: text({ label: l('通知类型', 'Kind'), required: true, maxLength: 40 }),
    inApp: boolean({ label: l('站内通知', 'In app'), default: true }),
    email: boolean({ label: l('邮件通知', 'Email'), default: false }),
  },
});
