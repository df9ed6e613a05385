import { MergeCellsOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import type { ListExtensionProps } from '../../engine/extensions.ts';
import { can, recordTitle } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { MergeDialog, type MergeResult } from './merge-dialog.tsx';

const maxMerge = 21;

/** Undo a merge and reload whatever shows the records involved. */
export function useUndoMerge(object: string) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async (mergeId: number): Promise<boolean> => {
    try {
      await api.post(`/api/merges/${mergeId}/undo`);
      message.success(t('customers.merge.undone'));
      await qc.invalidateQueries({ queryKey: ['records'] });
      await qc.invalidateQueries({ queryKey: ['merges', object] });
      return true;
    } catch (e) {
      apiError(e);
      return false;
    }
  };
}

/** "合并" above the customer and contact lists: enabled with two or more rows ticked (CUS-6). */
export function MergeAction({ meta, selected, refresh }: ListExtensionProps) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const undo = useUndoMerge(meta.name);
  if (!can(meta, 'update') || !can(meta, 'delete')) return null;
  const hint =
    selected.length < 2
      ? t('customers.merge.needTwo')
      : selected.length > maxMerge
        ? t('customers.merge.tooMany', { max: maxMerge })
        : undefined;

  const merged = (r: MergeResult, n: number) => {
    setOpen(false);
    refresh();
    // Related lists of other objects (the survivor's contacts) changed too.
    void qc.invalidateQueries({ queryKey: ['records'] });
    const key = `merge-${r.merge.id}`;
    notification.success({
      key,
      title: t('customers.merge.merged', { n, name: recordTitle(meta, r.record) }),
      description: t('customers.merge.movedSummary', { references: r.moved.references }),
      duration: 15,
      actions: (
        <Button
          size="small"
          data-testid="merge-undo"
          onClick={async () => {
            if (await undo(r.merge.id)) notification.destroy(key);
          }}
        >
          {t('customers.merge.undo')}
        </Button>
      ),
    });
  };

  return (
    <>
      <Tooltip title={hint}>
        <Button
          icon={<MergeCellsOutlined />}
          disabled={hint !== undefined}
          onClick={() => setOpen(true)}
          data-testid="merge-records"
        >
          {t('customers.merge.action')}
        </Button>
      </Tooltip>
      {open && <MergeDialog meta={meta} ids={selected} onClose={() => setOpen(false)} onMerged={merged} />}
    </>
  );
}
