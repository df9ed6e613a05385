import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldDisplay } from '../fields/display.tsx';
import type { FieldMeta } from '../metadata.ts';
import type { RecordData } from '../records.ts';

// The editor (and the inputs of every field type) loads on the first double-click.
const InlineEditor = lazy(() => import('./inline-editor.tsx').then((m) => ({ default: m.InlineEditor })));

export interface InlineCellProps {
  object: string;
  field: FieldMeta;
  record: RecordData;
  editable: boolean;
  onSaved: (r: RecordData) => void;
}

/** A list cell that turns into the field's input on double-click; saves with the record's version. */
export function InlineCell(props: InlineCellProps) {
  const { object, field, record, editable } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const display = <FieldDisplay field={field} value={record[field.name]} object={object} recordId={record.id} />;
  if (editing)
    return (
      <Suspense fallback={display}>
        <InlineEditor {...props} onClose={() => setEditing(false)} />
      </Suspense>
    );
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a shortcut; the edit page is the keyboard path
    <div
      className="inline-cell"
      onDoubleClick={editable ? () => setEditing(true) : undefined}
      title={editable ? t('list.doubleClickToEdit') : undefined}
    >
      {display}
    </div>
  );
}
