import { boolean, datetime, defineObject, manyToOne, text } from '../metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * API keys of integrations (INT-1). Each key acts as its own service user holding the key's role, so scopes,
 * field rights and history work as for people. The secret is shown once and stored only as a hash
 * (in sys_api_key); keys are created and revoked through /api/auth/api-keys.
 */
export const apiKeyObject = defineObject({
  name: 'apiKey',
  label: l('API 密钥', 'API key'),
  nav: { group: 'settings', order: 130 },
  icon: 'key',
  apiReadOnly: true,
  fields: {
    name: text({ label: l('名称', 'Name'), required: true, maxLength: 100 }),
    role: manyToOne({ object: 'role', label: l('角色', 'Role'), required: true }),
    serviceUser: manyToOne({ object: 'user', label: l('服务用户', 'Service user'), readOnly: true }),
    prefix: text({ label: l('前缀', 'Prefix'), readOnly: true, maxLength: 20 }),
    expiresAt: datetime({ label: l('过期时间', 'Expires') }),
    lastUsedAt: datetime({ label: l('最近使用', 'Last used'), readOnly: true }),
    revoked: boolean({ label: l('已吊销', 'Revoked'), default: false, readOnly: true }),
  },
});
