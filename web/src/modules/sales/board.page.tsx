import { FunnelPlotOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { formatCompact } from '../../engine/format.ts';
import type { RecordData } from '../../engine/records.ts';
import './board.css';
import { BoardCard } from './board-card.tsx';
import { BoardColumn } from './board-column.tsx';
import { useBoard } from './board-data.ts';
import { PipelineToolbar, usePipelineQuery } from './pipeline-toolbar.tsx';
import { useFunnel } from './sales-api.ts';
import { StagePanel } from './stage-panel.tsx';

/** 商机看板 (SAL-2): open opportunities by stage; drag a card to move it, the stage gate (SAL-3) may refuse. */
export default function BoardPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const q = usePipelineQuery();
  const funnel = useFunnel(q.params);
  const board = useBoard(funnel.data);
  const dragged = useRef<RecordData>(undefined);
  const [open, setOpen] = useState<RecordData>();
  const stages = funnel.data?.stages ?? [];
  const refs = stages.map((s) => s.stage);

  const move = async (card: RecordData, to: number) => {
    const name = refs.find((s) => s.id === to)?.label ?? '';
    if (await board.move(card, to)) message.success(t('sales.board.moved', { name: card.name, stage: name }));
  };

  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('sales.board.title')}</h2>
        <Link to="/sales/funnel">
          <Button icon={<FunnelPlotOutlined />}>{t('sales.funnel.title')}</Button>
        </Link>
      </div>
      <div style={{ marginBottom: 12 }}>
        <PipelineToolbar q={q} shownProcess={funnel.data?.process?.id} />
      </div>
      {funnel.error && <Alert type="error" showIcon title={(funnel.error as Error).message} />}
      {board.error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: board.clearError }}
          data-testid="move-refused"
          style={{ marginBottom: 12 }}
          title={t('sales.board.refused', { name: board.error.name })}
          description={board.error.message}
          action={
            <Button size="small" onClick={() => setOpen(findCard(board.error!.id))}>
              {t('sales.board.openChecklist')}
            </Button>
          }
        />
      )}
      {funnel.data?.open && (
        <Typography.Paragraph type="secondary" data-testid="board-totals">
          {t('sales.board.totals', {
            n: funnel.data.open.count,
            amount: formatCompact(funnel.data.open.amount, i18n.language, '¥'),
            weighted: formatCompact(funnel.data.open.weightedAmount, i18n.language, '¥'),
          })}
        </Typography.Paragraph>
      )}
      {funnel.isLoading ? (
        <Loading />
      ) : stages.length === 0 ? (
        <Empty description={t('sales.board.noProcess')} />
      ) : (
        <div className="sales-board" data-testid="sales-board">
          {stages.map((s, i) => {
            const cards = board.cardsOf(s, i);
            return (
              <BoardColumn
                key={s.stage.id}
                stage={s}
                shown={cards.length}
                onDrop={() => {
                  const card = dragged.current;
                  dragged.current = undefined;
                  if (card) void move(card, s.stage.id);
                }}
              >
                {cards.map((c) => (
                  <BoardCard
                    key={c.id}
                    card={c}
                    stages={refs}
                    moving={board.moving === c.id}
                    refused={board.error?.id === c.id}
                    onDragStart={(e) => {
                      dragged.current = c;
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', String(c.id));
                    }}
                    onMove={(to) => void move(c, to)}
                    onOpen={() => setOpen(c)}
                  />
                ))}
              </BoardColumn>
            );
          })}
        </div>
      )}
      <Drawer
        open={!!open}
        onClose={() => {
          setOpen(undefined);
          // Ticked tasks may have changed the cards' versions and what the gate allows.
          void qc.invalidateQueries({ queryKey: ['sales'] });
        }}
        title={open ? String(open.name) : ''}
        size={mobile ? '100%' : 480}
        extra={open && <Link to={`/o/opportunity/${open.id}`}>{t('sales.board.openRecord')}</Link>}
        destroyOnHidden
      >
        {open && <StagePanel id={open.id} vertical />}
      </Drawer>
    </div>
  );

  function findCard(id: number): RecordData | undefined {
    for (const [i, s] of stages.entries()) {
      const c = board.cardsOf(s, i).find((x) => x.id === id);
      if (c) return c;
    }
    return undefined;
  }
}
