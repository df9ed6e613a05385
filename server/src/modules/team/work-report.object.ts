import {
  date,
  datetime,
  defineObject,
  longText,
  manyToOne,
  oneToMany,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { l, reportKinds, reportStatuses } from './options.ts';

/**
 * 工作报告 (TEAM-4): one daily or weekly report per author and period (weekly periods start on Monday). Managers
 * read their department's reports through their read scope; a submitted report changes only after it is taken back
 * to draft.
 */
export const workReportObject = defineObject({
  name: 'workReport',
  label: l('工作报告', 'Work report'),
  nav: { group: 'team', order: 10 },
  pluralLabel: l('工作报告', 'Work reports'),
  icon: 'file-text',
  titleField: 'title',
  fields: {
    title: text({ label: l('标题', 'Title'), readOnly: true, maxLength: 100 }),
    kind: picklist({
      fixedOptions: true,
      label: l('类型', 'Kind'),
      options: reportKinds,
      default: 'daily',
      required: true,
    }),
    period: date({ label: l('日期', 'Date'), required: true, index: true, help: l('周报为周一', 'Monday for weekly') }),
    done: longText({ label: l('今日/本周完成', 'Done') }),
    plan: longText({ label: l('明日/下周计划', 'Plan') }),
    problems: longText({ label: l('问题与需要的支持', 'Problems') }),
    owner: owner({ label: l('汇报人', 'Author') }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: reportStatuses,
      default: 'draft',
      required: true,
    }),
    submittedAt: datetime({ label: l('提交时间', 'Submitted'), readOnly: true }),
    comments: oneToMany({ label: l('批注', 'Comments'), object: 'workReportComment', field: 'report' }),
  },
});

/** 报告批注: a manager's comment; the report's author gets a read share so they see it. */
export const workReportCommentObject = defineObject({
  name: 'workReportComment',
  label: l('报告批注', 'Report comment'),
  pluralLabel: l('报告批注', 'Report comments'),
  icon: 'comment',
  titleField: 'content',
  fields: {
    report: manyToOne({ label: l('工作报告', 'Report'), object: 'workReport', required: true }),
    content: longText({ label: l('批注', 'Comment'), required: true }),
    owner: owner({ label: l('批注人', 'Author') }),
  },
});
