import {
  address,
  date,
  defineObject,
  email,
  longText,
  manyToOne,
  oneToMany,
  owner,
  phone,
  picklist,
  tags,
  text,
} from '../../engine/metadata/define.ts';
import { decisionRoles, genders } from './options.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** 联系人 (CUS-10): people at a customer, with their decision role and who they report to. */
export const contactObject = defineObject({
  name: 'contact',
  label: l('联系人', 'Contact'),
  nav: { group: 'customers', order: 20 },
  pluralLabel: l('联系人', 'Contacts'),
  icon: 'contacts',
  titleField: 'name',
  fields: {
    name: text({ label: l('姓名', 'Name'), required: true, search: 'fuzzy', maxLength: 60 }),
    customer: manyToOne({ label: l('所属客户', 'Customer'), object: 'customer', required: true }),
    gender: picklist({ label: l('性别', 'Gender'), options: genders }),
    mobile: phone({ label: l('手机', 'Mobile'), search: 'exact' }),
    phone: phone({ label: l('电话', 'Phone'), search: 'exact' }),
    email: email({ label: l('电子邮箱', 'Email'), index: true }),
    address: address({ label: l('地址', 'Address') }),
    department: text({ label: l('部门', 'Department'), maxLength: 60 }),
    title: text({ label: l('职务', 'Title'), maxLength: 60 }),
    decisionRole: picklist({ label: l('决策角色', 'Decision role'), options: decisionRoles }),
    reportsTo: manyToOne({
      label: l('直属上级', 'Reports to'),
      object: 'contact',
      dependsOn: { field: 'customer', targetField: 'customer' },
    }),
    reports: oneToMany({ label: l('下属', 'Direct reports'), object: 'contact', field: 'reportsTo' }),
    birthday: date({ label: l('生日', 'Birthday') }),
    lunarBirthday: text({
      label: l('农历生日', 'Lunar birthday'),
      maxLength: 10,
      help: l('如：腊月初八、闰四月十五', 'e.g. 腊月初八 or 闰四月十五'),
    }),
    hobbies: text({ label: l('爱好', 'Hobbies'), maxLength: 200 }),
    owner: owner({ label: l('负责人', 'Owner') }),
    tags: tags({ label: l('标签', 'Tags') }),
    notes: longText({ label: l('备注', 'Notes') }),
  },
});
