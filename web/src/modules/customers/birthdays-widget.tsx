import { GiftOutlined } from '@ant-design/icons';
import { Card, Empty, List, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useObject } from '../../engine/metadata.ts';
import { BirthdayLine } from './birthday-line.tsx';
import { useBirthdays } from './birthdays-query.ts';

const shown = 6;

/** Home card: the next few contact birthdays (this month and next), for a timely call or greeting. */
export default function BirthdaysWidget() {
  const { meta } = useObject('contact');
  return can(meta, 'read') ? <Upcoming /> : null;
}

function Upcoming() {
  const { t } = useTranslation();
  const today = dayjs().startOf('day');
  const now = useBirthdays(today.format('YYYY-MM'));
  const next = useBirthdays(today.add(1, 'month').format('YYYY-MM'));
  const todayText = today.format('YYYY-MM-DD');
  const items = [...(now.data?.items ?? []), ...(next.data?.items ?? [])]
    .filter((i) => i.date >= todayText)
    .slice(0, shown);
  const inDays = (date: string) => {
    const n = dayjs(date).diff(today, 'day');
    return n === 0 ? t('customers.contacts.today') : t('customers.contacts.inDays', { n });
  };
  return (
    <Card
      size="small"
      title={
        <span>
          <GiftOutlined /> {t('customers.contacts.upcomingBirthdays')}
        </span>
      }
      extra={<Link to="/contacts/birthdays">{t('customers.contacts.allBirthdays')}</Link>}
      loading={now.isLoading}
      data-testid="birthdays-widget"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.contacts.upcomingEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey={(i) => `${i.contact.id}-${i.kind}`}
          renderItem={(item) => (
            <List.Item>
              <BirthdayLine
                item={item}
                extra={<Tag color={item.date === todayText ? 'magenta' : undefined}>{inDays(item.date)}</Tag>}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
