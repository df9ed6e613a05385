/** The API client: JSON in and out, the session cookie, the CSRF token on writes, the UI language. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let locale = 'zh-CN';
let onUnauthenticated: (() => void) | undefined;

export const setCsrfToken = (t: string | undefined) => {
  csrfToken = t;
};
export const setApiLocale = (l: string) => {
  locale = l;
};
export const onSessionLost = (fn: () => void) => {
  onUnauthenticated = fn;
};

async function parse(res: Response): Promise<any> {
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return body;
  const e = body?.error ?? {};
  if (res.status === 401 && e.code !== 'LOGIN_FAILED') onUnauthenticated?.();
  throw new ApiError(res.status, e.code ?? 'HTTP_ERROR', e.message ?? res.statusText, e.fields, e.params);
}

function headers(method: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = { 'accept-language': locale };
  if (json) h['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  return h;
}

const early = new Map<string, Promise<Response>>();

/**
 * Sends a GET at once, before the code that needs its answer has loaded: the first `request` for that path takes the
 * answer instead of asking again (later ones ask the server as usual).
 */
export function requestEarly(path: string) {
  early.set(path, fetch(path, { headers: headers('GET', false), credentials: 'same-origin' }));
}

export async function request<T = any>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const sent = method === 'GET' ? early.get(path) : undefined;
  early.delete(path);
  const res = await (sent ??
    fetch(path, {
      method,
      headers: headers(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    }));
  return parse(res);
}

export const api = {
  get: <T = any>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T = any>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T = any>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T = any>(path: string) => request<T>('DELETE', path),
  /** Multipart upload (files, imports). */
  async upload<T = any>(path: string, form: FormData): Promise<T> {
    const res = await fetch(path, { method: 'POST', headers: headers('POST', false), body: form });
    return parse(res);
  },
};

/** Query string from a plain object; objects are sent as JSON (filters). */
export function qs(params: Record<string, unknown>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    u.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}
