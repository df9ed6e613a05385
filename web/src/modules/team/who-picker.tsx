import { Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RelationInput } from '../../engine/fields/relation-input.tsx';
import type { FieldMeta } from '../../engine/metadata.ts';
import type { Who } from './team-api.ts';

type Ref = { id: number; label?: string };

const usersField: FieldMeta = {
  name: 'users',
  type: 'manyToMany',
  object: 'user',
  label: { 'zh-CN': '同事', 'en-US': 'Colleagues' },
  required: false,
  readOnly: false,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
};

/**
 * Whose calendar (TEAM-1): mine, my department, everyone, or chosen colleagues. It only narrows down: the server
 * shows no more than the viewer may read whatever is chosen here.
 */
export function WhoPicker({ value, onChange }: { value: Who; onChange(v: Who): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState(['me', 'department', 'all'].includes(value) ? value : 'people');
  const [people, setPeople] = useState<Ref[]>([]);
  return (
    <Space wrap>
      <Segmented
        value={mode}
        data-testid="calendar-who"
        onChange={(v) => {
          setMode(String(v));
          if (v !== 'people') onChange(String(v));
          else if (people.length) onChange(people.map((p) => p.id).join(','));
        }}
        options={['me', 'department', 'all', 'people'].map((k) => ({ value: k, label: t(`team.calendar.who.${k}`) }))}
      />
      {mode === 'people' ? (
        <div style={{ minWidth: 220 }}>
          <RelationInput
            field={usersField}
            value={people}
            onChange={(v) => {
              const list = (v as Ref[] | null) ?? [];
              setPeople(list);
              if (list.length) onChange(list.map((p) => p.id).join(','));
            }}
          />
        </div>
      ) : null}
    </Space>
  );
}
