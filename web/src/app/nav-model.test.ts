import type { NavDecl, Operation, Scope } from '@kehu/common';
import { describe, expect, test } from 'vitest';
import type { NavEntry } from '../engine/extensions.ts';
import type { ObjectMeta } from '../engine/metadata.ts';
import { buildNav } from './nav-model.ts';

const meta = (name: string, nav: NavDecl | undefined, rights: Partial<Record<Operation, Scope>>, readOnly = false) =>
  ({
    name,
    label: { 'zh-CN': name },
    title: name,
    titleField: 'name',
    rights,
    fields: [],
    nav,
    readOnly,
  }) as ObjectMeta;

const own = { read: 'own', create: 'own', update: 'own' } as const;
const entries: NavEntry[] = [
  { path: '/', labelKey: 'nav.home', group: 'workbench', order: 10 },
  { path: '/team/calendar', labelKey: 'cal', group: 'workbench', order: 20, replaces: 'event' },
  { path: '/customers/stats', labelKey: 'stats', group: 'reports', order: 10 },
  { path: '/admin/objects', labelKey: 'nav.objects', group: 'settings', order: 40, visible: (e) => e.isAdmin },
];
const lines = (s: ReturnType<typeof buildNav>) => s.map((x) => [x.group, x.lines.map((l) => l.key)]);

describe('the menu by the user’s work', () => {
  test('SEC-2 a salesperson: work groups in order, configuration they only read is not offered', () => {
    const objects = [
      meta('salesStage', { group: 'settings', order: 80 }, { read: 'all', update: 'own' }),
      meta('customer', { group: 'customers', order: 10 }, own),
      meta('event', { group: 'workbench', order: 20 }, own),
      meta('customerPoolRule', { group: 'settings', order: 60 }, own),
      meta('user', { group: 'settings', order: 10 }, { read: 'all' }),
      meta('visit', undefined, own),
      meta('opportunity', { group: 'sales', order: 10 }, own),
      meta('contact', { group: 'customers', order: 20 }, own),
    ];
    expect(lines(buildNav({ objects, isAdmin: false }, entries))).toEqual([
      ['workbench', ['/', '/team/calendar']],
      ['customers', ['/o/customer', '/o/contact', '/o/visit']],
      ['sales', ['/o/opportunity']],
      ['reports', ['/customers/stats']],
    ]);
  });

  test('SEC-2 a manager who edits the department’s pool rules and reads the operation log sees them under settings', () => {
    const objects = [
      meta('customerPoolRule', { group: 'settings', order: 60 }, { read: 'departmentTree', update: 'subordinates' }),
      meta('operationLog', { group: 'settings', order: 100 }, { read: 'department' }, true),
      meta('loginHistory', { group: 'settings', order: 110 }, { read: 'own' }, true),
    ];
    expect(lines(buildNav({ objects, isAdmin: false }, entries, new Set()))).toEqual([
      ['workbench', ['/', '/team/calendar']],
      ['reports', ['/customers/stats']],
      ['settings', ['/o/customerPoolRule', '/o/operationLog']],
    ]);
  });

  test('SEC-2 the administrator: every configuration object and page under settings, in declared order; hidden objects stay out', () => {
    const objects = [
      meta('salesStage', { group: 'settings', order: 80 }, { read: 'all' }),
      meta('customerPoolRule', { group: 'settings', order: 60 }, { read: 'all' }),
      meta('opportunityLine', { group: 'sales', order: 50 }, { read: 'all' }),
    ];
    const settings = buildNav({ objects, isAdmin: true }, entries, new Set(['opportunityLine'])).at(-1);
    expect(settings?.labelKey).toBe('nav.groups.settings');
    expect(settings?.lines.map((l) => l.key)).toEqual(['/admin/objects', '/o/customerPoolRule', '/o/salesStage']);
  });
});
