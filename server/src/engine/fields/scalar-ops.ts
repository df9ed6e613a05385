import type { AggregateFn, FilterOp } from '@kehu/common';

export const textOps: readonly FilterOp[] = [
  'eq',
  'ne',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'lt',
  'lte',
  'gt',
  'gte',
];
export const numberOps: readonly FilterOp[] = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
];
export const dateOps: readonly FilterOp[] = [...numberOps, 'within'];
export const choiceOps: readonly FilterOp[] = ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];
export const numberAggregates: readonly AggregateFn[] = ['count', 'sum', 'avg', 'min', 'max'];
export const orderAggregates: readonly AggregateFn[] = ['count', 'min', 'max'];
