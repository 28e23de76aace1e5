import { CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { useEffect, useMemo, useRef, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../../../api/client.ts';
import type { ActivityKind } from '../../../api/policy.ts';
import { daysInState, overdueDays, recordQueueApi, recordQueueKey, type QueueQuery } from '../../../api/recordQueue.ts';
import { kindOf, recordsApi, type RecordCategory, type RecordState, type RecordView } from '../../../api/records.ts';
import { ErrorState } from '../../../components/status.tsx';
import { formatInstant } from '../../../components/time.ts';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { EvidencePanel } from '../common/EvidencePanel.tsx';
import { kindLabels, recordCategoryLabels, recordStateLabels } from '../common/labels.ts';
import { RecordStateTag } from '../common/RecordStateTag.tsx';
import { RecordSummary } from '../common/RecordSummary.tsx';
import { RecordTimeline } from '../common/RecordTimeline.tsx';

// Parts shared by the reviewers' pages (学时初审 / 学时核定 / 学时抽查): filters kept in the URL, the
// cursor-paginated list with a keyboard cursor, the review pane beside it and the keyboard itself.

export const pageSize = 50;

/** `''`: the caller's queue (view=queue); a state or `all`: every record in scope (view=all). */
export type StateFilter = RecordState | 'all' | '';

export type QueueFilters = {
  year: number | undefined;
  kind: ActivityKind | undefined;
  category: RecordCategory | undefined;
  unitId: string | undefined;
  state: StateFilter;
  age: 3 | 7 | undefined;
  sort: 'oldest' | 'newest';
};

const kinds = Object.keys(kindLabels) as ActivityKind[];
const categories = Object.keys(recordCategoryLabels) as RecordCategory[];
const states = Object.keys(recordStateLabels) as RecordState[];

const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);
const yearOptions = Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年度` }));

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

/** The filters and the open record, kept in the URL (shareable, survive a reload). */
export function useQueueParams(defaults: { sort: 'oldest' | 'newest' }) {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year'));
  const age = params.get('age');
  const filters: QueueFilters = {
    year: Number.isInteger(year) && year > 2000 ? year : undefined,
    kind: oneOf(kinds, params.get('kind')),
    category: oneOf(categories, params.get('category')),
    unitId: params.get('unit') ?? undefined,
    state: oneOf<RecordState | 'all'>([...states, 'all'], params.get('state')) ?? '',
    age: age === '3' ? 3 : age === '7' ? 7 : undefined,
    sort: oneOf(['oldest', 'newest'] as const, params.get('sort')) ?? defaults.sort,
  };
  const openId = params.get('open');

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { filters, openId, update, setOpen: (id: string | null) => update({ open: id }) };
}

/** The list query of the filters (`forced` overrides, e.g. the spot checks' view=all&state=verified). */
export function queueQueryOf(filters: QueueFilters, forced: Partial<QueueQuery> = {}): QueueQuery {
  const query: QueueQuery = {
    view: filters.state === '' ? 'queue' : 'all',
    state: filters.state === '' || filters.state === 'all' ? undefined : filters.state,
    year: filters.year,
    kind: filters.kind,
    category: filters.category,
    unitId: filters.unitId,
    olderThanDays: filters.age,
    sort: filters.sort,
    limit: pageSize,
    ...forced,
  };
  return query;
}

/** The records of the query, page after page ("加载更多"), keyset cursors from the server. */
export function useRecordPages(query: QueueQuery) {
  const list = useInfiniteQuery({
    queryKey: [...recordQueueKey, 'list', query],
    queryFn: ({ pageParam, signal }) => recordQueueApi.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: RecordView[] = [];
    for (const page of list.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }, [list.data]);
  return { list, rows };
}

type FilterBarProps = {
  filters: QueueFilters;
  update: (changes: Record<string, string | null>) => void;
  /** Bureaus and authorities pick a unit; a unit reviews only its own people. */
  showUnit: boolean;
  /** The region the unit picker searches (a bureau's region; the whole province when absent). */
  regionCode?: string;
  /** The state filter: `queue` offers 待我审核 first; absent on the spot checks. */
  stateChoice?: { queueLabel: string };
  showAge?: boolean;
  sortLabels?: { oldest: string; newest: string };
};

export function FilterBar(props: FilterBarProps) {
  const { filters, showUnit, regionCode, stateChoice, showAge = true } = props;
  // A chosen filter hands the keyboard back to the list (the picker would keep the focus).
  const update = (changes: Record<string, string | null>) => {
    props.update(changes);
    setTimeout(releaseFocus, 0);
  };
  const sortLabels = props.sortLabels ?? { oldest: '最早优先', newest: '最新优先' };
  const any =
    filters.year !== undefined ||
    filters.kind !== undefined ||
    filters.category !== undefined ||
    filters.unitId !== undefined ||
    filters.state !== '' ||
    filters.age !== undefined;
  return (
    <Space wrap size={[8, 8]} data-testid="review-filters">
      <Select<number>
        value={filters.year}
        placeholder="全部年度"
        allowClear
        options={yearOptions}
        style={{ width: 104 }}
        onChange={(v) => update({ year: v ? String(v) : null, open: null })}
        aria-label="年度"
        data-testid="filter-year"
      />
      <Select<ActivityKind>
        value={filters.kind}
        placeholder="全部类型"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={kinds.map((k) => ({ value: k, label: kindLabels[k] }))}
        style={{ width: 150 }}
        popupMatchSelectWidth={false}
        onChange={(v) => update({ kind: v ?? null, open: null })}
        aria-label="活动类型"
        data-testid="filter-kind"
      />
      <Select<RecordCategory>
        value={filters.category}
        placeholder="全部科目"
        allowClear
        options={categories.map((c) => ({ value: c, label: recordCategoryLabels[c] }))}
        style={{ width: 120 }}
        popupMatchSelectWidth={false}
        onChange={(v) => update({ category: v ?? null, open: null })}
        aria-label="科目类别"
        data-testid="filter-category"
      />
      {showUnit ? (
        <div style={{ width: 210 }}>
          <UnitPicker
            regionCode={regionCode}
            value={filters.unitId}
            onChange={(v) => update({ unit: v ?? null, open: null })}
            testId="filter-unit"
          />
        </div>
      ) : null}
      {stateChoice ? (
        <Select<StateFilter>
          value={filters.state}
          options={[
            { value: '', label: stateChoice.queueLabel },
            ...states.filter((s) => s !== 'draft').map((s) => ({ value: s, label: recordStateLabels[s] })),
            { value: 'all', label: '全部状态' },
          ]}
          style={{ width: 128 }}
          popupMatchSelectWidth={false}
          onChange={(v) => update({ state: v || null, open: null })}
          aria-label="状态"
          data-testid="filter-state"
        />
      ) : null}
      {showAge ? (
        <Segmented<string>
          value={filters.age ? String(filters.age) : ''}
          options={[
            { value: '', label: '全部' },
            { value: '3', label: '超过3天' },
            { value: '7', label: '超过7天' },
          ]}
          onChange={(v) => update({ age: v || null, open: null })}
          data-testid="filter-age"
        />
      ) : null}
      <Segmented<string>
        value={filters.sort}
        options={[
          { value: 'oldest', label: sortLabels.oldest },
          { value: 'newest', label: sortLabels.newest },
        ]}
        onChange={(v) => update({ sort: v, open: null })}
        data-testid="filter-sort"
      />
      {any ? (
        <Button
          type="link"
          onClick={() => update({ year: null, kind: null, category: null, unit: null, state: null, age: null, open: null })}
          data-testid="filter-reset"
        >
          清除筛选
        </Button>
      ) : null}
    </Space>
  );
}

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

/** The shortcuts, shown under the filters. */
export function ShortcutHelp({ items }: { items: [string[], string][] }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="review-shortcuts">
      快捷键：
      {items.map(([keys, what], i) => (
        <span key={what} style={{ marginInlineStart: i === 0 ? 0 : 10, whiteSpace: 'nowrap' }}>
          {keys.map((k) => (
            <Typography.Text keyboard key={k} style={{ fontSize: 12 }}>
              {k}
            </Typography.Text>
          ))}{' '}
          {what}
        </span>
      ))}
    </Typography.Text>
  );
}

const textInputTypes = new Set(['', 'text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week']);

/** Gives the keys back to the page after a filter was chosen (the picker keeps the focus otherwise). */
export const releaseFocus = () => {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
};

/** Whether a key press belongs to a text field (or another control that uses the key itself). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement && textInputTypes.has(target.type) && !target.readOnly) return true;
  // Pickers use the arrow keys and Enter themselves.
  return target.closest('[role="dialog"], .ant-select, .ant-picker, .ant-cascader, .ant-modal') !== null;
}

/**
 * Single-key shortcuts on the page: never while typing, never with a modifier, never while a dialog
 * is open (`paused`). The handler answers whether it used the key.
 */
export function useShortcuts(handler: (key: string, event: KeyboardEvent) => boolean, paused: boolean) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (paused || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      // Enter on a focused button or link is that control's own.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a, [role="button"], [role="tab"], label')) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      if (ref.current(event.key, event)) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [paused]);
}

/** The row after `id` (or before it, at the end), for moving on after a decision. */
export function neighbourOf(rows: RecordView[], id: string, skip: ReadonlySet<string> = new Set()): string | null {
  const index = rows.findIndex((r) => r.id === id);
  if (index < 0) return rows.find((r) => !skip.has(r.id) && r.id !== id)?.id ?? null;
  for (let i = index + 1; i < rows.length; i += 1) if (!skip.has(rows[i]!.id)) return rows[i]!.id;
  for (let i = index - 1; i >= 0; i -= 1) if (!skip.has(rows[i]!.id)) return rows[i]!.id;
  return null;
}
