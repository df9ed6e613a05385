import { SwapOutlined } from '@ant-design/icons';
import { Button, Dropdown, Tag, Typography } from 'antd';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type RelationValue, relationText } from '../../engine/fields/relation-value.ts';
import { formatDate, formatMoney } from '../../engine/format.ts';
import type { RecordData } from '../../engine/records.ts';
import type { Ref } from './sales-api.ts';

/** A relation on the card (customer, owner): its label, or 「无权查看」 when the reader may not see it. */
const relation = (v: unknown, t: (key: string) => string) =>
  v && typeof v === 'object' ? relationText(v as RelationValue, t, '') : '';

/**
 * One opportunity on the board: dragged with the mouse (HTML5 drag and drop), or moved with its menu — the way on
 * touch screens and keyboards. Its title opens its stage panel.
 */
export function BoardCard({
  card,
  stages,
  moving,
  refused,
  onDragStart,
  onMove,
  onOpen,
}: {
  card: RecordData;
  stages: Ref[];
  moving: boolean;
  refused: boolean;
  onDragStart(e: DragEvent): void;
  onMove(stage: number): void;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const current = Number(card.stage?.id);
  const late = Array.isArray(card.warnings) && card.warnings.includes('closeDatePast');
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drag source; keyboards and touch use the move menu
    <div
      className={`sales-card${moving ? ' moving' : ''}${refused ? ' refused' : ''}`}
      draggable={!moving}
      onDragStart={onDragStart}
      data-testid="board-card"
      data-id={card.id}
    >
      <div className="sales-card-title">
        <button type="button" className="sales-card-open" onClick={onOpen} data-testid="card-open">
          {String(card.name ?? '')}
        </button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: stages
              .filter((s) => s.id !== current)
              .map((s) => ({ key: String(s.id), label: t('sales.board.moveTo', { stage: s.label }) })),
            onClick: ({ key }) => onMove(Number(key)),
          }}
        >
          <Button
            size="small"
            type="text"
            icon={<SwapOutlined />}
            aria-label={t('sales.board.move')}
            data-testid="card-move"
          />
        </Dropdown>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {relation(card.customer, t)}
      </Typography.Text>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4, marginTop: 4, flexWrap: 'wrap' }}>
        <span className="num">{formatMoney(card.amount)}</span>
        <Typography.Text type={late ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {formatDate(card.expectedCloseDate)}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4, marginTop: 4, fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {relation(card.owner, t)}
        </Typography.Text>
        <span>
          {card.committed === true && <Tag color="gold">{t('sales.board.committed')}</Tag>}
          {card.probability !== null && card.probability !== undefined && <Tag>{`${card.probability}%`}</Tag>}
        </span>
      </div>
    </div>
  );
}
