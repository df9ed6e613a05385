import type { Assignee, FlowCondition, FlowNode, FlowTree } from './tree.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** BPMN ids are XML NCNames. */
const ncName = (s: string) => `n_${s.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

function describe(a: Assignee): string {
  switch (a.kind) {
    case 'users':
      return `users:${a.users.join(',')}`;
    case 'role':
      return `role:${a.role}`;
    case 'deptHead':
      return `deptHead:${a.level}`;
    case 'superiors':
      return `superiors:${a.levels}`;
    case 'chosen':
      return 'chosen';
    case 'field':
      return `field:${a.field}`;
  }
}

const conditionText = (c: FlowCondition) =>
  c.any
    .map((g) => g.all.map((x) => `${x.field} ${x.op} ${JSON.stringify(x.value ?? null)}`).join(' and '))
    .join(' or ');

/**
 * The flow as BPMN 2.0 XML (WF-2 §5), for other tools: approval steps are user tasks — 会签 a parallel
 * multi-instance, 依次 a sequential one, 或签/票签 a parallel one with a completion condition —, condition nodes
 * exclusive gateways (其他情况 the default flow), parallel nodes parallel gateways, CC steps send tasks.
 */
/** The first flow out of a gateway into a branch: its name, condition, and whether it is the default. */
interface Entry {
  name: string;
  when?: FlowCondition;
}

export function flowToBpmn(flow: { key: string; name: string }, tree: FlowTree): string {
  const elements: string[] = [];
  const flows: string[] = [];
  let n = 0;
  const expression = (c: FlowCondition) =>
    `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(conditionText(c))}</bpmn:conditionExpression>`;
  const link = (from: string, to: string, entry?: Entry) => {
    const id = `f${++n}`;
    const name = entry ? ` name="${esc(entry.name)}"` : '';
    const head = `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"${name}`;
    flows.push(entry?.when ? `${head}>${expression(entry.when)}</bpmn:sequenceFlow>` : `${head}/>`);
    return id;
  };
  const loopOf = (node: Extract<FlowNode, { type: 'approver' }>) => {
    if (node.mode === 'sequence') return '<bpmn:multiInstanceLoopCharacteristics isSequential="true"/>';
    if (node.mode === 'all') return '<bpmn:multiInstanceLoopCharacteristics isSequential="false"/>';
    const done =
      node.mode === 'any'
        ? `\${nrOfCompletedInstances >= 1}`
        : `\${nrOfCompletedInstances / nrOfInstances >= ${(node.sharePercent ?? 100) / 100}}`;
    return `<bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${esc(
      done,
    )}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`;
  };
  /** Draw `nodes` after `from` (the first flow carrying `entry`); returns the id the chain ends at. */
  const chain = (nodes: FlowNode[], from: string, entry?: Entry): { last: string; first?: string } => {
    let last = from;
    let first: string | undefined;
    for (const node of nodes) {
      const id = ncName(node.id);
      const flowId = (to: string) => {
        const f = link(last, to, last === from ? entry : undefined);
        first ??= f;
      };
      if (node.type === 'approver' || node.type === 'cc') {
        const tag = node.type === 'approver' ? 'userTask' : 'sendTask';
        const who = `<bpmn:documentation>${esc(node.assignees.map(describe).join('; '))}</bpmn:documentation>`;
        elements.push(
          `<bpmn:${tag} id="${id}" name="${esc(node.name)}">${who}${node.type === 'approver' ? loopOf(node) : ''}</bpmn:${tag}>`,
        );
        flowId(id);
        last = id;
        continue;
      }
      const gateway = node.type === 'condition' ? 'exclusiveGateway' : 'parallelGateway';
      const split = `${id}_split`;
      const join = `${id}_join`;
      flowId(split);
      let defaultFlow: string | undefined;
      for (const b of node.branches) {
        const when = node.type === 'condition' ? (b as { when?: FlowCondition }).when : undefined;
        const inner = chain(b.nodes, split, { name: b.name, when });
        const into = inner.first ?? link(split, join, { name: b.name, when });
        if (inner.first) link(inner.last, join);
        if (node.type === 'condition' && !when) defaultFlow = into;
      }
      elements.push(
        `<bpmn:${gateway} id="${split}" name="${esc(node.name)}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`,
        `<bpmn:${gateway} id="${join}"/>`,
      );
      last = join;
    }
    return { last, first };
  };
  elements.push('<bpmn:startEvent id="start" name="发起"/>');
  const { last } = chain(tree.nodes, 'start');
  elements.push('<bpmn:endEvent id="end" name="结束"/>');
  link(last, 'end');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_${ncName(flow.key)}" targetNamespace="https://kehu.example/flows">
  <bpmn:process id="${ncName(flow.key)}" name="${esc(flow.name)}" isExecutable="false">
    ${[...elements, ...flows].join('\n    ')}
  </bpmn:process>
</bpmn:definitions>
`;
}
