import {
  boolean,
  defineObject,
  integer,
  longText,
  manyToOne,
  multiPicklist,
  oneToMany,
  percent,
  tags,
  text,
} from '../../engine/metadata/define.ts';
import { l, productCategories } from './options.ts';

/** 销售流程 (SAL-3): administrators define one per product line; each has ordered stages. */
export const salesProcessObject = defineObject({
  name: 'salesProcess',
  label: l('销售流程', 'Sales process'),
  nav: { group: 'settings', order: 70 },
  pluralLabel: l('销售流程', 'Sales processes'),
  icon: 'apartment',
  defaultSort: { field: 'sortOrder' },
  fields: {
    name: text({ label: l('流程名称', 'Name'), required: true, maxLength: 60 }),
    categories: multiPicklist({
      optionsFrom: 'product.category',
      label: l('适用产品类别', 'Product categories'),
      options: productCategories,
    }),
    isDefault: boolean({
      label: l('默认流程', 'Default'),
      default: false,
      help: l('新商机未指定流程时使用', 'Used for new opportunities that name no process'),
    }),
    active: boolean({ label: l('启用', 'Active'), default: true }),
    sortOrder: integer({ label: l('排序', 'Order'), default: 0 }),
    description: longText({ label: l('说明', 'Description') }),
    stages: oneToMany({ label: l('阶段', 'Stages'), object: 'salesStage', field: 'process' }),
  },
});

/**
 * 销售阶段 (SAL-3): a step of a process with a default probability, the fields and checklist tasks an opportunity
 * needs before it may move past the stage, and a playbook for new salespeople.
 */
export const salesStageObject = defineObject({
  name: 'salesStage',
  label: l('销售阶段', 'Sales stage'),
  nav: { group: 'settings', order: 80 },
  pluralLabel: l('销售阶段', 'Sales stages'),
  icon: 'ordered-list',
  defaultSort: { field: 'sortOrder' },
  fields: {
    name: text({ label: l('阶段名称', 'Name'), required: true, maxLength: 60 }),
    process: manyToOne({ label: l('所属流程', 'Process'), object: 'salesProcess', required: true }),
    sortOrder: integer({ label: l('顺序', 'Order'), required: true, min: 0, max: 1000 }),
    probability: percent({ label: l('默认赢率', 'Default probability'), required: true }),
    requiredFields: tags({
      label: l('必填字段', 'Required fields'),
      help: l(
        '离开此阶段前商机必须填写的字段（字段 API 名称）',
        'Opportunity fields (API names) needed to leave the stage',
      ),
    }),
    requiredTasks: tags({
      label: l('必须完成的任务', 'Required tasks'),
      help: l(
        '进入阶段时生成的检查项，全部完成才能离开此阶段',
        'Checklist items created on entry; all must be done to leave',
      ),
    }),
    playbook: longText({ label: l('阶段指南', 'Playbook') }),
  },
});
