import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export type ReportKind = 'daily' | 'weekly';

/** The report's date: the day, or the Monday of the week (as the server keeps it). */
export function reportPeriod(kind: ReportKind, d: Dayjs): string {
  return (kind === 'weekly' ? d.subtract((d.day() + 6) % 7, 'day') : d).format('YYYY-MM-DD');
}

/** Daily or weekly, and which day or week. */
export function ReportPeriod({
  kind,
  date,
  onChange,
}: {
  kind: ReportKind;
  date: Dayjs;
  onChange(kind: ReportKind, date: Dayjs): void;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Segmented
        value={kind}
        onChange={(v) => onChange(v as ReportKind, date)}
        options={[
          { value: 'daily', label: t('team.reports.daily') },
          { value: 'weekly', label: t('team.reports.weekly') },
        ]}
        data-testid="report-kind"
      />
      <DatePicker
        value={date}
        picker={kind === 'weekly' ? 'week' : 'date'}
        allowClear={false}
        disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'))}
        onChange={(d) => d && onChange(kind, d)}
      />
    </Space>
  );
}
