import {
  autoNumber,
  boolean,
  computed,
  date,
  datetime,
  defineObject,
  integer,
  longText,
  manyToMany,
  manyToOne,
  money,
  multiPicklist,
  oneToMany,
  owner,
  percent,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { sources } from '../customers/options.ts';
import { closeReasons, l, opportunityStatuses, opportunityWarnings } from './options.ts';

const ofCustomer = { field: 'customer', targetField: 'customer' };
const whenStatus = (...statuses: string[]) => ({ field: 'status', in: statuses });
// The close-out fields mean something once the opportunity is won, lost or abandoned.
const closed = whenStatus('won', 'lost', 'abandoned');

/**
 * 商机 (SAL-1). The stage belongs to a sales process (SAL-3) and is gated by its requirements; the amount is the
 * sum of the product lines when there are any; `weightedAmount` (amount × probability) feeds the forecast (SAL-4).
 */
export const opportunityObject = defineObject({
  name: 'opportunity',
  label: l('商机', 'Opportunity'),
  nav: { group: 'sales', order: 10 },
  pluralLabel: l('商机', 'Opportunities'),
  icon: 'fund',
  titleField: 'name',
  fields: {
    code: autoNumber({ label: l('商机编号', 'Code'), pattern: 'SJ{yyyy}{seq:6}', search: 'exact' }),
    name: text({ label: l('商机名称', 'Name'), required: true, maxLength: 200, search: 'fuzzy' }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer', required: true }),
    contact: manyToOne({ label: l('联系人', 'Contact'), object: 'contact', dependsOn: ofCustomer }),
    dealer: manyToOne({ label: l('经销商', 'Dealer'), object: 'customer' }),
    process: manyToOne({ label: l('销售流程', 'Sales process'), object: 'salesProcess' }),
    stage: manyToOne({
      label: l('销售阶段', 'Stage'),
      object: 'salesStage',
      dependsOn: { field: 'process', targetField: 'process' },
    }),
    probability: percent({ label: l('赢率', 'Probability'), scale: 0 }),
    amount: money({ label: l('预计金额', 'Amount'), min: 0 }),
    weightedAmount: computed({
      label: l('加权金额', 'Weighted amount'),
      formula: 'amount * probability / 100',
      resultType: 'money',
    }),
    expectedCloseDate: date({ label: l('预计成交日期', 'Expected close date'), index: true }),
    committed: boolean({
      label: l('承诺成交', 'Committed'),
      default: false,
      help: l('计入悲观预测', 'Counts in the pessimistic forecast'),
    }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: opportunityStatuses,
      default: 'open',
      required: true,
    }),
    closeReason: picklist({
      label: l('输单/放弃原因', 'Reason lost'),
      options: closeReasons,
      visibleWhen: whenStatus('lost', 'abandoned'),
    }),
    closeNote: longText({ label: l('关闭说明', 'Closing note'), visibleWhen: closed }),
    closedOn: date({ label: l('实际成交日期', 'Closed on'), index: true, visibleWhen: closed }),
    lostTo: manyToOne({ label: l('输给', 'Lost to'), object: 'customer', visibleWhen: whenStatus('lost') }),
    source: picklist({ label: l('商机来源', 'Source'), options: sources }),
    owner: owner({ label: l('负责人', 'Owner') }),
    products: manyToMany({ label: l('产品', 'Products'), object: 'product', readOnly: true }),
    competitorAnalysis: longText({ label: l('竞争分析', 'Competitor analysis') }),
    description: longText({ label: l('需求描述', 'Description') }),
    stageEnteredAt: datetime({ label: l('进入阶段时间', 'In stage since'), readOnly: true }),
    furthestStageOrder: integer({
      label: l('最远阶段序号', 'Furthest stage order'),
      readOnly: true,
      internal: true,
      help: l('曾到达的最远阶段的排序（漏斗用）', 'Order of the furthest stage ever reached (for the funnel)'),
    }),
    warnings: multiPicklist({
      fixedOptions: true,
      label: l('提醒', 'Warnings'),
      options: opportunityWarnings,
      readOnly: true,
    }),
    lines: oneToMany({ label: l('产品明细', 'Product lines'), object: 'opportunityLine', field: 'opportunity' }),
    tasks: oneToMany({ label: l('阶段任务', 'Stage tasks'), object: 'opportunityTask', field: 'opportunity' }),
    competitors: oneToMany({
      label: l('竞争对手', 'Competitors'),
      object: 'opportunityCompetitor',
      field: 'opportunity',
    }),
    stageChanges: oneToMany({
      label: l('阶段变化', 'Stage changes'),
      object: 'opportunityStageChange',
      field: 'opportunity',
    }),
  },
});
