import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Input, Switch, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ColorChoice } from './color-choice.tsx';
import { canDeactivate, canRemove, type EditorOption, type EditorProblem } from './dictionary-model.ts';

export interface OptionRowProps {
  option: EditorOption;
  index: number;
  total: number;
  fixed: boolean;
  problem?: EditorProblem;
  onChange(patch: Partial<EditorOption>): void;
  onActive(active: boolean): void;
  onMove(delta: number): void;
  onRemove(): void;
  /** Desktop drag and drop: the key of the row dragged onto this one. */
  onDropRow(from: string): void;
}

/** One option in the dictionary editor: names in both languages, colour, active, usage, order (WF-7). */
export function OptionRow(p: OptionRowProps) {
  const { t } = useTranslation();
  const o = p.option;
  const name = o.zh || o.value || t('dictionary.add');
  const usage = o.count === null ? t('dictionary.usageUnknown') : t('dictionary.usage', { count: o.count });
  return (
    <li
      className={`dictionary-row${o.active ? '' : ' is-inactive'}`}
      data-testid="dictionary-option"
      data-value={o.value ?? ''}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        p.onDropRow(e.dataTransfer.getData('text/plain'));
      }}
    >
      <div className="dictionary-row-order">
        <span
          role="img"
          aria-label={t('dictionary.drag')}
          className="dictionary-handle hide-mobile"
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData('text/plain', o.key);
            const row = e.currentTarget.closest('.dictionary-row');
            if (row) e.dataTransfer.setDragImage(row, 0, 0);
          }}
        >
          <HolderOutlined />
        </span>
        <Button
          size="small"
          type="text"
          icon={<ArrowUpOutlined />}
          disabled={p.index === 0}
          aria-label={`${name} · ${t('dictionary.up')}`}
          onClick={() => p.onMove(-1)}
        />
        <Button
          size="small"
          type="text"
          icon={<ArrowDownOutlined />}
          disabled={p.index === p.total - 1}
          aria-label={`${name} · ${t('dictionary.down')}`}
          onClick={() => p.onMove(1)}
        />
      </div>
      <div className="dictionary-row-names">
        <Input
          size="small"
          aria-label={`${name} · ${t('dictionary.labelZh')}`}
          placeholder={t('dictionary.labelZh')}
          status={p.problem === 'label' ? 'error' : undefined}
          value={o.zh}
          maxLength={100}
          onChange={(e) => p.onChange({ zh: e.target.value })}
        />
        <Input
          size="small"
          aria-label={`${name} · ${t('dictionary.labelEn')}`}
          placeholder={t('dictionary.labelEn')}
          value={o.en}
          maxLength={100}
          onChange={(e) => p.onChange({ en: e.target.value })}
        />
        <Typography.Text type="secondary" className="dictionary-value">
          {t('dictionary.value')}: {o.value ?? t('dictionary.newValue')}
        </Typography.Text>
      </div>
      <div className="dictionary-row-meta">
        <ColorChoice label={name} value={o.color} onChange={(color) => p.onChange({ color })} />
        <Tooltip title={o.keep ? t(`dictionary.keepHint.${o.keep}`) : undefined}>
          <Switch
            size="small"
            aria-label={`${name} · ${t('dictionary.active')}`}
            checked={o.active}
            disabled={o.active && !canDeactivate(o, p.fixed)}
            checkedChildren={t('dictionary.active')}
            unCheckedChildren={t('dictionary.inactive')}
            onChange={p.onActive}
          />
        </Tooltip>
        <span className="dictionary-keep">{o.keep && <Tag>{t(`dictionary.keep.${o.keep}`)}</Tag>}</span>
        <Typography.Text type="secondary" className="dictionary-usage">
          {usage}
        </Typography.Text>
        <span className="dictionary-remove">
          {canRemove(o, p.fixed) && (
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${name} · ${t('dictionary.remove')}`}
              onClick={p.onRemove}
            />
          )}
        </span>
      </div>
    </li>
  );
}
