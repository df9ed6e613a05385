import { Card, Col, Empty, Row, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { webModules } from '../engine/extensions.ts';
import { useLabel, useObjects } from '../engine/metadata.ts';
import { useAuth } from './auth.tsx';
import { Loading } from './loading.tsx';
import { useNavSections } from './nav-items.tsx';

/** Start page: the modules' workbench cards, then a tile per business object the user may read, in menu order. */
export default function HomePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { me } = useAuth();
  const sections = useNavSections(useObjects().data, !!me?.isAdmin);
  const objects = sections
    .filter((s) => s.group !== 'settings')
    .flatMap((s) => s.lines.flatMap((l) => (l.kind === 'object' ? [l.object] : [])));
  const widgets = webModules().flatMap((m) => m.homeWidgets ?? []);
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('home.greeting', { name: me?.user.name ?? '' })}</h2>
      </div>
      {widgets.length > 0 && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {widgets.map(({ key, Component, wide }) => (
            <Col key={key} xs={24} lg={wide ? 24 : 12}>
              <Suspense fallback={<Loading />}>
                <Component />
              </Suspense>
            </Col>
          ))}
        </Row>
      )}
      {objects.length === 0 ? (
        <Empty description={t('nav.noObjects')} />
      ) : (
        <Row gutter={[12, 12]}>
          {objects.map((o) => (
            <Col key={o.name} xs={12} sm={8} md={6} lg={4}>
              <Link to={`/o/${o.name}`}>
                <Card hoverable size="small">
                  <Typography.Text strong>{label(o.pluralLabel ?? o.label)}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
