import { boolean, defineObject, json, longText, text } from '../metadata/define.ts';

/**
 * Roles (SEC-2). `grants` maps object name (or "*") → operation → scope, e.g.
 * `{ "customer": { "read": "department", "update": "own" } }`.
 */
export const roleObject = defineObject({
  name: 'role',
  label: { 'zh-CN': '角色', 'en-US': 'Role' },
  nav: { group: 'settings', order: 30 },
  fields: {
    name: text({ label: { 'zh-CN': '角色名称', 'en-US': 'Name' }, required: true, unique: true }),
    description: longText({ label: { 'zh-CN': '说明', 'en-US': 'Description' } }),
    isAdmin: boolean({ label: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' }, default: false }),
    grants: json({ label: { 'zh-CN': '数据权限', 'en-US': 'Grants' }, default: {} }),
    /** `{ "<object>": { "<field>": "hidden" | "readOnly" } }` (SEC-3). */
    fieldRights: json({ label: { 'zh-CN': '字段权限', 'en-US': 'Field rights' }, default: {} }),
    /** Rights holders may pass on to others (SEC-5): same shape as grants, each at most the holder's own. */
    grantable: json({ label: { 'zh-CN': '可授予权限', 'en-US': 'Grantable rights' }, default: {} }),
    /** Members must enrol two-factor sign-in before they can use the system (SEC-7). */
    requireTwoFactor: boolean({ label: { 'zh-CN': '要求双因素认证', 'en-US': 'Require two-factor' }, default: false }),
    /** Addresses members may sign in from: IPv4/IPv6 addresses or CIDR ranges, one per line (SEC-7). */
    allowedIps: longText({ label: { 'zh-CN': '允许的 IP', 'en-US': 'Allowed addresses' } }),
  },
});
