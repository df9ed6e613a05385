import type { ApiClient } from './api-client.ts';

export interface SseEvent {
  event: string;
  data: any;
}

/**
 * A Server-Sent Events reader for tests, as a browser's EventSource would connect: the session cookie, a
 * streamed GET, events parsed as they arrive.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private waiters: Array<() => void> = [];
  ended = false;

  private constructor(private readonly abort: AbortController) {}

  static async open(client: ApiClient, path: string): Promise<SseClient> {
    const abort = new AbortController();
    const res = await fetch(client.baseUrl + path, {
      headers: { cookie: client.cookie ?? '', accept: 'text/event-stream', 'accept-language': client.locale },
      signal: abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`SSE ${path}: ${res.status} ${await res.text()}`);
    const sse = new SseClient(abort);
    void sse.read(res.body);
    return sse;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          this.parse(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
    this.wake();
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    this.events.push({ event, data: JSON.parse(data.join('\n')) });
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The first event (already received or still to come) that matches; fails after `timeoutMs`. */
  async next(match: (e: SseEvent) => boolean, timeoutMs = 20_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      if (this.ended) throw new Error(`stream ended; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server ends the stream. */
  async closedByServer(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.abort.abort();
  }
}
