import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { useLabel } from '../metadata.ts';

const hidden = new Set(['password', 'json', 'oneToMany']);

/** Pick and order the list's columns. */
export function ColumnChooser({
  meta,
  columns,
  onChange,
}: {
  meta: ObjectMeta;
  columns: string[];
  onChange(c: string[]): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const fields = meta.fields.filter((f) => !hidden.has(f.type) && !f.internal);
  const ordered = [
    ...columns.map((c) => fields.find((f) => f.name === c)!).filter(Boolean),
    ...fields.filter((f) => !columns.includes(f.name)),
  ];
  const move = (name: string, d: number) => {
    const i = columns.indexOf(name);
    const j = i + d;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = [...columns];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const content = (
    <div style={{ maxHeight: 360, overflow: 'auto', minWidth: 220 }} data-testid="column-chooser">
      {ordered.map((f) => (
        <div key={f.name} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <Checkbox
            style={{ flex: 1 }}
            checked={columns.includes(f.name)}
            onChange={(e) => onChange(e.target.checked ? [...columns, f.name] : columns.filter((c) => c !== f.name))}
          >
            {label(f.label, f.name)}
          </Checkbox>
          {columns.includes(f.name) && (
            <Space size={0}>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                onClick={() => move(f.name, -1)}
                aria-label={t('list.moveUp')}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                onClick={() => move(f.name, 1)}
                aria-label={t('list.moveDown')}
              />
            </Space>
          )}
        </div>
      ))}
    </div>
  );
  return (
    <Popover content={content} title={t('list.columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>
        <span className="hide-mobile">{t('list.columns')}</span>
      </Button>
    </Popover>
  );
}
