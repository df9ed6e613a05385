import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, test } from 'vitest';
import { fieldMeta } from '../../../test/field-meta.ts';
import type { ObjectMeta } from '../metadata.ts';
import { recordTitle } from '../metadata.ts';
import { FieldDisplay } from './display.tsx';
import { RelationInput } from './relation-input.tsx';

const field = fieldMeta;

// What the server sends for a relation whose target the reader may not read.
const withheld = { id: 42, label: null, restricted: true };

describe('SEC-2 labels of unreadable records are withheld in the UI', () => {
  test('a withheld many-to-one or owner shows 「无权查看」: no link, no id', () => {
    const { container } = render(
      <MemoryRouter>
        <FieldDisplay field={field('customer', 'manyToOne', { object: 'customer' })} value={withheld} />
        <FieldDisplay field={field('owner', 'owner', { object: 'user' })} value={{ ...withheld, id: 7 }} />
      </MemoryRouter>,
    );
    expect(screen.getAllByText('无权查看')).toHaveLength(2);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).not.toMatch(/42|7/);
  });

  test('in a many-to-many list only the readable items are links', () => {
    const { container } = render(
      <MemoryRouter>
        <FieldDisplay
          field={field('partners', 'manyToMany', { object: 'customer' })}
          value={[{ id: 1, label: '济南重工' }, withheld]}
        />
      </MemoryRouter>,
    );
    const links = container.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('/o/customer/1');
    expect(screen.getByText('无权查看').closest('a')).toBeNull();
    expect(container.textContent).not.toContain('42');
  });

  test('the English text is "No access"', async () => {
    await i18next.changeLanguage('en-US');
    try {
      render(
        <MemoryRouter>
          <FieldDisplay field={field('customer', 'manyToOne', { object: 'customer' })} value={withheld} />
        </MemoryRouter>,
      );
      expect(screen.getByText('No access')).toBeTruthy();
    } finally {
      await i18next.changeLanguage('zh-CN');
    }
  });

  test('a withheld relation as a record title and in an edit form reads 「无权查看」, not its id', () => {
    const meta = { name: 'visit', titleField: 'customer', fields: [] } as unknown as ObjectMeta;
    expect(recordTitle(meta, { id: 5, customer: withheld })).toBe('无权查看');
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
    const { container } = render(
      <QueryClientProvider client={qc}>
        <RelationInput field={field('customer', 'manyToOne', { object: 'customer' })} value={withheld} />
      </QueryClientProvider>,
    );
    expect(container.textContent).toContain('无权查看');
    expect(container.textContent).not.toContain('42');
  });
});
