import { Tag, Tooltip } from 'antd';
import type { EvaluatedCategory } from '../../api/policy.ts';
import { categoryLabels } from './labels.ts';

// SPEC: a placeholder value is never shown as the official number; it always carries this mark.
export function ProvisionalTag({ testId }: { testId?: string }) {
  return (
    <Tooltip title="该标准尚未与正式发布的文件核实，为暂定标准，省人社厅可在学时政策中调整">
      <Tag color="orange" data-testid={testId}>
        暂定
      </Tag>
    </Tooltip>
  );
}

export function ClauseTag({ clause, testId }: { clause: string; testId?: string }) {
  return (
    <Tag color="blue" data-testid={testId}>
      第{clause}条
    </Tag>
  );
}

const categoryColors: Record<string, string> = { public: 'geekblue', professional: 'purple', both: 'gold', declared: 'default' };

export function CategoryTag({ category }: { category: EvaluatedCategory | 'declared' | string }) {
  return <Tag color={categoryColors[category] ?? 'default'}>{categoryLabels[category as EvaluatedCategory] ?? category}</Tag>;
}
