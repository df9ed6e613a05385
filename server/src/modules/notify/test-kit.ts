/** Shared helpers of the notify module's tests: waiting for background jobs (reminders, email, alerts). */

/** Poll `fn` until it returns something other than undefined; fail after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 60_000, pollMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A due time soon enough to wait for: its reminder (one minute before) fires in about five seconds. */
export const soon = () => new Date(Date.now() + 65_000).toISOString();
