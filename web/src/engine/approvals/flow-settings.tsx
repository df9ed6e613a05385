import { Checkbox, Form, Radio, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ObjectMeta, useLabel } from '../metadata.ts';
import { ConditionEditor } from './condition-editor.tsx';
import { blankCondition } from './condition-model.ts';
import type { FlowOutcome, FlowTree } from './flow-types.ts';

const outcomes: FlowOutcome[] = ['running', 'approved', 'rejected', 'withdrawn', 'returned'];

/**
 * The flow's own settings: 发起人是审批人时 and 同一审批人连续出现时, how the outcome shows on the record (a picklist
 * field and its values), an automatic start when a saved record meets a condition, and who may submit.
 */
export function FlowSettings({
  tree,
  meta,
  onChange,
}: {
  tree: FlowTree;
  meta?: ObjectMeta;
  onChange(t: FlowTree): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const object = meta?.name ?? '';
  const picklists = (meta?.fields ?? []).filter((f) => f.type === 'picklist');
  const stateField = picklists.find((f) => f.name === tree.binding?.stateField);
  const auto = tree.trigger?.auto;
  const settings = tree.settings;
  return (
    <Form layout="vertical" style={{ maxWidth: 760 }} data-testid="flow-settings">
      <Typography.Title level={5}>{t('approvals.designer.settings.rules')}</Typography.Title>
      <Form.Item label={t('approvals.designer.settings.submitterIsApprover')}>
        <Radio.Group
          value={settings.submitterIsApprover}
          onChange={(e) => onChange({ ...tree, settings: { ...settings, submitterIsApprover: e.target.value } })}
          options={[
            { value: 'pass', label: t('approvals.designer.settings.autoPass') },
            { value: 'approve', label: t('approvals.designer.settings.selfApprove') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('approvals.designer.settings.repeatApprover')}>
        <Radio.Group
          value={settings.repeatApprover}
          onChange={(e) => onChange({ ...tree, settings: { ...settings, repeatApprover: e.target.value } })}
          options={[
            { value: 'pass', label: t('approvals.designer.settings.autoPass') },
            { value: 'approve', label: t('approvals.designer.settings.approveAgain') },
          ]}
        />
      </Form.Item>
      <Typography.Title level={5}>{t('approvals.designer.settings.binding')}</Typography.Title>
      <Form.Item
        label={t('approvals.designer.settings.stateField')}
        extra={t('approvals.designer.settings.stateFieldHint')}
      >
        <Select
          allowClear
          style={{ maxWidth: 320 }}
          value={tree.binding?.stateField}
          placeholder={t('approvals.designer.settings.noStateField')}
          onChange={(f?: string) => onChange({ ...tree, binding: f ? { stateField: f, states: {} } : undefined })}
          options={picklists.map((f) => ({ value: f.name, label: label(f.label, f.name) }))}
          data-testid="binding-field"
        />
      </Form.Item>
      {stateField &&
        outcomes.map((o) => (
          <Form.Item key={o} label={t(`approvals.designer.settings.outcome.${o}`)} style={{ marginBottom: 8 }}>
            <Select
              allowClear
              style={{ maxWidth: 320 }}
              value={tree.binding?.states?.[o]}
              placeholder={t('approvals.designer.settings.unchanged')}
              onChange={(v?: string) =>
                onChange({ ...tree, binding: { ...tree.binding, states: { ...tree.binding?.states, [o]: v } } })
              }
              options={(stateField.options ?? []).map((x) => ({ value: x.value, label: label(x.label, x.value) }))}
              data-testid={`binding-${o}`}
            />
          </Form.Item>
        ))}
      <Typography.Title level={5}>{t('approvals.designer.settings.trigger')}</Typography.Title>
      <Form.Item extra={t('approvals.designer.settings.autoHint')}>
        <Switch
          checked={!!auto}
          onChange={(on) =>
            onChange({ ...tree, trigger: on ? { auto: { on: ['create'], when: blankCondition() } } : undefined })
          }
          data-testid="trigger-auto"
        />{' '}
        {t('approvals.designer.settings.auto')}
      </Form.Item>
      {auto && (
        <>
          <Form.Item label={t('approvals.designer.settings.autoOn')}>
            <Checkbox.Group
              value={auto.on}
              onChange={(on) =>
                onChange({ ...tree, trigger: { auto: { ...auto, on: on as Array<'create' | 'update'> } } })
              }
              options={[
                { value: 'create', label: t('approvals.designer.settings.onCreate') },
                { value: 'update', label: t('approvals.designer.settings.onUpdate') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('approvals.designer.settings.autoWhen')}>
            <ConditionEditor
              object={object}
              value={auto.when}
              onChange={(when) => onChange({ ...tree, trigger: { auto: { ...auto, when } } })}
            />
          </Form.Item>
        </>
      )}
      <Typography.Title level={5}>{t('approvals.designer.settings.applies')}</Typography.Title>
      <Form.Item extra={t('approvals.designer.settings.appliesHint')}>
        <Switch
          checked={!!tree.appliesWhen}
          onChange={(on) => onChange({ ...tree, appliesWhen: on ? blankCondition() : undefined })}
        />{' '}
        {t('approvals.designer.settings.appliesOnly')}
      </Form.Item>
      {tree.appliesWhen && (
        <ConditionEditor
          object={object}
          value={tree.appliesWhen}
          onChange={(appliesWhen) => onChange({ ...tree, appliesWhen })}
        />
      )}
    </Form>
  );
}
