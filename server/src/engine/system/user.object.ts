import {
  boolean,
  defineObject,
  email,
  json,
  longText,
  manyToMany,
  manyToOne,
  password,
  phone,
  picklist,
  text,
} from '../metadata/define.ts';

/** Users are records like any other (SEC-1): same API, history and screens. */
export const userObject = defineObject({
  name: 'user',
  label: { 'zh-CN': '用户', 'en-US': 'User' },
  nav: { group: 'settings', order: 10 },
  icon: 'user',
  titleField: 'name',
  scopeColumn: 'id',
  fields: {
    username: text({ label: { 'zh-CN': '用户名', 'en-US': 'User name' }, required: true, unique: true, maxLength: 60 }),
    name: text({ label: { 'zh-CN': '姓名', 'en-US': 'Name' }, required: true, search: 'fuzzy' }),
    email: email({ label: { 'zh-CN': '电子邮箱', 'en-US': 'Email' } }),
    mobile: phone({ label: { 'zh-CN': '手机', 'en-US': 'Mobile' } }),
    title: text({ label: { 'zh-CN': '职位', 'en-US': 'Position' } }),
    department: manyToOne({ object: 'department', label: { 'zh-CN': '部门', 'en-US': 'Department' } }),
    manager: manyToOne({ object: 'user', label: { 'zh-CN': '上级', 'en-US': 'Manager' } }),
    roles: manyToMany({ object: 'role', label: { 'zh-CN': '角色', 'en-US': 'Roles' } }),
    active: boolean({ label: { 'zh-CN': '启用', 'en-US': 'Active' }, default: true }),
    locale: picklist({
      fixedOptions: true,
      label: { 'zh-CN': '语言', 'en-US': 'Language' },
      default: 'zh-CN',
      options: [
        { value: 'zh-CN', label: { 'zh-CN': '简体中文', 'en-US': 'Simplified Chinese' } },
        { value: 'en-US', label: { 'zh-CN': '英语', 'en-US': 'English' } },
      ],
    }),
    password: password({ label: { 'zh-CN': '密码', 'en-US': 'Password' } }),
    authSource: picklist({
      fixedOptions: true,
      label: { 'zh-CN': '认证方式', 'en-US': 'Sign-in with' },
      default: 'local',
      options: [
        { value: 'local', label: { 'zh-CN': '本地密码', 'en-US': 'Local password' } },
        { value: 'ldap', label: { 'zh-CN': 'LDAP 目录', 'en-US': 'LDAP directory' } },
      ],
    }),
    /** Overrides the roles' lists when set: IPv4/IPv6 addresses or CIDR ranges, one per line (SEC-7). */
    allowedIps: longText({ label: { 'zh-CN': '允许的 IP', 'en-US': 'Allowed addresses' } }),
    preferences: json({ label: { 'zh-CN': '偏好设置', 'en-US': 'Preferences' } }),
  },
});
