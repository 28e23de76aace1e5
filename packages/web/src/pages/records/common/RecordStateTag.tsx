import { Tag } from 'antd';
import type { RecordState } from '../../../api/records.ts';
import { recordStateColors, recordStateLabels } from './labels.ts';

export function RecordStateTag({ state }: { state: RecordState }) {
  return (
    <Tag color={recordStateColors[state]} data-testid="record-state" data-state={state}>
      {recordStateLabels[state]}
    </Tag>
  );
}
