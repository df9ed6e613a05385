import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel, useObjects } from '../engine/metadata.ts';
import { useAuth } from './auth.tsx';
import { systemObjects } from './nav-items.tsx';

/** Start page: a tile per business object the user may read. */
export default function HomePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { me } = useAuth();
  const objects = (useObjects().data ?? []).filter((o) => !systemObjects.has(o.name));
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('home.greeting', { name: me?.user.name ?? '' })}</h2>
      </div>
      {objects.length === 0 ? (
        <Empty description={t('nav.noObjects')} />
      ) : (
        <Row gutter={[12, 12]}>
          {objects.map((o) => (
            <Col key={o.name} xs={12} sm={8} md={6} lg={4}>
              <Link to={`/o/${o.name}`}>
                <Card hoverable size="small">
                  <Typography.Text strong>{label(o.label)}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
