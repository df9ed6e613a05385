import { useQuery } from '@tanstack/react-query';
import { api } from '../../engine/api.ts';

export interface BirthdayItem {
  contact: { id: number; name?: string };
  customer: { id: number; label?: string } | null;
  title?: string;
  mobile?: string;
  kind: 'solar' | 'lunar';
  /** This year's date, 'YYYY-MM-DD'. */
  date: string;
  birthday?: string;
  lunarBirthday?: string;
  age: number | null;
}

export interface BirthdayMonth {
  month: string;
  items: BirthdayItem[];
  truncated: boolean;
}

/** Contacts with a birthday in a month ('YYYY-MM'), as the server's access rules allow (CUS-10). */
export function useBirthdays(month: string) {
  return useQuery({
    queryKey: ['records', 'contact', 'birthdays', month],
    queryFn: () => api.get<{ data: BirthdayMonth }>(`/api/contacts/birthdays?month=${month}`).then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}
