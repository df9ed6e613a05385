import {
  attachments,
  autoNumber,
  date,
  datetime,
  defineObject,
  manyToOne,
  money,
  owner,
  picklist,
  text,
} from '../../engine/metadata/define.ts';
import { expenseCategories, expenseStatuses, l } from './options.ts';

/**
 * 费用 (TEAM-6). `status` is read-only on the generic API: users submit and withdraw through
 * /api/expenses/:id/submit|withdraw; approval (WF) sets approved/rejected/paid with internal writes. Submitted,
 * approved and paid expenses are locked (expense.hooks.ts). `opportunity` and `order` links are added at setup when
 * those objects exist (links.ts).
 */
export const expenseObject = defineObject({
  name: 'expense',
  label: l('费用', 'Expense'),
  nav: { group: 'team', order: 30 },
  pluralLabel: l('费用', 'Expenses'),
  icon: 'account-book',
  titleField: 'code',
  fields: {
    code: autoNumber({ label: l('费用单号', 'Number'), pattern: 'FY{yyyy}{seq:6}', search: 'exact' }),
    date: date({ label: l('发生日期', 'Date'), required: true, index: true }),
    category: picklist({ label: l('费用类别', 'Category'), options: expenseCategories, required: true }),
    amount: money({ label: l('金额', 'Amount'), min: 0, required: true }),
    description: text({ label: l('说明', 'Description'), maxLength: 500, search: 'fuzzy' }),
    receipts: attachments({ label: l('票据', 'Receipts') }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer' }),
    activity: manyToOne({ label: l('活动', 'Activity'), object: 'activity' }),
    owner: owner({ label: l('报销人', 'Claimant') }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: expenseStatuses,
      readOnly: true,
      index: true,
    }),
    submittedAt: datetime({ label: l('提交时间', 'Submitted'), readOnly: true }),
  },
});
