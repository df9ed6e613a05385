import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatFileSize } from '../format.ts';
import { useApiError } from '../use-api-error.ts';
import type { InputProps } from './basic-inputs.tsx';

type FileRef = { id: number; name: string; size: number; mime: string; sha256: string };

/** Files upload at once (POST /api/files); the record keeps the list and is saved with the form. */
export function AttachmentsInput({ value, onChange, id, disabled }: InputProps<FileRef[] | null>) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const [busy, setBusy] = useState(0);
  const files = value ?? [];
  return (
    <Upload
      id={id}
      disabled={disabled}
      multiple
      fileList={files.map((f) => ({
        uid: String(f.id),
        name: `${f.name} (${formatFileSize(f.size)})`,
        status: 'done' as const,
      }))}
      onRemove={(file) => {
        onChange?.(files.filter((f) => String(f.id) !== file.uid));
        return false;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy((n) => n + 1);
        try {
          const form = new FormData();
          form.append('file', file as Blob);
          const r = await api.upload<{ data: FileRef }>('/api/files', form);
          onChange?.([...(value ?? []), r.data]);
          onSuccess?.(r.data);
        } catch (e) {
          apiError(e);
          onError?.(e as Error);
        } finally {
          setBusy((n) => n - 1);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy > 0} disabled={disabled}>
        {t('field.upload')}
      </Button>
    </Upload>
  );
}
