import { Button, Empty, Result, Spin } from 'antd';
import { ApiError, describeError } from '../api/client.ts';

export function PageLoading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ padding: '64px 0', textAlign: 'center' }} data-testid="page-loading">
      <Spin size="large" />
      <div style={{ marginTop: 12, color: 'rgba(0,0,0,0.45)' }}>{tip}</div>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Result
      data-testid="error-state"
      status={notFound ? '404' : forbidden ? '403' : 'warning'}
      title={notFound ? '未找到相关信息' : forbidden ? '无权访问' : '加载失败'}
      subTitle={describeError(error)}
      extra={
        onRetry && !notFound && !forbidden ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : null
      }
    />
  );
}

export function EmptyState({ description = '暂无数据' }: { description?: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
