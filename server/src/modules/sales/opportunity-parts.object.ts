import {
  boolean,
  computed,
  date,
  datetime,
  decimal,
  defineObject,
  integer,
  longText,
  manyToOne,
  money,
  owner,
  percent,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { competitorStatuses, l, opportunityStatuses, threatLevels } from './options.ts';

// The parts of an opportunity belong to its owner (kept in step by hooks), so they share its scopes.
const partOwner = () => owner({ label: l('负责人', 'Owner'), readOnly: true });
const parent = () => manyToOne({ label: l('商机', 'Opportunity'), object: 'opportunity', required: true });

/** 商机产品明细 (SAL-1): product, quantity, unit price and amount. */
export const opportunityLineObject = defineObject({
  name: 'opportunityLine',
  label: l('商机产品', 'Opportunity line'),
  titleField: 'name',
  fields: {
    name: text({ label: l('名称', 'Name'), readOnly: true, maxLength: 200 }),
    opportunity: parent(),
    product: manyToOne({ label: l('产品', 'Product'), object: 'product', required: true }),
    quantity: integer({ label: l('数量', 'Quantity'), required: true, min: 1, default: 1 }),
    unitPrice: money({
      label: l('单价', 'Unit price'),
      min: 0,
      help: l('默认取产品标准价格', 'Defaults to the list price'),
    }),
    amount: computed({ label: l('金额', 'Amount'), formula: 'quantity * unitPrice', resultType: 'money' }),
    note: text({ label: l('备注', 'Note'), maxLength: 200 }),
    owner: partOwner(),
  },
});

/** 阶段检查项 (SAL-3): the required tasks of a stage, created when the opportunity enters it. */
export const opportunityTaskObject = defineObject({
  name: 'opportunityTask',
  label: l('阶段任务', 'Stage task'),
  titleField: 'title',
  fields: {
    opportunity: parent(),
    stage: manyToOne({ label: l('阶段', 'Stage'), object: 'salesStage' }),
    title: text({ label: l('任务', 'Task'), required: true, maxLength: 40 }),
    done: boolean({ label: l('已完成', 'Done'), default: false }),
    dueDate: date({ label: l('截止日期', 'Due') }),
    doneAt: datetime({ label: l('完成时间', 'Done at'), readOnly: true }),
    doneBy: manyToOne({ label: l('完成人', 'Done by'), object: 'user', readOnly: true }),
    owner: partOwner(),
  },
});

/** 竞争对手在商机上的情况 (SAL-6): a competitor (a customer of type competitor) and how it stands. */
export const opportunityCompetitorObject = defineObject({
  name: 'opportunityCompetitor',
  label: l('商机竞争对手', 'Competitor on opportunity'),
  titleField: 'name',
  fields: {
    name: text({ label: l('名称', 'Name'), readOnly: true, maxLength: 200 }),
    opportunity: parent(),
    competitor: manyToOne({ label: l('竞争对手', 'Competitor'), object: 'customer', required: true }),
    offer: text({ label: l('对手方案/产品', 'Their offer'), maxLength: 200 }),
    price: money({ label: l('对手报价', 'Their price'), min: 0 }),
    strengths: longText({ label: l('优势', 'Strengths') }),
    weaknesses: longText({ label: l('劣势', 'Weaknesses') }),
    threat: picklist({ label: l('威胁程度', 'Threat'), options: threatLevels, default: 'medium' }),
    status: picklist({ label: l('状态', 'Status'), options: competitorStatuses, default: 'active' }),
    owner: partOwner(),
  },
});

/** 阶段变化 (SAL-2): one row per stage or status change, written by the opportunity hook in the same transaction. */
export const opportunityStageChangeObject = defineObject({
  name: 'opportunityStageChange',
  label: l('商机阶段变化', 'Stage change'),
  apiReadOnly: true,
  noHistory: true,
  fields: {
    opportunity: parent(),
    process: manyToOne({ label: l('销售流程', 'Process'), object: 'salesProcess' }),
    fromStage: manyToOne({ label: l('原阶段', 'From stage'), object: 'salesStage' }),
    toStage: manyToOne({ label: l('新阶段', 'To stage'), object: 'salesStage' }),
    fromStatus: picklist({
      optionsFrom: 'opportunity.status',
      label: l('原状态', 'From status'),
      options: opportunityStatuses,
    }),
    toStatus: picklist({
      optionsFrom: 'opportunity.status',
      label: l('新状态', 'To status'),
      options: opportunityStatuses,
    }),
    changedAt: datetime({ label: l('变化时间', 'Changed at'), required: true, index: true }),
    changedBy: manyToOne({ label: l('操作人', 'Changed by'), object: 'user' }),
    daysInFromStage: decimal({ label: l('原阶段停留天数', 'Days in previous stage'), scale: 2 }),
    amount: money({ label: l('金额', 'Amount') }),
    probability: percent({ label: l('赢率', 'Probability'), scale: 0 }),
    owner: owner({ label: l('负责人', 'Owner') }),
  },
});
