import { pipelineEn, pipelineZh } from './pipeline.i18n.ts';
import { reportsEn, reportsZh } from './reports.i18n.ts';

/** UI strings of the sales module (used as t('sales.<part>.…')); both languages have the same keys. */
export const zhCN = { ...pipelineZh, ...reportsZh };
export const enUS: typeof zhCN = { ...pipelineEn, ...reportsEn };
