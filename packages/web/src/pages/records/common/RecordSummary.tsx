import { Descriptions, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { kindOf, type RecordView } from '../../../api/records.ts';
import { formatInstant } from '../../../components/time.ts';
import { ClauseTag } from '../../policy/tags.tsx';
import { activityDetails, channelLabels, holderText, hoursText, kindLabels, recordCategoryLabels } from './labels.ts';
import { RecordStateTag } from './RecordStateTag.tsx';

/** Columns of the list: a number, or one per breakpoint of the viewport (antd's `Descriptions`). */
export type SummaryColumns = NonNullable<DescriptionsProps['column']>;

/** The default: one column on phones, two from tablets on (the drawer is wide enough). */
const defaultColumns: SummaryColumns = { xs: 1, sm: 1, md: 2 };

/**
 * Everything about one record, in words: the activity, the hours the policy gave it and where it is
 * now. `column` for a container narrower than the viewport suggests (the review pane beside the queue).
 */
export function RecordSummary({ record, column = defaultColumns }: { record: RecordView; column?: SummaryColumns }) {
  const kind = kindOf(record);
  const dates = record.startedOn && record.startedOn !== record.endedOn
    ? `${record.startedOn} 至 ${record.endedOn ?? '—'}`
    : (record.endedOn ?? '—');

  const items: DescriptionsProps['items'] = [
    { key: 'person', label: '姓名', children: record.personName },
    { key: 'unit', label: '单位', children: record.unitName ?? '—' },
    { key: 'year', label: '年度', children: `${record.year}年度` },
    { key: 'kind', label: '活动类型', children: kindLabels[kind] ?? kind },
    ...activityDetails(record.activity).filter((d) => d.label !== '科目类别').map((d) => ({ key: `a-${d.label}`, label: d.label, children: d.value })),
    { key: 'dates', label: record.startedOn ? '起止日期' : '完成日期', children: dates },
    { key: 'content', label: '内容', span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{record.content}</Typography.Text> },
    { key: 'result', label: '考核结果', children: record.result ?? '—' },
    { key: 'category', label: '科目类别', children: recordCategoryLabels[record.category] ?? record.category },
    {
      key: 'hours',
      label: '核算学时',
      span: 'filled' as const,
      children: (
        <Space orientation="vertical" size={2}>
          <Space wrap>
            <Typography.Text strong data-testid="record-hours">{hoursText(record)}</Typography.Text>
            <ClauseTag clause={record.clause} />
            <Typography.Text type="secondary">政策版本 {record.policyVersion}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" data-testid="record-explanation">{record.explanation}</Typography.Text>
        </Space>
      ),
    },
    { key: 'channel', label: '登记方式', children: channelLabels[record.channel] ?? record.channel },
    {
      key: 'state',
      label: '状态',
      children: (
        <Space>
          <RecordStateTag state={record.state} />
          {record.stateSince ? <Typography.Text type="secondary">自 {formatInstant(record.stateSince)}</Typography.Text> : null}
        </Space>
      ),
    },
    ...(record.holder
      ? [{ key: 'holder', label: '当前处理', span: 'filled' as const, children: <span data-testid="record-holder">{holderText(record.holder, record.state)}</span> }]
      : []),
    ...(record.lastReason
      ? [{
          key: 'reason',
          label: record.state === 'returned' ? '退回原因' : '审核意见',
          span: 'filled' as const,
          children: <Typography.Text type={record.state === 'returned' || record.state === 'rejected' ? 'danger' : undefined} data-testid="record-reason">{record.lastReason}</Typography.Text>,
        }]
      : []),
    { key: 'created', label: '申报时间', children: formatInstant(record.createdAt) },
    { key: 'updated', label: '最后更新', children: formatInstant(record.updatedAt) },
  ];

  return <Descriptions bordered size="small" column={column} items={items} data-testid="record-summary" />;
}
