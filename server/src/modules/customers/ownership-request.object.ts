import {
  autoNumber,
  datetime,
  defineObject,
  longText,
  manyToOne,
  owner,
  picklist,
} from '../../engine/metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

export const transferRequestStatuses = [
  { value: 'pending', label: l('待审批', 'Pending'), color: 'gold' },
  { value: 'approved', label: l('已批准', 'Approved'), color: 'green' },
  { value: 'rejected', label: l('已驳回', 'Rejected'), color: 'red' },
];

/**
 * 客户转移申请 (CUS-8): a salesperson refused because a colleague owns the customer asks for it. The requester is
 * the owner (managers with a subordinates scope see their people's requests); the current owner's manager gets a
 * read share. Written only through /api/customers/… routes.
 */
export const transferRequestObject = defineObject({
  name: 'customerTransferRequest',
  label: l('客户转移申请', 'Customer transfer request'),
  nav: { group: 'customers', order: 60 },
  pluralLabel: l('客户转移申请', 'Customer transfer requests'),
  icon: 'swap',
  titleField: 'code',
  apiReadOnly: true,
  fields: {
    code: autoNumber({ label: l('申请编号', 'Number'), pattern: 'ZY{yyyy}{seq:5}' }),
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer', required: true }),
    owner: owner({ label: l('申请人', 'Requested by') }),
    currentOwner: manyToOne({ label: l('当前负责人', 'Current owner'), object: 'user', readOnly: true }),
    reason: longText({ label: l('申请理由', 'Reason'), required: true }),
    status: picklist({
      fixedOptions: true,
      label: l('状态', 'Status'),
      options: transferRequestStatuses,
      default: 'pending',
      readOnly: true,
    }),
    decidedBy: manyToOne({ label: l('审批人', 'Decided by'), object: 'user', readOnly: true }),
    decidedAt: datetime({ label: l('审批时间', 'Decided at'), readOnly: true }),
    comment: longText({ label: l('审批意见', 'Comment'), readOnly: true }),
  },
});
