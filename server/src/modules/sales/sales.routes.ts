import { type AnalysisKey, analysisKeys, type ForecastGroup, forecastGroups, type Metric, metrics } from '@kehu/common';
import type { FastifyInstance } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import { recordId } from '../../engine/records/save.ts';
import { allowParams, ctxOf } from '../../http/context.ts';
import { abcAnalysis } from './abc.service.ts';
import { parseCompare, salesAnalysis } from './analysis.service.ts';
import { salesParamNames, salesParams } from './filters.ts';
import { forecast } from './forecast.service.ts';
import { funnel } from './funnel.service.ts';
import { requirementsFor, stageTimes } from './opportunity.service.ts';
import { parsePeriod, parseRange } from './period.ts';
import { targetRollup } from './rollup.service.ts';

const bad = (detail: string) => new KehuError('BAD_REQUEST', { detail });

function oneOf<T extends string>(v: string | undefined, list: readonly T[], name: string, fallback?: T): T {
  if ((v === undefined || v === '') && fallback !== undefined) return fallback;
  if (!list.includes(v as T)) throw bad(`${name}: ${list.join(', ')}`);
  return v as T;
}

function int(v: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw bad(`${name}: ${min}–${max}`);
  return n;
}

const optionalId = (v: string | undefined, name: string) =>
  v === undefined || v === '' ? undefined : int(v, name, 1, Number.MAX_SAFE_INTEGER, 0);

/** Sales API (SAL-2 … SAL-5, DLR-5); documented in README.md beside this file. */
export function registerSalesRoutes(app: FastifyInstance): void {
  app.get('/api/sales/funnel', async (req) => {
    const q = allowParams(req, [...salesParamNames, 'process', 'from', 'to']);
    return {
      data: await funnel(ctxOf(req), {
        process: optionalId(q.process, 'process'),
        period: parseRange(q.from, q.to),
        params: salesParams(q),
      }),
    };
  });

  app.get('/api/sales/forecast', async (req) => {
    const q = allowParams(req, [...salesParamNames, 'period', 'groupBy']);
    const by = oneOf<ForecastGroup>(q.groupBy, forecastGroups, 'groupBy', 'none');
    return { data: await forecast(ctxOf(req), { period: parsePeriod(q.period), by, params: salesParams(q) }) };
  });

  app.get('/api/sales/targets/rollup', async (req) => {
    const q = allowParams(req, ['period', 'metric']);
    const metric = oneOf<Metric>(q.metric, metrics, 'metric', 'amount');
    return { data: await targetRollup(ctxOf(req), parsePeriod(q.period), metric) };
  });

  app.get('/api/sales/analysis', async (req) => {
    const q = allowParams(req, [...salesParamNames, 'by', 'from', 'to', 'compare', 'limit']);
    const range = parseRange(q.from, q.to);
    if (!range) throw bad('from and to are required');
    return {
      data: await salesAnalysis(ctxOf(req), {
        by: oneOf<AnalysisKey>(q.by, analysisKeys, 'by'),
        range,
        compare: parseCompare(q.compare),
        params: salesParams(q),
        limit: int(q.limit, 'limit', 1, 1000, 100),
      }),
    };
  });

  app.get('/api/sales/analysis/abc', async (req) => {
    const q = allowParams(req, [...salesParamNames, 'from', 'to', 'a', 'b', 'limit']);
    const range = parseRange(q.from, q.to);
    if (!range) throw bad('from and to are required');
    const a = int(q.a, 'a', 1, 99, 80);
    const b = int(q.b, 'b', a + 1, 100, Math.max(95, a + 1));
    const limit = int(q.limit, 'limit', 1, 1000, 100);
    return { data: await abcAnalysis(ctxOf(req), { range, params: salesParams(q), a, b, limit }) };
  });

  app.get<{ Params: { id: string } }>('/api/sales/opportunities/:id/stage-times', async (req) => {
    allowParams(req, []);
    return { data: await stageTimes(ctxOf(req), recordId(req.params.id)) };
  });

  app.get<{ Params: { id: string } }>('/api/sales/opportunities/:id/requirements', async (req) => {
    const q = allowParams(req, ['stage', 'status']);
    if (q.status !== undefined && q.status !== 'won') throw bad('status: won');
    const stage = q.status === 'won' ? null : optionalId(q.stage, 'stage');
    if (stage === undefined) throw bad('stage or status=won');
    return { data: await requirementsFor(ctxOf(req), recordId(req.params.id), stage) };
  });
}
