import { isOptionColor, optionColorNames } from '@kehu/common';
import { ColorPicker, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const none = '';

/**
 * An option's colour (WF-7): one of antd's tag colours by name (they follow the theme), or any hex colour from the
 * picker beside it.
 */
export function ColorChoice({
  value,
  onChange,
  label,
}: {
  value?: string;
  onChange(color: string | undefined): void;
  /** Accessible name of the controls (the option's name). */
  label: string;
}) {
  const { t } = useTranslation();
  const hex = value?.startsWith('#') ? value : undefined;
  const items = [
    { value: none, label: <Tag>{t('dictionary.noColor')}</Tag> },
    ...optionColorNames.map((c) => ({ value: c, label: <Tag color={c}>{t(`dictionary.colors.${c}`)}</Tag> })),
    ...(hex ? [{ value: hex, label: <Tag color={hex}>{hex}</Tag> }] : []),
  ];
  return (
    <Space.Compact>
      <Select
        size="small"
        aria-label={`${label} · ${t('dictionary.color')}`}
        style={{ width: 112 }}
        popupMatchSelectWidth={false}
        value={value ?? none}
        onChange={(v: string) => onChange(v === none ? undefined : v)}
        options={items}
      />
      <ColorPicker
        size="small"
        aria-label={`${label} · ${t('dictionary.customColor')}`}
        value={hex ?? null}
        onChangeComplete={(c) => {
          const next = c.toHexString().slice(0, 7);
          if (isOptionColor(next)) onChange(next);
        }}
      />
    </Space.Compact>
  );
}
