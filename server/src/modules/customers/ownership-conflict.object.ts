import { defineObject, manyToOne, owner } from '../../engine/metadata/define.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * 撞单记录 (CUS-8): a salesperson met a customer a colleague owns, by typing it (the form's check) or by saving
 * it (refused with CUSTOMER_OWNED). It is what lets them ask for that customer although they cannot read it: a
 * transfer request names a customer the requester can read or has just met this way, never any id. Written by
 * the engine only; the person who met the customer is its owner (managers see their people's).
 */
export const conflictRecordObject = defineObject({
  name: 'customerConflict',
  label: l('撞单记录', 'Ownership conflict'),
  pluralLabel: l('撞单记录', 'Ownership conflicts'),
  icon: 'warning',
  apiReadOnly: true,
  noHistory: true,
  fields: {
    customer: manyToOne({ label: l('客户', 'Customer'), object: 'customer', required: true }),
    owner: owner({ label: l('撞单人', 'Met by') }),
    currentOwner: manyToOne({ label: l('当时的负责人', 'Owner at the time'), object: 'user', readOnly: true }),
  },
});
