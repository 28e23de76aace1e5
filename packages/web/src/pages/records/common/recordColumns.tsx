import { Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { kindOf, type RecordView } from '../../../api/records.ts';
import { formatInstant } from '../../../components/time.ts';
import { holderText, hoursText, kindLabels, recordCategoryLabels } from './labels.ts';
import { RecordStateTag } from './RecordStateTag.tsx';

// The columns of the declarers' record lists (person, unit, provider): what, when, how many hours,
// where it is now and since when, and why it came back.

export function recordColumns(options: { person?: boolean } = {}): ColumnsType<RecordView> {
  return [
    ...(options.person ? [{ title: '姓名', dataIndex: 'personName', width: 100 }] : []),
    {
      title: '活动类型',
      key: 'kind',
      width: 160,
      render: (_: unknown, r: RecordView) => kindLabels[kindOf(r)] ?? kindOf(r),
    },
    { title: '内容', dataIndex: 'content', ellipsis: true },
    { title: '年度', dataIndex: 'year', width: 80 },
    {
      title: '学时',
      key: 'hours',
      width: 150,
      render: (_: unknown, r: RecordView) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="record-row-hours">{hoursText(r)}</Typography.Text>
          <Typography.Text type="secondary">{recordCategoryLabels[r.category] ?? r.category}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 240,
      render: (_: unknown, r: RecordView) => (
        <Space orientation="vertical" size={0}>
          <RecordStateTag state={r.state} />
          {r.holder ? <Typography.Text type="secondary">当前处理：{holderText(r.holder, r.state)}</Typography.Text> : null}
          {r.stateSince ? <Typography.Text type="secondary">自 {formatInstant(r.stateSince)}</Typography.Text> : null}
          {r.lastReason && (r.state === 'returned' || r.state === 'rejected') ? (
            <Typography.Text type="danger" ellipsis={{ tooltip: r.lastReason }} style={{ maxWidth: 220 }}>
              原因：{r.lastReason}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
  ];
}

/** Years offered by the filters: this year back to 2017 (the measures' first year). */
export function yearOptions(): { value: number; label: string }[] {
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const years: { value: number; label: string }[] = [];
  for (let y = thisYear; y >= 2017; y -= 1) years.push({ value: y, label: `${y}年度` });
  return years;
}
