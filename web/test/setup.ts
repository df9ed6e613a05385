import { cleanup } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach } from 'vitest';
import { initI18n } from '../src/app/i18n.ts';
import { addScreenStrings } from '../src/app/screen-strings.ts';
import { enUS } from '../src/i18n/en-US.ts';

// antd reads these browser APIs; happy-dom lacks matchMedia's listeners on some versions.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

void initI18n('zh-CN');
// Tests render screens without the shell and switch languages with i18next directly: every string is there.
i18next.addResourceBundle('en-US', 'translation', enUS, true, false);
addScreenStrings();
afterEach(() => cleanup());
