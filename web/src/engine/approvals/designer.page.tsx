import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Switch, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { errorText } from '../api-error.ts';
import { useLabel, useObject } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import { FlowCanvas, type Selection } from './flow-canvas.tsx';
import { FlowSettings } from './flow-settings.tsx';
import { defaultSettings, type FlowTree } from './flow-types.ts';
import { bpmnUrl, type FlowInfo, flowsKey, publishFlow, saveFlow, useFlow } from './flows-api.ts';
import { NodeDrawer } from './node-drawer.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { ProblemList } from './problem-list.tsx';
import { useValidation } from './use-validation.ts';
import { VersionsPanel } from './versions-panel.tsx';
import './approvals.css';

/** A saved draft as the editor holds it: every part present, settings at their defaults. */
const normalize = (d: Partial<FlowTree>): FlowTree => ({
  ...d,
  nodes: Array.isArray(d.nodes) ? d.nodes : [],
  settings: { ...defaultSettings, ...d.settings },
});

/** The flow designer (WF-2): the tree, its nodes' panels, settings, preview, versions; saved and published here. */
export default function DesignerPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const flow = useFlow(id);
  if (flow.isLoading) return <Loading />;
  if (!flow.data) return <Alert type="warning" showIcon style={{ margin: 16 }} title={errorText(flow.error, t)} />;
  return <Designer key={flow.data.id} flow={flow.data} />;
}

function Designer({ flow }: { flow: FlowInfo }) {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const apiError = useApiError();
  const { message, modal } = App.useApp();
  const { meta } = useObject(flow.object);
  const [tree, setTree] = useState(() => normalize(flow.draft));
  const [name, setName] = useState(flow.name);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'publish'>();
  const [selected, setSelected] = useState<Selection>();
  const [tab, setTab] = useState('design');
  const { problems, byNode, checking } = useValidation(flow.id, tree);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('approvals.designer.leaveConfirm'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  const change = (next: FlowTree) => {
    setTree(next);
    setDirty(true);
  };
  const save = async (quiet = false) => {
    await saveFlow(flow.id, { name: name.trim(), tree });
    setDirty(false);
    await qc.invalidateQueries({ queryKey: flowsKey });
    if (!quiet) message.success(t('approvals.designer.saved'));
  };
  const run = async (what: 'save' | 'publish') => {
    setBusy(what);
    try {
      if (what === 'save') await save();
      else {
        if (dirty) await save(true);
        const r = await publishFlow(flow.id);
        await qc.invalidateQueries({ queryKey: flowsKey });
        message.success(t('approvals.designer.published', { n: r.version }));
      }
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const setActive = async (active: boolean) => {
    try {
      await saveFlow(flow.id, { active });
      await qc.invalidateQueries({ queryKey: flowsKey });
    } catch (e) {
      apiError(e);
    }
  };
  return (
    <div className="page" data-testid="flow-designer">
      <div className="page-header">
        <div className="page-title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => nav('/admin/flows')}
            aria-label={t('approvals.designer.back')}
          />
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setDirty(true);
            }}
            maxLength={60}
            style={{ maxWidth: 260, fontWeight: 600 }}
            aria-label={t('approvals.designer.flowName')}
            data-testid="flow-name"
          />
          <Tag>{meta ? label(meta.label) : flow.object}</Tag>
          {flow.publishedVersion ? (
            <Tag color="green">{t('approvals.designer.versions.version', { n: flow.publishedVersion })}</Tag>
          ) : (
            <Tag>{t('approvals.designer.unpublished')}</Tag>
          )}
        </div>
        <Space wrap>
          <Space size={4}>
            <Switch size="small" defaultChecked={flow.active} onChange={setActive} data-testid="flow-active" />
            <span>{t('approvals.designer.active')}</span>
          </Space>
          <a href={bpmnUrl(flow.id)} download data-testid="flow-bpmn">
            <DownloadOutlined /> {t('approvals.designer.bpmn')}
          </a>
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            onClick={() => run('save')}
            type={dirty ? 'default' : 'dashed'}
            data-testid="flow-save"
          >
            {dirty ? t('approvals.designer.save') : t('approvals.designer.savedState')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={busy === 'publish'}
            onClick={() => run('publish')}
            disabled={problems.length > 0 || checking}
            data-testid="flow-publish"
          >
            {t('approvals.designer.publish')}
          </Button>
        </Space>
      </div>
      <ProblemList
        problems={problems}
        checking={checking}
        onSelect={(s) => {
          setTab('design');
          setSelected(s);
        }}
        tree={tree}
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          tabBarStyle={{ padding: '0 12px', margin: 0 }}
          items={[
            {
              key: 'design',
              label: t('approvals.designer.tabs.design'),
              children: (
                <FlowCanvas
                  tree={tree}
                  meta={meta}
                  problems={byNode}
                  selected={selected}
                  onChange={change}
                  onSelect={setSelected}
                />
              ),
            },
            {
              key: 'settings',
              label: t('approvals.designer.tabs.settings'),
              children: (
                <div style={{ padding: 16 }}>
                  <FlowSettings tree={tree} meta={meta} onChange={change} />
                </div>
              ),
            },
            {
              key: 'preview',
              label: t('approvals.designer.tabs.preview'),
              children: (
                <div style={{ padding: 16 }}>
                  <PreviewPanel flowId={flow.id} meta={meta} tree={tree} />
                </div>
              ),
            },
            {
              key: 'versions',
              label: t('approvals.designer.tabs.versions'),
              children: (
                <div style={{ padding: 16 }}>
                  <VersionsPanel flowId={flow.id} draft={tree} />
                </div>
              ),
            },
          ]}
        />
      </Card>
      <NodeDrawer
        tree={tree}
        meta={meta}
        selected={selected}
        problems={byNode}
        onChange={change}
        onClose={() => setSelected(undefined)}
      />
    </div>
  );
}
