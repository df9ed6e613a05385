import { ApiError } from './api.ts';

type Translate = (key: string) => string;

/** What a refusal without the server's own message (a proxy's page, an empty body) says, by HTTP status. */
const byStatus: Record<number, string> = {
  401: 'error.unauthenticated',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
};

/**
 * The text a user reads for a failed request: the server's translated message (it answers in the UI language),
 * a translated text by status when the server gave none, and "network error" when no answer came at all.
 * Free of antd, so the sign-in page can use it too.
 */
export function errorText(e: unknown, t: Translate): string {
  if (!(e instanceof ApiError)) return t('error.network');
  if (e.code !== 'HTTP_ERROR' && e.message) return e.message;
  return t(byStatus[e.status] ?? (e.status >= 500 ? 'error.server' : 'error.network'));
}
