import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLocale, type UiLocale } from './i18n.ts';

/** 中文 / English (OPS-5). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const items = [
    { key: 'zh-CN', label: '简体中文' },
    { key: 'en-US', label: 'English' },
  ];
  return (
    <Dropdown
      menu={{ items, selectedKeys: [i18n.language], onClick: ({ key }) => void switchLocale(key as UiLocale) }}
      trigger={['click']}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('shell.language')} data-testid="language-switch">
        <span className="hide-mobile">{i18n.language === 'en-US' ? 'English' : '中文'}</span>
      </Button>
    </Dropdown>
  );
}
