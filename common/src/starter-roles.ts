import { type Label, type Locale, labelText } from './metadata.ts';

/**
 * Names and descriptions of the roles every installation starts with (server/src/app/seed.ts). They are stored in
 * Chinese, the default language; screens show them in the reader's language as long as an administrator has not
 * rewritten them (an edited name or description is the administrator's own text and is shown as it is).
 */
export const starterRoles: Record<'admin' | 'salesManager' | 'salesperson', { name: Label; description: Label }> = {
  admin: {
    name: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' },
    description: { 'zh-CN': '系统管理员：所有对象、所有记录', 'en-US': 'Administrator: every object, every record' },
  },
  salesManager: {
    name: { 'zh-CN': '销售经理', 'en-US': 'Sales manager' },
    description: {
      'zh-CN': '销售经理：管理本人及下属的记录，可查看本部门及下属部门的记录',
      'en-US': 'Sales manager: own and subordinates’ records; reads the whole department',
    },
  },
  salesperson: {
    name: { 'zh-CN': '销售员', 'en-US': 'Salesperson' },
    description: { 'zh-CN': '销售员：仅限本人的记录', 'en-US': 'Salesperson: own records only' },
  },
};

const known = (label: Label, v: unknown) => typeof v === 'string' && Object.values(label).includes(v);

/**
 * A role's name and description in `locale` when they are a starter role's own text (in any language: early
 * installations stored the English descriptions); otherwise as stored.
 */
export function roleText(role: Readonly<Record<string, unknown>>, locale: Locale) {
  const starter = Object.values(starterRoles).find((s) => known(s.name, role.name));
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!starter) return { name: str(role.name), description: str(role.description) };
  return {
    name: labelText(starter.name, locale),
    description: known(starter.description, role.description)
      ? labelText(starter.description, locale)
      : str(role.description),
  };
}
