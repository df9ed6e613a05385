import { App, Button, Descriptions, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../engine/api.ts';
import { FieldDisplay } from '../../engine/fields/display.tsx';
import { isRestricted, type RelationValue, relationText } from '../../engine/fields/relation-value.ts';
import { formatDatetime } from '../../engine/format.ts';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { type EntrySource, linksOf } from './calendar-sources.ts';

/**
 * A clicked calendar entry: when, where, the records it is about (each a link), and the way to its own record. A
 * single occurrence of a recurring event can be skipped here.
 */
export function EntryDialog({
  source,
  onClose,
  onChanged,
}: {
  source: EntrySource | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const nav = useNavigate();
  const { message } = App.useApp();
  const object = source?.kind === 'activity' ? 'activity' : 'event';
  const { meta } = useObject(object);
  if (!source) return null;
  const r = source.kind === 'event' ? source.occ : source.record;
  const owner = r.owner as RelationValue | null | undefined;
  const id = source.kind === 'event' ? source.occ.eventId : source.record.id;
  const title = String(source.kind === 'event' ? source.occ.title : source.record.subject);
  const locationField = meta && fieldOf(meta, 'location');
  const fieldLabel = (f: string) => (meta ? label(fieldOf(meta, f)?.label, f) : f);
  const items = [
    {
      key: 'time',
      label: t('team.calendar.time'),
      children:
        source.kind === 'event'
          ? `${formatDatetime(source.occ.start)} – ${formatDatetime(source.occ.end)}`
          : formatDatetime(source.record.time),
    },
    ...(r.location && locationField
      ? [
          {
            key: 'location',
            label: fieldLabel('location'),
            children: <FieldDisplay field={locationField} value={r.location} />,
          },
        ]
      : []),
    ...(owner && (owner.label || isRestricted(owner))
      ? [{ key: 'owner', label: fieldLabel('owner'), children: relationText(owner, t) }]
      : []),
    ...linksOf(r).map((l) => ({
      key: l.field,
      label: fieldLabel(l.field),
      children: l.restricted ? (
        <Typography.Text type="secondary">{t('field.restricted')}</Typography.Text>
      ) : (
        <Link to={`/o/${l.field}/${l.id}`} data-testid={`entry-link-${l.field}`}>
          {l.label}
        </Link>
      ),
    })),
    ...(source.kind === 'activity' && source.record.content
      ? [{ key: 'content', label: fieldLabel('content'), children: String(source.record.content) }]
      : []),
  ];
  const skip = async () => {
    if (source.kind !== 'event') return;
    try {
      await api.post(`/api/calendar/events/${source.occ.eventId}/skip`, { originalStart: source.occ.originalStart });
      message.success(t('team.calendar.skipped'));
      onChanged();
    } catch (e) {
      apiError(e);
    }
  };
  return (
    <Modal
      open
      title={
        <Space wrap>
          {title}
          {source.kind === 'event' && source.occ.recurring && <Tag color="purple">{t('team.calendar.recurring')}</Tag>}
          {source.kind === 'activity' && <Tag color="green">{t('team.calendar.activity')}</Tag>}
        </Space>
      }
      onCancel={onClose}
      footer={
        <Space wrap>
          {source.kind === 'event' && source.occ.recurring && source.occ.editable && (
            <Popconfirm title={t('team.calendar.skipConfirm')} onConfirm={skip}>
              <Button>{t('team.calendar.skip')}</Button>
            </Popconfirm>
          )}
          <Button type="primary" onClick={() => nav(`/o/${object}/${id}`)} data-testid="entry-open">
            {t('team.calendar.openRecord')}
          </Button>
        </Space>
      }
    >
      <div data-testid="entry-dialog">
        <Descriptions column={1} size="small" items={items} />
      </div>
    </Modal>
  );
}
