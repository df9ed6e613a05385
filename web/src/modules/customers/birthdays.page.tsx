import { GiftOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Empty, List } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BirthdayLine } from './birthday-line.tsx';
import { useBirthdays } from './birthdays-query.ts';

/** 本月生日 (CUS-10): contacts whose solar or lunar birthday falls in the chosen month. */
export default function BirthdaysPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : dayjs().format('YYYY-MM');
  const q = useBirthdays(month);
  return (
    <div className="page" data-testid="birthdays-page">
      <div className="page-header">
        <h2>
          <GiftOutlined /> {t('customers.contacts.birthdaysOf', { month })}
        </h2>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          data-testid="birthday-month"
        />
      </div>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} style={{ marginBottom: 12 }} />}
      {q.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('customers.contacts.truncated', { n: q.data.items.length })}
        />
      )}
      <Card size="small" loading={q.isLoading}>
        {q.data && q.data.items.length === 0 ? (
          <Empty description={t('customers.contacts.birthdaysEmpty')} />
        ) : (
          <List
            dataSource={q.data?.items ?? []}
            rowKey={(i) => `${i.contact.id}-${i.kind}`}
            renderItem={(item) => (
              <List.Item>
                <BirthdayLine item={item} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
