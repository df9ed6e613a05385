import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, test, vi } from 'vitest';
import { fieldMeta } from '../../../test/field-meta.ts';
import type { ObjectMeta } from '../metadata.ts';
import { FieldDisplay } from './display.tsx';
import { FieldInput } from './registry.tsx';
import { changedFields, inputBody, toInput } from './values.ts';

const field = fieldMeta;

describe('field inputs and displays (one per field type)', () => {
  test('money input shows ¥ and thousands separators and hands back exact text', () => {
    const onChange = vi.fn();
    const { container } = render(<FieldInput field={field('amount', 'money')} value="1234.5" onChange={onChange} />);
    expect(container.textContent).toContain('¥');
    const input = container.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe('1,234.50');
    fireEvent.change(input, { target: { value: '98765.43' } });
    expect(onChange).toHaveBeenLastCalledWith('98765.43');
  });

  test('text-like inputs: phone uses the telephone keyboard, email the email one', () => {
    const { container } = render(
      <>
        <FieldInput field={field('mobile', 'phone')} value="" />
        <FieldInput field={field('mail', 'email')} value="" />
      </>,
    );
    const [phone, mail] = container.querySelectorAll('input');
    expect(phone.getAttribute('inputmode')).toBe('tel');
    expect(mail.getAttribute('inputmode')).toBe('email');
  });

  test('picklist shows the option label in the UI language', () => {
    render(
      <FieldInput
        field={field('stage', 'picklist', { options: [{ value: 'a', label: { 'zh-CN': '初访', 'en-US': 'First' } }] })}
        value="a"
      />,
    );
    expect(screen.getByText('初访')).toBeTruthy();
  });

  test('displays: money, yes/no, relations as links, regions by name', () => {
    render(
      <MemoryRouter>
        <FieldDisplay field={field('amount', 'money')} value="12345.6" />
        <FieldDisplay field={field('active', 'boolean')} value={true} />
        <FieldDisplay field={field('owner', 'owner', { object: 'user' })} value={{ id: 3, label: '王丽' }} />
        <FieldDisplay
          field={field('region', 'region')}
          value={{ province: '37', city: '3701', label: '山东省 济南市' }}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText('¥12,345.60')).toBeTruthy();
    expect(screen.getByText('是')).toBeTruthy();
    expect(screen.getByText('王丽').closest('a')?.getAttribute('href')).toBe('/o/user/3');
    expect(screen.getByText('山东省 济南市')).toBeTruthy();
  });

  test('values sent to the API: ids for relations, codes for regions, only changes on update', () => {
    expect(toInput(field('owner', 'owner'), { id: 3, label: '王丽' })).toBe(3);
    expect(toInput(field('roles', 'manyToMany'), [{ id: 1 }, { id: 2 }])).toEqual([1, 2]);
    expect(toInput(field('region', 'region'), { province: '37', city: '3701', label: 'x' })).toEqual({
      province: '37',
      city: '3701',
      district: null,
    });
    expect(toInput(field('amount', 'money'), '1,234.50')).toBe('1234.50');
    expect(toInput(field('name', 'text'), '  ')).toBeNull();
    const meta = {
      name: 'visit',
      fields: [field('name', 'text'), field('amount', 'money'), field('owner', 'owner'), field('password', 'password')],
    } as ObjectMeta;
    const before = { name: '拜访', amount: '10.00', owner: { id: 1, label: 'a' } };
    expect(
      inputBody(meta, { ...before, amount: '12.00', owner: { id: 1, label: 'renamed' }, password: '' }, before),
    ).toEqual({ amount: '12.00' });
    expect(inputBody(meta, { name: '新', amount: '' })).toEqual({ name: '新' });
    expect(changedFields(meta, before, { ...before, name: '别的' }).map((f) => f.name)).toEqual(['name']);
  });
});
