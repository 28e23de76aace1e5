import { CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { useEffect, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { ApiError, describeError } from '../../../api/client.ts';
import { daysInState, overdueDays, recordQueueKey } from '../../../api/recordQueue.ts';
import { kindOf, recordsApi, type RecordView } from '../../../api/records.ts';
import { ErrorState } from '../../../components/status.tsx';
import { formatInstant } from '../../../components/time.ts';
import { EvidencePanel } from '../common/EvidencePanel.tsx';
import { kindLabels, recordCategoryLabels, recordStateLabels } from '../common/labels.ts';
import { RecordStateTag } from '../common/RecordStateTag.tsx';
import { RecordSummary } from '../common/RecordSummary.tsx';
import { RecordTimeline } from '../common/RecordTimeline.tsx';
import type { useRecordPages } from './queueFilters.tsx';

// Parts shared by the reviewers' pages (学时初审 / 学时核定 / 学时抽查): the cursor-paginated list with
// a keyboard cursor and the review pane beside it. Filters: queueFilters.tsx; keys: keyboard.tsx.

/** How long the record has been in its state: "N 天", red once over 7 days. */
export function AgeTag({ record }: { record: RecordView }) {
  const days = daysInState(record);
  if (days === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const since = record.stateSince ? Date.parse(record.stateSince) : NaN;
  // Only what waits for a decision can be overdue.
  const waiting = record.state === 'submitted' || record.state === 'unit_approved';
  const overdue = waiting && !Number.isNaN(since) && Date.now() - since > overdueDays * 24 * 60 * 60 * 1000;
  const text = days === 0 ? '今天' : `${days} 天`;
  const title = `自 ${formatInstant(record.stateSince)} 起处于「${recordStateLabels[record.state]}」`;
  return overdue ? (
    <Tag color="error" title={title} data-testid="record-age" data-overdue="true" style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  ) : (
    <span title={title} data-testid="record-age" data-overdue="false">
      {text}
    </span>
  );
}

/** Name, then kind · year · category on a second line. */
export function recordTitleCell(record: RecordView, showUnit: boolean): ReactNode {
  return (
    <div style={{ lineHeight: 1.4, minWidth: 0 }}>
      <Typography.Text strong>{record.personName}</Typography.Text>
      {showUnit && record.unitName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {record.unitName}
        </Typography.Text>
      ) : null}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: record.content }}>
          {kindLabels[kindOf(record)]} · {record.year}年度 · {record.content}
        </Typography.Text>
      </div>
    </div>
  );
}

export function hoursCell(record: RecordView): ReactNode {
  const fullYear = record.fullYear === true || record.category === 'both';
  return (
    <div style={{ lineHeight: 1.4, whiteSpace: 'nowrap' }}>
      <div>{fullYear && record.hours === 0 ? '全年' : `${record.hours} 学时`}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fullYear ? '视为完成全年' : recordCategoryLabels[record.category]}
      </Typography.Text>
    </div>
  );
}

type RecordListProps = {
  rows: RecordView[];
  columns: ColumnsType<RecordView>;
  list: ReturnType<typeof useRecordPages>['list'];
  focusedId: string | null;
  openId: string | null;
  onRowClick: (record: RecordView) => void;
  emptyText: string;
  rowSelection?: TableProps<RecordView>['rowSelection'];
  testId: string;
};

/** The list: the keyboard cursor (focused) and the open record are marked; 加载更多 at the end. */
export function RecordList(props: RecordListProps) {
  const { rows, columns, list, focusedId, openId, onRowClick, emptyText, rowSelection, testId } = props;

  // Keep the keyboard cursor on screen.
  useEffect(() => {
    if (!focusedId) return;
    document.querySelector(`[data-testid="${testId}"] tr[data-row-key="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId, testId]);

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <div data-testid={testId}>
      <Table<RecordView>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        columns={columns}
        dataSource={rows}
        pagination={false}
        loading={list.isLoading}
        rowSelection={rowSelection}
        rowClassName={(record) =>
          [record.id === openId ? 'jixu-review-open' : '', record.id === focusedId ? 'jixu-review-focus' : ''].join(' ')
        }
        onRow={(record) =>
          ({
            onClick: (event: MouseEvent) => {
              // Clicks on the checkbox select; elsewhere they open the record.
              if ((event.target as HTMLElement).closest('.ant-checkbox-wrapper, .ant-table-selection-column')) return;
              onRowClick(record);
            },
            style: { cursor: 'pointer' },
            'data-testid': 'review-row',
            'data-record-id': record.id,
            'data-focused': record.id === focusedId ? 'true' : 'false',
            'data-open': record.id === openId ? 'true' : 'false',
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />,
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid={`${testId}-loaded`}>
          已显示 {rows.length} 条{list.hasNextPage ? '，还有更多' : ''}
          {list.isError ? '（刷新失败）' : ''}
        </Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} disabled={list.isFetching} data-testid={`${testId}-refresh`}>
            刷新
          </Button>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={`${testId}-more`}>
              加载更多
            </Button>
          ) : null}
        </Space>
      </div>
    </div>
  );
}

const rowStyles = `
.jixu-review-open > td { background: #e6f0ff !important; }
.jixu-review-focus > td:first-child { box-shadow: inset 3px 0 0 #1f4e9c; }
.jixu-review-split { display: flex; gap: 16px; align-items: flex-start; }
.jixu-review-list { flex: 1 1 0; min-width: 0; }
.jixu-review-pane { flex: 0 0 52%; min-width: 0; position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow-y: auto; }
.jixu-review-pane .ant-card-head { position: sticky; top: 0; z-index: 2; background: #fff; }
.jixu-review-pane .ant-descriptions-item-label { white-space: nowrap; width: 1%; }
@media (max-width: 1100px) {
  .jixu-review-split { flex-direction: column; align-items: stretch; }
  .jixu-review-pane { flex: none; width: 100%; position: static; max-height: none; }
}
`;

/** The two columns of a review page: the list and, beside it, the pane. */
export function SplitLayout({ list, pane }: { list: ReactNode; pane: ReactNode }) {
  return (
    <div className="jixu-review-split">
      <style>{rowStyles}</style>
      <div className="jixu-review-list">{list}</div>
      <div className="jixu-review-pane" data-testid="review-pane-column">
        {pane}
      </div>
    </div>
  );
}

/** The open record, fresh from GET /records/:id (the list row shows meanwhile). */
export function useOpenRecord(openId: string | null, rows: RecordView[]) {
  const fromList = openId ? rows.find((r) => r.id === openId) : undefined;
  return useQuery({
    queryKey: [...recordQueueKey, 'record', openId],
    queryFn: ({ signal }) => recordsApi.get(openId ?? '', signal),
    enabled: openId !== null,
    placeholderData: fromList,
    staleTime: 5_000,
  });
}

type ReviewPaneProps = {
  openId: string | null;
  record: ReturnType<typeof useOpenRecord>;
  /** The decision buttons (from allowedActions). */
  actions: ReactNode;
  /** A refusal of the last decision on this record, shown above the record. */
  refusal: unknown;
  onClose: () => void;
  onRefresh: () => void;
  placeholder: ReactNode;
};

const paneSummaryColumns = { xs: 1, sm: 2, md: 2, lg: 1, xl: 1, xxl: 2 };

/** The record beside the list: summary, evidence (read only), history, and the decisions. */
export function ReviewPane(props: ReviewPaneProps) {
  const { openId, record, actions, refusal, onClose, onRefresh, placeholder } = props;
  if (!openId) {
    return (
      <Card data-testid="review-pane-empty">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={placeholder} />
      </Card>
    );
  }
  const view = record.data;
  return (
    <Card
      size="small"
      data-testid="review-pane"
      data-record-id={openId}
      title={
        view ? (
          <Space size={8} wrap>
            <span>{view.personName}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {kindLabels[kindOf(view)]} · {view.hours} 学时
            </Typography.Text>
            {view.state === 'submitted' || view.state === 'unit_approved' ? <AgeTag record={view} /> : <RecordStateTag state={view.state} />}
          </Space>
        ) : (
          '登记详情'
        )
      }
      extra={<Button type="text" icon={<CloseOutlined />} onClick={onClose} aria-label="关闭（Esc）" title="关闭（Esc）" data-testid="review-pane-close" />}
    >
      {record.isError && !view ? (
        <ErrorState error={record.error} onRetry={onRefresh} />
      ) : view ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {refusal ? <RefusalAlert error={refusal} onRefresh={onRefresh} /> : null}
          <div data-testid="review-actions">{actions}</div>
          {/* The pane takes half the page beside the list (the whole width below 1100px, where it stacks):
              one column while it is beside the list (lg, xl), two when it is wide enough. */}
          <RecordSummary record={view} column={paneSummaryColumns} />
          <EvidencePanel recordId={view.id} editable={false} requiredEvidence={view.requiredEvidence ?? []} />
          <RecordTimeline recordId={view.id} />
        </Space>
      ) : (
        <Typography.Text type="secondary">正在加载…</Typography.Text>
      )}
    </Card>
  );
}

/** The server's problem detail of a refused decision; a conflict (someone decided first) offers a refresh. */
export function RefusalAlert({ error, onRefresh }: { error: unknown; onRefresh: () => void }) {
  const conflict = error instanceof ApiError && error.status === 409;
  const title = error instanceof ApiError ? error.title : '操作失败';
  const detail = error instanceof ApiError ? (error.detail ?? describeError(error)) : describeError(error);
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      title={title}
      description={conflict ? `${detail}（列表已刷新，请查看该登记的最新状态）` : detail}
      action={
        conflict ? (
          <Button size="small" onClick={onRefresh}>
            刷新
          </Button>
        ) : undefined
      }
      data-testid="review-refusal"
    />
  );
}
