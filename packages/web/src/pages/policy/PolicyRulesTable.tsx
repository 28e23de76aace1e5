import { Checkbox, InputNumber, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PolicyDocument, PolicyValue } from '../../api/policy.ts';
import { formatValue, isMonths, pathLabel, valuesOf } from './labels.ts';
import { CategoryTag, ClauseTag, ProvisionalTag } from './tags.tsx';

// Every rule of a policy version with its clause, category and values, each value with its 暂定 flag;
// editable for a draft (hours shown in hours, stored in tenths).

export type ValuePath = (string | number)[];

type Row = {
  key: string;
  clause: string;
  title: string;
  code?: string;
  category?: string;
  /** Where the values live in the document (`['rules', 4]`). */
  base: ValuePath;
  node: unknown;
  note?: string;
};

/** What a rule without numbers does. */
function methodNote(node: Record<string, unknown>): string | undefined {
  if (node.method === 'declared') return '按申报并经审核核定的学时计算';
  if (node.method === 'guide') return '按当年公需科目指南所列课程学时计算';
  if (node.effect === 'full_year') return '凭单位或主管部门证明，视为完成当年全部学时';
  const levels = node.levels as Record<string, unknown> | undefined;
  if (levels?.city === 'declared') return '市级课题的学时由单位主管部门确定';
  return undefined;
}

export function rowsOf(document: PolicyDocument): Row[] {
  const requirement: Row = {
    key: 'requirement', clause: document.requirement.clause, title: '年度学时要求（每年至少）', base: ['requirement'], node: document.requirement,
  };
  const rules: Row[] = document.rules.map((rule, index) => ({
    key: `rule-${rule.code}`, clause: rule.clause, title: rule.title, code: rule.code, category: rule.category,
    base: ['rules', index], node: rule, note: methodNote(rule),
  }));
  const reductions: Row[] = document.reductions.map((reduction, index) => ({
    key: `reduction-${reduction.kind}`, clause: reduction.clause, title: `学时减免：${reduction.title}`, base: ['reductions', index],
    node: reduction, note: reduction.minMonths === null ? '不设期限，按实际在岗时间折算' : '超过规定月数的，按实际在岗时间折算',
  }));
  return [requirement, ...rules, ...reductions];
}

type Props = {
  document: PolicyDocument;
  /** Present for a draft: called with the full path of a changed value. */
  onChange?: (path: ValuePath, value: PolicyValue) => void;
};

function ValueEditor({ path, value, onChange }: { path: ValuePath; value: PolicyValue; onChange: (value: PolicyValue) => void }) {
  const months = isMonths(path);
  return (
    <Space size="small">
      <InputNumber
        size="small"
        min={0}
        precision={months ? 0 : 1}
        step={months ? 1 : 0.5}
        value={months ? value.value : value.value / 10}
        suffix={months ? '个月' : '学时'}
        style={{ width: 130 }}
        onChange={(next) => {
          if (typeof next !== 'number') return;
          onChange({ ...value, value: months ? Math.round(next) : Math.round(next * 10) });
        }}
        data-testid={`value-${path.join('.')}`}
      />
      <Checkbox checked={value.provisional} onChange={(e) => onChange({ ...value, provisional: e.target.checked })}>
        暂定
      </Checkbox>
    </Space>
  );
}

export function PolicyRulesTable({ document, onChange }: Props) {
  const columns: ColumnsType<Row> = [
    { title: '条款', dataIndex: 'clause', width: 90, render: (clause: string) => <ClauseTag clause={clause} /> },
    {
      title: '规则',
      dataIndex: 'title',
      width: 260,
      render: (title: string, row) => (
        <Space orientation="vertical" size={0}>
          <span>{title}</span>
          {row.code ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.code}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'category', width: 120, render: (category?: string) => (category ? <CategoryTag category={category} /> : '—') },
    {
      title: '标准',
      key: 'values',
      render: (_, row) => {
        const values = valuesOf(row.node);
        return (
          <Space orientation="vertical" size={4}>
            {values.map(({ path, value }) => (
              <Space key={path.join('.')} size="small" wrap>
                <Typography.Text type="secondary">{pathLabel(path)}</Typography.Text>
                {onChange ? (
                  <ValueEditor path={path} value={value} onChange={(next) => onChange([...row.base, ...path], next)} />
                ) : (
                  <>
                    <span>{formatValue(path, value.value)}</span>
                    {value.provisional ? <ProvisionalTag /> : null}
                  </>
                )}
              </Space>
            ))}
            {row.note ? <Typography.Text type="secondary">{row.note}</Typography.Text> : null}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<Row>
      rowKey="key"
      columns={columns}
      dataSource={rowsOf(document)}
      pagination={false}
      size="small"
      bordered
      scroll={{ x: 900 }}
      data-testid="policy-rules"
    />
  );
}
