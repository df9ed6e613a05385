import { datetime, defineObject, manyToOne, picklist, text } from '../metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

export const loginEvents = ['signIn', 'failure', 'signOut', 'locked', 'ipRefused', 'twoFactorFailure'] as const;
export type LoginEvent = (typeof loginEvents)[number];

/**
 * Login history (SEC-8): every sign-in, failure and sign-out, written by the engine. Its "own" scope is the
 * user the event is about, so users can be given their own history and administrators everyone's.
 */
export const loginHistoryObject = defineObject({
  name: 'loginHistory',
  label: l('登录记录', 'Login history'),
  nav: { group: 'settings', order: 110 },
  icon: 'login',
  titleField: 'event',
  noHistory: true,
  apiReadOnly: true,
  scopeColumn: 'user_id',
  fields: {
    at: datetime({ label: l('时间', 'Time'), index: true }),
    user: manyToOne({ object: 'user', label: l('用户', 'User'), index: true }),
    username: text({ label: l('登录名', 'User name tried'), maxLength: 100 }),
    event: picklist({
      fixedOptions: true,
      label: l('事件', 'Event'),
      options: [
        { value: 'signIn', label: l('登录成功', 'Signed in') },
        { value: 'failure', label: l('登录失败', 'Failed sign-in') },
        { value: 'signOut', label: l('退出登录', 'Signed out') },
        { value: 'locked', label: l('账号已锁定', 'Account locked') },
        { value: 'ipRefused', label: l('IP 不在允许范围', 'Address not allowed') },
        { value: 'twoFactorFailure', label: l('验证码错误', 'Wrong verification code') },
      ],
    }),
    ip: text({ label: l('IP 地址', 'IP address') }),
    userAgent: text({ label: l('设备', 'Device'), maxLength: 500 }),
  },
});
