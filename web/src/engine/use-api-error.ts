import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { errorText } from './api-error.ts';
import { fieldErrors } from './form/field-errors.ts';

export interface ApiErrorOptions {
  /** The form whose items show the server's field problems, translated (fieldError.<code>). */
  form?: FormInstance<any>;
  /**
   * The form item a server field's problem goes to: the names the form shares with the server, or a function
   * (undefined: no such item). Without it, every server field goes to the item of the same name.
   */
  fields?: readonly string[] | ((field: string) => string | (string | number)[] | undefined);
  /** Scroll the form to the first field with a problem. */
  scroll?: boolean;
  /** Where the text goes instead of a toast, e.g. a dialog's error alert. */
  show?: (text: string) => void;
}

function nameOf(fields: ApiErrorOptions['fields']): (field: string) => string | (string | number)[] | undefined {
  if (typeof fields === 'function') return fields;
  if (!fields) return (f) => f;
  return (f) => (fields.includes(f) ? f : undefined);
}

/**
 * The one way a screen reports a failed request. The returned function shows the translated text (a toast, or
 * `show`), puts the server's field problems on the form's items, and returns the text. Statuses are treated
 * alike everywhere: 401 — the API client has already sent the user back to sign-in, the server's message says
 * why; 403 and 404 — the server's message (a record one may not see is "not found", no existence leak); 404 and
 * 409 — the lists are read again, so the next attempt starts from the records as they now are (version).
 */
export function useApiError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (e: unknown, options: ApiErrorOptions = {}): string => {
    const text = errorText(e, t);
    const { form, show = (s: string) => void message.error(s) } = options;
    if (form) {
      const problems = fieldErrors(e, t, nameOf(options.fields));
      form.setFields(problems);
      if (options.scroll && problems[0]) form.scrollToField(problems[0].name, { block: 'center' });
    }
    if (e instanceof ApiError && (e.status === 404 || e.status === 409))
      void qc.invalidateQueries({ queryKey: ['records'] });
    show(text);
    return text;
  };
}
