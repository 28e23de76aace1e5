import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Space, Timeline, Typography } from 'antd';
import { describeError } from '../../../api/client.ts';
import { recordsApi, type RecordHistoryItem } from '../../../api/records.ts';
import { EmptyState } from '../../../components/status.tsx';
import { formatInstant } from '../../../components/time.ts';
import { historyActionLabels, recordStateLabels } from './labels.ts';

const colorOf = (item: RecordHistoryItem): string => {
  switch (item.toState) {
    case 'verified':
      return 'green';
    case 'returned':
      return 'orange';
    case 'rejected':
      return 'red';
    default:
      return 'blue';
  }
};

/** The record's steps, oldest first (GET /records/:id/history): when, who, what, and why. */
export function RecordTimeline({ recordId }: { recordId: string }) {
  const history = useQuery({
    queryKey: ['record-history', recordId],
    queryFn: ({ signal }) => recordsApi.history(recordId, signal),
  });

  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (history.isError) return <Alert type="warning" showIcon title="处理记录加载失败" description={describeError(history.error)} />;
  if (history.data.items.length === 0) return <EmptyState description="暂无处理记录" />;

  return (
    <Timeline
      data-testid="record-timeline"
      items={history.data.items.map((item, index) => ({
        key: `${item.at}-${index}`,
        color: colorOf(item),
        content: (
          <Space orientation="vertical" size={0} data-testid="record-timeline-item">
            <Space wrap size={8}>
              <Typography.Text strong>{historyActionLabels[item.action] ?? item.action}</Typography.Text>
              <Typography.Text>{item.actorName ?? '系统'}</Typography.Text>
              {item.toState && item.fromState !== item.toState ? (
                <Typography.Text type="secondary">→ {recordStateLabels[item.toState]}</Typography.Text>
              ) : null}
            </Space>
            <Typography.Text type="secondary">{formatInstant(item.at)}</Typography.Text>
            {item.reason ? <Typography.Text type="danger">原因：{item.reason}</Typography.Text> : null}
          </Space>
        ),
      }))}
    />
  );
}
