import type { Locale } from '@kehu/common';
import type { FastifyRequest } from 'fastify';

/** zh-CN unless the client asks for English (`?lang=en-US` or Accept-Language). */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en-US' || q === 'zh-CN') return q;
  const h = req.headers['accept-language'];
  if (typeof h === 'string' && /^en\b/i.test(h.trim())) return 'en-US';
  return 'zh-CN';
}
