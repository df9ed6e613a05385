/** A small HTTP client for tests: real requests to the real server, with the session cookie and CSRF token. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  cookie?: string;
  csrf?: string;
  locale = 'zh-CN';

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { 'accept-language': this.locale, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const set = res.headers.getSetCookie();
    for (const c of set) if (c.startsWith('kehu_sid=')) this.cookie = c.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** GET /api/objects/:object with a filter tree and other list parameters. */
  list<T = any>(object: string, params: Record<string, unknown> = {}) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) qs.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const s = qs.toString();
    return this.get<T>(`/api/objects/${object}${s ? `?${s}` : ''}`);
  }

  async login(username: string, password: string): Promise<ApiResponse> {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.data.csrfToken;
    return r;
  }
}
