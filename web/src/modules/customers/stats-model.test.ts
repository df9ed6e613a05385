import { describe, expect, test } from 'vitest';
import { both, groupFilter, keyId, share, statsFilter, through } from './stats-model.ts';

describe('CUS-4 statistics drill-down filters', () => {
  test('CUS-4 each group becomes the list filter of its customers', () => {
    expect(groupFilter('industry', 'fire')).toEqual({ field: 'industry', op: 'eq', value: 'fire' });
    expect(groupFilter('owner', { id: 7, label: '张伟' })).toEqual({ field: 'owner', op: 'eq', value: 7 });
    expect(groupFilter('region', { province: '37', city: null, label: '山东省' })).toEqual({
      field: 'region',
      op: 'eq',
      value: '37',
    });
    expect(groupFilter('level', null)).toEqual({ field: 'level', op: 'isEmpty' });
    expect(groupFilter('region', null)).toEqual({ field: 'region', op: 'isEmpty' });
  });

  test('CUS-4 a month is its first instant up to the next month in China Standard Time, across the year end', () => {
    expect(groupFilter('month', '2025-12-01')).toEqual({
      and: [
        { field: 'createdAt', op: 'gte', value: '2025-12-01T00:00:00+08:00' },
        { field: 'createdAt', op: 'lt', value: '2026-01-01T00:00:00+08:00' },
      ],
    });
  });

  test('CUS-4 the page filter joins the group filter, and is seen through a relation for other objects', () => {
    const page = statsFilter({ type: 'dealer', owner: 3, period: 'thisYear' });
    expect(page).toEqual({
      and: [
        { field: 'type', op: 'eq', value: 'dealer' },
        { field: 'owner', op: 'eq', value: 3 },
        { field: 'createdAt', op: 'within', value: 'thisYear' },
      ],
    });
    expect(statsFilter({})).toBeUndefined();
    expect(both(undefined, { field: 'level', op: 'isEmpty' })).toEqual({ field: 'level', op: 'isEmpty' });
    expect(through('customer', statsFilter({ type: 'dealer' }))).toEqual({
      field: 'customer.type',
      op: 'eq',
      value: 'dealer',
    });
    expect(keyId({ id: 3, label: 'x' })).toBe('3');
    expect(keyId({ province: '37' })).toBe('37');
    expect(share(1, 3)).toBe(33.3);
    expect(share(0, 0)).toBe(0);
  });
});
