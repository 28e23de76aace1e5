import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { Page } from '../api/types.ts';
import { EmptyState, ErrorState } from './status.tsx';

type CursorTableProps<T> = {
  /** Identifies the list; the cursor is appended. Remount (key) the table when filters change. */
  queryKey: QueryKey;
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  testId: string;
  emptyText?: string;
  scrollX?: number;
  /** More of Ant Design's table: row selection, row class names, … */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'pagination'>;
  /** Called with the rows on screen whenever they change (e.g. to keep a selection within them). */
  onItems?: (items: T[]) => void;
};

/**
 * A table over a cursor-paginated list. The server only hands out "next"
 * cursors, so the cursors of the pages already seen are kept in a stack for "上一页".
 */
export function CursorTable<T extends object>(props: CursorTableProps<T>) {
  const { queryKey, fetchPage, columns, rowKey, testId, emptyText, scrollX, tableProps, onItems } = props;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? null;

  const query = useQuery({
    queryKey: [...queryKey, cursor],
    queryFn: ({ signal }) => fetchPage(cursor, signal),
    placeholderData: keepPreviousData,
  });

  const items = query.data?.items;
  useEffect(() => {
    if (items) onItems?.(items);
  }, [items, onItems]);

  const nextCursor = query.data?.nextCursor ?? null;
  const busy = query.isFetching;

  return (
    <div data-testid={testId}>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={busy}
          pagination={false}
          size="middle"
          bordered
          scroll={scrollX ? { x: scrollX } : undefined}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={emptyText} /> }}
          {...tableProps}
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 16 }}>
        <Typography.Text type="secondary">
          第 {pageIndex + 1} 页{query.isError ? '（刷新失败）' : ''}
        </Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} disabled={busy}>
            刷新
          </Button>
          <Button
            icon={<LeftOutlined />}
            data-testid={`${testId}-prev`}
            disabled={pageIndex === 0 || busy}
            onClick={() => setCursors((stack) => stack.slice(0, -1))}
          >
            上一页
          </Button>
          <Button
            data-testid={`${testId}-next`}
            disabled={!nextCursor || busy}
            onClick={() => setCursors((stack) => [...stack, nextCursor])}
          >
            下一页 <RightOutlined />
          </Button>
        </Space>
      </div>
    </div>
  );
}
