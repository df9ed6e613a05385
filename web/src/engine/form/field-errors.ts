import { ApiError } from '../api.ts';

type Translate = (key: string, options: { defaultValue: string }) => string;

/**
 * The field errors of a refused request, for antd's form.setFields: `nameOf` gives the form item a server
 * field's error goes to (undefined: the form has no such item, the error alert shows the message).
 * Screens use it through useApiError.
 */
export function fieldErrors<N>(
  e: unknown,
  t: Translate,
  nameOf: (field: string) => N | undefined,
): { name: N; errors: string[] }[] {
  if (!(e instanceof ApiError) || !e.fields) return [];
  return Object.entries(e.fields).flatMap(([field, code]) => {
    const name = nameOf(field);
    return name === undefined ? [] : [{ name, errors: [t(`fieldError.${code}`, { defaultValue: e.message })] }];
  });
}
