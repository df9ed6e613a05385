import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, test } from 'vitest';
import { fieldMeta as field } from '../../../test/field-meta.ts';
import { FieldDisplay } from '../fields/display.tsx';
import type { ObjectMeta } from '../metadata.ts';
import { defaultColumns, formFields, isVisible } from '../metadata.ts';
import { dependencyProps, dependentsOf } from './form-behaviour.ts';

const contact = field('contact', 'manyToOne', {
  object: 'contact',
  dependsOn: { field: 'customer', targetField: 'customer' },
});
const opportunity = {
  name: 'opportunity',
  titleField: 'name',
  fields: [
    field('name', 'text'),
    field('customer', 'manyToOne', { object: 'customer' }),
    contact,
    field('status', 'picklist'),
    field('lostTo', 'manyToOne', { object: 'customer', visibleWhen: { field: 'status', in: ['lost'] } }),
    field('furthestStageOrder', 'integer', { internal: true }),
  ],
} as unknown as ObjectMeta;
const onForm = new Set(['customer', 'contact']);
const labelOf = (n: string) => ({ customer: '客户' })[n] ?? n;

describe('SAL-1 declared form behaviour', () => {
  test('SAL-1 a dependent picker waits for what it depends on, then offers only matching records', () => {
    expect(dependencyProps(contact, {}, onForm, labelOf)).toEqual({ waitingFor: '客户' });
    expect(dependencyProps(contact, { customer: { id: 7, label: '济南' } }, onForm, labelOf)).toEqual({
      filter: { field: 'customer', op: 'eq', value: 7 },
    });
    // Not on the form (e.g. hidden by a layout): the picker is not held back.
    expect(dependencyProps(contact, {}, new Set(['contact']), labelOf)).toEqual({});
  });

  test('SAL-1 a new customer empties the contact; choosing both at once keeps them', () => {
    expect(dependentsOf(opportunity, { customer: { id: 8 } })).toEqual(['contact']);
    expect(dependentsOf(opportunity, { customer: { id: 8 }, contact: { id: 3 } })).toEqual([]);
    expect(dependentsOf(opportunity, { name: 'x' })).toEqual([]);
  });

  test('SAL-1 close-out fields show only for their status; internal fields are on no form or list', () => {
    const lostTo = opportunity.fields.find((f) => f.name === 'lostTo')!;
    expect(isVisible(lostTo, { status: 'open' })).toBe(false);
    expect(isVisible(lostTo, { status: 'lost' })).toBe(true);
    expect(formFields(opportunity).map((f) => f.name)).not.toContain('furthestStageOrder');
    expect(defaultColumns(opportunity)).not.toContain('furthestStageOrder');
  });

  test('SAL-1 a computed money field shows as money, with 万 when large', () => {
    const weighted = field('weightedAmount', 'computed', { resultType: 'money' });
    const { container } = render(
      <MemoryRouter>
        <FieldDisplay field={weighted} value="250000.00" compact />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe('¥250,000.00(25万)');
    render(<FieldDisplay field={weighted} value="9999.50" compact />);
    expect(screen.getByText('¥9,999.50')).toBeTruthy();
  });
});
