import { translate } from '@kehu/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import { requestLocale } from './locale.ts';

/** Every error leaves as `{ error: { code, message, fields } }`, translated, without stack traces. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | KehuError, req, reply) => {
    const locale = requestLocale(req);
    let e: KehuError;
    if (err instanceof KehuError) e = err;
    else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      e = new KehuError('INVALID_JSON');
    else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new KehuError('PAYLOAD_TOO_LARGE');
    else if ((err as FastifyError).statusCode === 429) e = new KehuError('RATE_LIMITED');
    else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      e = new KehuError('BAD_REQUEST', { detail: 'content-type' }, undefined, 415);
    else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      e = new KehuError('BAD_REQUEST', { detail: (err as FastifyError).code ?? 'request' });
    } else {
      req.log.error({ err }, 'unhandled error');
      e = new KehuError('INTERNAL');
    }
    const fields = e.fields;
    let message = translate(locale, `error.${e.code}`, e.params);
    if (fields && e.code === 'VALIDATION_FAILED') {
      // Named by label when known (as users see the field), with the API name that `fields` carries.
      const named = ([f, c]: [string, string]) => {
        const problem = translate(locale, `field.${c}`, e.fieldParams?.[f]);
        const l = e.fieldLabels?.[f];
        const label = l ? (l[locale] ?? l['zh-CN']) : undefined;
        return label
          ? translate(locale, 'validation.labelledField', { label, field: f, problem })
          : `${f}（${problem}）`;
      };
      message = translate(locale, 'error.VALIDATION_FAILED', { fields: Object.entries(fields).map(named).join('，') });
    }
    // Params let a client act on the error (e.g. CUSTOMER_OWNED: which customer, so a transfer can be requested).
    const params = Object.keys(e.params).length ? { params: e.params } : {};
    void reply.status(e.status).send({ error: { code: e.code, message, ...(fields ? { fields } : {}), ...params } });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: translate(requestLocale(req), 'error.NOT_FOUND') } });
  });
}
