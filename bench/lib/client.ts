/** A signed-in HTTP client for benchmarks: session cookie and CSRF token; anything but 2xx throws. */
export class HttpClient {
  private cookie = '';
  private csrf = '';
  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
    this.cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('kehu_sid='))!
      .split(';')[0];
    this.csrf = body.data.csrfToken;
  }

  private async send(method: string, path: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') Object.assign(headers, { 'x-csrf-token': this.csrf, 'content-type': 'application/json' });
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  get(path: string): Promise<any> {
    return this.send('GET', path);
  }

  post(path: string, body: unknown): Promise<any> {
    return this.send('POST', path, body);
  }
}

/** A client signed in as `username`. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  await client.login(username, password);
  return client;
}
