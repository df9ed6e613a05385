import {
  datetime,
  defineObject,
  integer,
  longText,
  manyToOne,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { l, taskPriorities, taskStatuses } from './options.ts';

/** 任务 (TEAM-3). The assignee is the owner (scopes follow it); `completedAt` is kept by the hooks. */
export const taskObject = defineObject({
  name: 'task',
  label: l('任务', 'Task'),
  nav: { group: 'workbench', order: 30 },
  pluralLabel: l('任务', 'Tasks'),
  icon: 'check-square',
  titleField: 'title',
  fields: {
    title: text({ label: l('任务', 'Title'), required: true, maxLength: 200, search: 'fuzzy' }),
    description: longText({ label: l('说明', 'Description') }),
    owner: owner({ label: l('执行人', 'Assignee') }),
    dueAt: datetime({ label: l('截止时间', 'Due'), index: true }),
    priority: picklist({ label: l('优先级', 'Priority'), options: taskPriorities, default: 'normal', required: true }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: taskStatuses,
      default: 'todo',
      required: true,
      index: true,
    }),
    completedAt: datetime({ label: l('完成时间', 'Completed'), readOnly: true, index: true }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer' }),
    contact: manyToOne({ label: l('联系人', 'Contact'), object: 'contact' }),
    reminderMinutes: integer({ label: l('提前提醒（分钟）', 'Remind before (minutes)'), min: 0, max: 40_320 }),
  },
});
