import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, test } from 'vitest';
import { fieldMeta } from '../../../test/field-meta.ts';
import { FieldDisplay } from './display.tsx';

const show = (value: string) =>
  render(
    <MemoryRouter>
      <FieldDisplay field={fieldMeta('phone', 'phone')} value={value} />
    </MemoryRouter>,
  ).container;

describe('CUS-2 phones on screen as Chinese users write them', () => {
  test('CUS-2 a landline and a mobile are formatted and still dial the stored number', () => {
    const landline = show('+8653286881234');
    expect(landline.textContent).toBe('0532-8688 1234');
    expect(landline.querySelector('a')?.getAttribute('href')).toBe('tel:+8653286881234');
    expect(show('+8613806421234').textContent).toBe('138 0642 1234');
  });

  test('SEC-14 a masked number keeps its stars, in the same layout, and is no link', () => {
    const masked = show('+86138****5678');
    expect(masked.textContent).toBe('138 **** 5678');
    expect(masked.querySelector('a')).toBeNull();
  });
});
