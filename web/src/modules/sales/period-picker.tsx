import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type PeriodKind, parsePeriod, periodKinds, periodOf, shiftPeriod } from './period.ts';

/** Month, quarter or year, with a picker and previous/next buttons; the value is the API's period text. */
export function PeriodPicker({ value, onChange }: { value: string; onChange(p: string): void }) {
  const { t } = useTranslation();
  const parsed = parsePeriod(value) ?? { kind: 'month' as PeriodKind, day: dayjs() };
  return (
    <Space wrap size={8} data-testid="period-picker">
      <Segmented
        value={parsed.kind}
        onChange={(k) => onChange(periodOf(k as PeriodKind, parsed.day))}
        options={periodKinds.map((k) => ({ value: k, label: t(`sales.period.${k}`) }))}
      />
      <Space.Compact>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('sales.period.previous')}
          onClick={() => onChange(shiftPeriod(value, -1))}
        />
        <DatePicker
          picker={parsed.kind}
          allowClear={false}
          value={parsed.day}
          format={(d) => periodOf(parsed.kind, d)}
          onChange={(d) => d && onChange(periodOf(parsed.kind, d))}
          style={{ width: 130 }}
          data-testid="period-value"
        />
        <Button
          icon={<RightOutlined />}
          aria-label={t('sales.period.next')}
          onClick={() => onChange(shiftPeriod(value, 1))}
        />
      </Space.Compact>
    </Space>
  );
}
