import { api } from '../../engine/api.ts';
import type { FormSaver } from '../../engine/extensions.ts';
import { isEmptyValue } from '../../engine/fields/validate.ts';
import { inputBody } from '../../engine/fields/values.ts';
import type { RecordData } from '../../engine/records.ts';

/** The form values of the first-contact panel live under this name (`firstContact.mobile`). */
export const firstContactKey = 'firstContact';
/** The contact fields the panel asks for. */
export const firstContactFields = ['name', 'mobile', 'title', 'department'];

/**
 * A new customer typed with a first contact is saved with it in one request (`POST /api/customers/with-contact`,
 * one transaction): a bad contact leaves no customer behind, and its problems show on the panel's fields.
 */
export const firstContactSaver: FormSaver = {
  object: 'customer',
  key: 'first-contact',
  save({ objects, body, values }) {
    const typed = (values[firstContactKey] ?? {}) as Record<string, unknown>;
    const contactMeta = objects.find((o) => o.name === 'contact');
    if (!contactMeta || Object.values(typed).every(isEmptyValue)) return undefined;
    const contact = inputBody(contactMeta, typed);
    return api
      .post<{ data: RecordData }>('/api/customers/with-contact', { customer: body, contact })
      .then((r) => r.data);
  },
  errorField(field) {
    const [head, name] = field.split('.');
    return head === 'contact' && firstContactFields.includes(name) ? [firstContactKey, name] : undefined;
  },
};
