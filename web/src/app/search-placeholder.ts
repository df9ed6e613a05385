import { navGroups } from '@kehu/common';
import { useTranslation } from 'react-i18next';
import { type ObjectMeta, useLabel } from '../engine/metadata.ts';

/** Groups whose objects people look up first: customers and their contacts, then the sales, then the rest. */
const priority = ['customers', 'sales', ...navGroups.filter((g) => g !== 'customers' && g !== 'sales')];

/**
 * The search box says what it really finds: the first objects global search looks at for this user, in the
 * order of the menu (at most two per group, three in all), e.g. "search customers, contacts, opportunities", never objects the
 * installation does not have.
 */
export function useSearchPlaceholder(objects: ObjectMeta[] | undefined): string {
  const { t } = useTranslation();
  const label = useLabel();
  const searchable = (objects ?? []).filter((o) => o.searchable && o.nav?.group !== 'settings');
  const picked: ObjectMeta[] = [];
  for (const g of priority) {
    const inGroup = searchable
      .filter((o) => (o.nav?.group ?? 'customers') === g)
      .sort((a, b) => (a.nav?.order ?? 900) - (b.nav?.order ?? 900));
    picked.push(...inGroup.slice(0, 2));
  }
  if (picked.length === 0) return t('search.placeholder');
  const names = picked.slice(0, 3).map((o) => label(o.pluralLabel ?? o.label));
  return t('search.placeholderOf', { objects: names.join(t('search.separator')) });
}
