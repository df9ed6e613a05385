import { Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCompact } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { columnLimit } from './board-data.ts';
import type { FunnelStage } from './sales-api.ts';

/** One stage of the board: its name, count and amount of open opportunities, and a drop target for cards. */
export function BoardColumn({
  stage,
  shown,
  onDrop,
  children,
}: {
  stage: FunnelStage;
  /** How many cards the column shows (the count covers all; a full column links to the rest). */
  shown: number;
  onDrop(): void;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [over, setOver] = useState(false);
  return (
    <section
      className={`sales-column${over ? ' drop-target' : ''}`}
      data-testid="board-column"
      data-stage={stage.stage.id}
      aria-label={stage.stage.label ?? ''}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onDrop();
      }}
    >
      <div className="sales-column-head">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
          <strong>{stage.stage.label}</strong>
          <Typography.Text type="secondary">{`${stage.probability}%`}</Typography.Text>
        </div>
        <Link to={listUrl('opportunity', stage.filter)} data-testid="column-figures">
          <span className="num" data-testid="column-count">
            {t('sales.board.count', { n: stage.count })}
          </span>
          {' · '}
          <span className="num" data-testid="column-amount">
            {formatCompact(stage.amount, i18n.language, '¥')}
          </span>
        </Link>
      </div>
      <div className="sales-column-cards">{children}</div>
      {shown >= columnLimit && stage.count > shown && (
        <Link to={listUrl('opportunity', stage.filter)} style={{ padding: '6px 4px 0', fontSize: 12 }}>
          {t('sales.board.more', { n: stage.count - shown })}
        </Link>
      )}
    </section>
  );
}
