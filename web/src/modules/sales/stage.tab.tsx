import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { StagePanel } from './stage-panel.tsx';

/** The 销售阶段 tab of an opportunity (SAL-2, SAL-3). */
export default function StageTab({ record }: RecordExtensionProps) {
  return <StagePanel id={record.id} />;
}
