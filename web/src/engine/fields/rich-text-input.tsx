import {
  BoldOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useRef } from 'react';
import type { InputProps } from './basic-inputs.tsx';

const tools = [
  { cmd: 'bold', icon: <BoldOutlined /> },
  { cmd: 'italic', icon: <ItalicOutlined /> },
  { cmd: 'underline', icon: <UnderlineOutlined /> },
  { cmd: 'insertUnorderedList', icon: <UnorderedListOutlined /> },
  { cmd: 'insertOrderedList', icon: <OrderedListOutlined /> },
];

/** A small rich-text editor (contentEditable); the server sanitises the HTML it receives. */
export function RichTextInput({ value, onChange, id, disabled }: InputProps<string | null>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== (value ?? '')) ref.current.innerHTML = value ?? '';
  }, [value]);
  return (
    <div className="rich-text-input">
      <Space size={2} className="rich-text-toolbar">
        {tools.map((x) => (
          <Button
            key={x.cmd}
            size="small"
            type="text"
            icon={x.icon}
            disabled={disabled}
            onMouseDown={(e) => {
              e.preventDefault();
              document.execCommand(x.cmd);
              onChange?.(ref.current?.innerHTML ?? '');
            }}
          />
        ))}
      </Space>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editor needs a contentEditable element, not a textarea */}
      <div
        id={id}
        ref={ref}
        className="rich-text-area"
        role="textbox"
        tabIndex={0}
        aria-multiline="true"
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={() => onChange?.(ref.current?.innerHTML ?? '')}
      />
    </div>
  );
}
