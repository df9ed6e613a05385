import {
  boolean,
  datetime,
  defineObject,
  integer,
  json,
  manyToOne,
  multiPicklist,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * A user-defined alert (TEAM-5, NOTIF-3): any filter on any object — typed here or taken from a saved view —
 * evaluated on a schedule as its owner (their rights apply); when rows match, the owner is notified.
 */
export const alertRuleObject = defineObject({
  name: 'alertRule',
  label: l('预警规则', 'Alert'),
  nav: { group: 'workbench', order: 40 },
  icon: 'alert',
  titleField: 'name',
  fields: {
    name: text({ label: l('名称', 'Name'), required: true, maxLength: 100, search: 'fuzzy' }),
    view: manyToOne({ object: 'savedView', label: l('视图', 'Saved view'), onDelete: 'setNull' }),
    object: text({ label: l('对象', 'Object'), maxLength: 40 }),
    filter: json({ label: l('筛选条件', 'Filter') }),
    schedule: picklist({
      fixedOptions: true,
      label: l('频率', 'Schedule'),
      required: true,
      default: 'daily',
      options: [
        { value: 'daily', label: l('每天', 'Daily') },
        { value: 'weekly', label: l('每周', 'Weekly') },
        { value: 'cron', label: l('自定义 (cron)', 'Custom (cron)') },
      ],
    }),
    /** Minute hour day month weekday, in the company's time zone; daily/weekly default to 08:00 (Monday). */
    cron: text({ label: l('cron 表达式', 'Cron expression'), maxLength: 100 }),
    channels: multiPicklist({
      fixedOptions: true,
      label: l('通知方式', 'Channels'),
      default: ['inApp'],
      options: [
        { value: 'inApp', label: l('站内', 'In app') },
        { value: 'email', label: l('邮件', 'Email') },
      ],
    }),
    active: boolean({ label: l('启用', 'Active'), default: true }),
    lastRunAt: datetime({ label: l('上次运行', 'Last run'), readOnly: true }),
    lastCount: integer({ label: l('上次匹配数', 'Last count'), readOnly: true }),
    nextRunAt: datetime({ label: l('下次运行', 'Next run'), readOnly: true, index: true }),
    owner: owner({ label: l('所有者', 'Owner') }),
  },
});
