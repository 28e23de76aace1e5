import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, describeError } from '../../../api/client.ts';
import {
  decisionLabels,
  invalidateAfterDecision,
  recordQueueApi,
  recordQueueKey,
  recordsPendingKey,
  type BulkItemResult,
  type Decision,
} from '../../../api/recordQueue.ts';
import { kindOf, type RecordView } from '../../../api/records.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentSession } from '../../../auth/session.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { kindLabels } from '../common/labels.ts';
import { RecordStateTag } from '../common/RecordStateTag.tsx';
import {
  AgeTag,
  hoursCell,
  RecordList,
  recordTitleCell,
  ReviewPane,
  SplitLayout,
  useOpenRecord,
} from './queueParts.tsx';
import { FilterBar, queueQueryOf, useQueueParams, useRecordPages } from './queueFilters.tsx';
import { neighbourOf, ShortcutHelp, useRowCursor, useShortcuts } from './keyboard.tsx';

/** Who the reason box is for: one record or the selection; return (退回修改) or reject (不予认定). */
type ReasonTarget = { ids: string[]; action: 'return' | 'reject'; label: string } | null;

type BulkOutcome = { verb: string; results: BulkItemResult[]; names: Map<string, string> } | null;

/**
 * Art. 11 review queue. A unit pre-reviews (初审) the submitted records of its people; a bureau verifies
 * (核定) public-subject hours, an authority professional ones. The list and the open record sit side by
 * side; everything can be done from the keyboard.
 */
export default function ReviewQueuePage() {
  const { user } = useCurrentSession();
  const isUnit = user.role === 'unit';
  // The decision that moves a record on: the unit's pre-review, else verification.
  const pass: Extract<Decision, 'approve' | 'verify'> = isUnit ? 'approve' : 'verify';
  const passVerb = isUnit ? '通过' : '核定';
  const title = isUnit ? '学时初审' : '学时核定';

  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { filters, openId, update, setOpen } = useQueueParams({ sort: 'oldest' });
  // Query keys hash by value: a new object with the same filters is the same list.
  const query = queueQueryOf(filters);
  const { list, rows } = useRecordPages(query);
  const open = useOpenRecord(openId, rows);

  const [selected, setSelected] = useState<string[]>([]);
  const [reasonTarget, setReasonTarget] = useState<ReasonTarget>(null);
  const [refusal, setRefusal] = useState<{ id: string; error: unknown } | null>(null);
  const [bulkOutcome, setBulkOutcome] = useState<BulkOutcome>(null);
  const [prevRows, setPrevRows] = useState(rows);
  const { focusedId, setFocusedId, openRow, navigate } = useRowCursor({ rows, openId, setOpen, onOpen: () => setRefusal(null), loadMore: list });

  // The selection and the cursor never outlive the rows they refer to (a refresh after a decision).
  if (prevRows !== rows) {
    setPrevRows(rows);
    const ids = new Set(rows.map((r) => r.id));
    if (selected.some((id) => !ids.has(id))) setSelected(selected.filter((id) => ids.has(id)));
    if (focusedId && !ids.has(focusedId)) setFocusedId(openId && ids.has(openId) ? openId : (rows[0]?.id ?? null));
  }

  const pending = useQuery({
    queryKey: recordsPendingKey,
    queryFn: ({ signal }) => recordQueueApi.pending(signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    retry: false,
  });

  const inQueue = filters.state === '';
  const nameOf = (id: string) => rows.find((r) => r.id === id)?.personName ?? (open.data?.id === id ? open.data.personName : '该登记');
  const canPass = (r: RecordView | undefined) => !!r && r.allowedActions.includes(pass);
  const canReturn = (r: RecordView | undefined) => !!r && r.allowedActions.includes('return');
  const selectable = (r: RecordView) => canPass(r) || canReturn(r);

  /** Drops decided records from the lists on screen at once (they left the queue); a refetch follows. */
  const dropFromQueue = (ids: readonly string[]) => {
    if (!inQueue || ids.length === 0) return;
    const gone = new Set(ids);
    queryClient.setQueriesData<InfiniteData<Page<RecordView>>>({ queryKey: [...recordQueueKey, 'list'] }, (data) =>
      data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((r) => !gone.has(r.id)) })) } : data,
    );
  };

  /** After a decision on the open record: the pane (and the cursor) move to the next one. */
  const moveOn = (decided: readonly string[]) => {
    const skip = new Set(decided);
    const current = openId ?? focusedId;
    if (current && skip.has(current)) {
      const next = neighbourOf(rows, current, skip);
      setOpen(next);
      setFocusedId(next);
    }
  };

  const decide = useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: Decision; reason?: string }) =>
      recordQueueApi.decide(id, action, reason),
    onSuccess: async (record, vars) => {
      setReasonTarget(null);
      setRefusal(null);
      void message.success(`已${decisionLabels[vars.action]}：${record.personName}（${kindLabels[kindOf(record)]} ${record.hours} 学时）`);
      moveOn([vars.id]);
      dropFromQueue([vars.id]);
      await invalidateAfterDecision(queryClient);
    },
    onError: async (error, vars) => {
      setRefusal({ id: vars.id, error });
      void message.error(describeError(error));
      // A validation refusal keeps the reason box open to correct it; anything else closes it.
      if (!(error instanceof ApiError && error.status === 400)) setReasonTarget(null);
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        await invalidateAfterDecision(queryClient);
      }
    },
  });

  const bulk = useMutation({
    mutationFn: recordQueueApi.bulk,
    onSuccess: async (answer, vars) => {
      setReasonTarget(null);
      const names = new Map(vars.ids.map((id) => [id, nameOf(id)]));
      const verb = decisionLabels[vars.action];
      setBulkOutcome({ verb, results: answer.results, names });
      if (answer.failed === 0) void message.success(`已${verb} ${answer.succeeded} 条登记`);
      else void message.warning(`已${verb} ${answer.succeeded} 条，${answer.failed} 条未能办理`);
      const done = answer.results.filter((r) => r.ok).map((r) => r.id);
      setSelected((current) => current.filter((id) => !done.includes(id)));
      // The pane moves past everything the bulk touched (a failure is explained in the outcome above).
      moveOn(vars.ids);
      dropFromQueue(done);
      await invalidateAfterDecision(queryClient);
    },
    onError: (error) => {
      void message.error(describeError(error));
      if (!(error instanceof ApiError && error.status === 400)) setReasonTarget(null);
    },
  });

  const busy = decide.isPending || bulk.isPending;

  const act = (record: RecordView | undefined, action: Decision) => {
    if (!record || busy) return;
    if (!record.allowedActions.includes(action)) {
      void message.warning(`该登记当前不能${decisionLabels[action]}`);
      return;
    }
    if (action === 'return' || action === 'reject') {
      setReasonTarget({ ids: [record.id], action, label: `${record.personName} 的登记` });
      return;
    }
    decide.mutate({ id: record.id, action });
  };

  const submitReason = (reason: string) => {
    if (!reasonTarget) return;
    const [only] = reasonTarget.ids;
    if (reasonTarget.ids.length === 1 && only) decide.mutate({ id: only, action: reasonTarget.action, reason });
    else bulk.mutate({ action: reasonTarget.action, ids: reasonTarget.ids, reason });
  };

  // The record the keys a/r act on: the open one, else the one under the cursor.
  const target = (): RecordView | undefined => {
    if (openId) return open.data?.id === openId ? open.data : rows.find((r) => r.id === openId);
    return rows.find((r) => r.id === focusedId);
  };

  useShortcuts((key) => {
    if (navigate(key)) return true;
    switch (key) {
      case 'a':
        act(target(), pass);
        return true;
      case 'r':
        act(target(), 'return');
        return true;
      case 'x': {
        const row = rows.find((r) => r.id === (focusedId ?? openId));
        if (!row || !selectable(row)) return false;
        setSelected((current) => (current.includes(row.id) ? current.filter((id) => id !== row.id) : [...current, row.id]));
        return true;
      }
      default:
        return false;
    }
  }, reasonTarget !== null);

  const selectedRows = rows.filter((r) => selected.includes(r.id));
  const passIds = selectedRows.filter(canPass).map((r) => r.id);
  const returnIds = selectedRows.filter(canReturn).map((r) => r.id);

  const columns: ColumnsType<RecordView> = [
    { title: '人员 / 登记', key: 'who', render: (_, r) => recordTitleCell(r, !isUnit) },
    { title: '学时', key: 'hours', width: 96, render: (_, r) => hoursCell(r) },
    ...(inQueue ? [] : [{ title: '状态', key: 'state', width: 100, render: (_: unknown, r: RecordView) => <RecordStateTag state={r.state} /> }]),
    { title: '等待', key: 'age', width: 72, render: (_, r) => <AgeTag record={r} /> },
  ];

  const openView = open.data?.id === openId ? open.data : undefined;
  const paneActions = openView ? (
    <Space wrap>
      {openView.allowedActions.includes(pass) ? (
        <Button type="primary" icon={<CheckOutlined />} loading={decide.isPending && decide.variables.action === pass} disabled={busy} onClick={() => act(openView, pass)} data-testid={`review-${pass}`}>
          {decisionLabels[pass]}
          <Typography.Text keyboard style={{ color: 'inherit', fontSize: 11 }}>A</Typography.Text>
        </Button>
      ) : null}
      {openView.allowedActions.includes('return') ? (
        <Button icon={<RollbackOutlined />} disabled={busy} onClick={() => act(openView, 'return')} data-testid="review-return">
          退回修改
          <Typography.Text keyboard style={{ fontSize: 11 }}>R</Typography.Text>
        </Button>
      ) : null}
      {openView.allowedActions.includes('reject') ? (
        <Button danger icon={<StopOutlined />} disabled={busy} onClick={() => act(openView, 'reject')} data-testid="review-reject">
          不予认定
        </Button>
      ) : null}
      {!openView.allowedActions.some((a) => a === pass || a === 'return' || a === 'reject') ? (
        <Space size={6}>
          <RecordStateTag state={openView.state} />
          <Typography.Text type="secondary">该登记当前无需您处理</Typography.Text>
        </Space>
      ) : null}
    </Space>
  ) : null;

  const pendingText = pending.data
    ? `待${isUnit ? '初审' : '核定'} ${pending.data.count} 条${pending.data.overdue > 0 ? `，其中 ${pending.data.overdue} 条超过 7 天` : ''}`
    : null;

  return (
    <Card
      title={title}
      extra={
        pendingText ? (
          <Typography.Text type={pending.data && pending.data.overdue > 0 ? 'danger' : 'secondary'} data-testid="review-pending">
            {pendingText}
          </Typography.Text>
        ) : null
      }
      data-testid="review-queue"
    >
      <Space orientation="vertical" size={10} style={{ width: '100%', marginBottom: 12 }}>
        <FilterBar
          filters={filters}
          update={update}
          showUnit={!isUnit}
          regionCode={user.role === 'bureau' ? user.scope.regionCode : undefined}
          stateChoice={{ queueLabel: isUnit ? '待我初审' : '待我核定' }}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <ShortcutHelp
            items={[
              [['J', 'K'], '上下移动'],
              [['Enter'], '打开'],
              [['A'], passVerb],
              [['R'], '退回'],
              [['X'], '选择'],
              [['Esc'], '关闭'],
            ]}
          />
          <Space wrap>
            <Typography.Text type="secondary" data-testid="review-selected">
              已选 {selected.length} 条
            </Typography.Text>
            <Popconfirm
              title={`批量${passVerb}选中的 ${passIds.length} 条登记？`}
              description={isUnit ? '初审通过后将报送人社部门或行业主管部门核定。' : '核定后学时计入本人当年度学时。'}
              okText={passVerb}
              cancelText="取消"
              disabled={passIds.length === 0}
              onConfirm={() => bulk.mutate({ action: pass, ids: passIds })}
              okButtonProps={{ 'data-testid': 'bulk-pass-ok' }}
            >
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={passIds.length === 0 || busy}
                loading={bulk.isPending && bulk.variables.action === pass}
                data-testid="bulk-pass"
              >
                批量{passVerb}
              </Button>
            </Popconfirm>
            <Button
              icon={<RollbackOutlined />}
              disabled={returnIds.length === 0 || busy}
              loading={bulk.isPending && bulk.variables.action === 'return'}
              onClick={() => setReasonTarget({ ids: returnIds, action: 'return', label: `选中的 ${returnIds.length} 条登记` })}
              data-testid="bulk-return"
            >
              批量退回
            </Button>
          </Space>
        </div>
        {bulkOutcome ? <BulkOutcomeAlert outcome={bulkOutcome} onClose={() => setBulkOutcome(null)} /> : null}
      </Space>
      <SplitLayout
        list={
          <RecordList
            rows={rows}
            columns={columns}
            list={list}
            focusedId={focusedId}
            openId={openId}
            onRowClick={(r) => openRow(r.id)}
            emptyText={inQueue ? (isUnit ? '暂无待初审的登记' : '暂无待核定的登记') : '暂无符合条件的登记'}
            testId="review-list"
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !selectable(r), 'aria-label': `选择 ${r.personName}` }),
              columnWidth: 36,
            }}
          />
        }
        pane={
          <ReviewPane
            openId={openId}
            record={open}
            actions={paneActions}
            refusal={refusal && refusal.id === openId ? refusal.error : null}
            onClose={() => openRow(null)}
            onRefresh={() => {
              setRefusal(null);
              void invalidateAfterDecision(queryClient);
            }}
            placeholder={
              <span>
                点击一条登记，或用 <Typography.Text keyboard>J</Typography.Text>/<Typography.Text keyboard>K</Typography.Text> 选中后按{' '}
                <Typography.Text keyboard>Enter</Typography.Text>，在此查看证明材料并{isUnit ? '初审' : '核定'}
              </span>
            }
          />
        }
      />
      <ReasonModal
        open={reasonTarget !== null}
        title={`${reasonTarget ? decisionLabels[reasonTarget.action] : ''}：${reasonTarget?.label ?? ''}`}
        description={
          reasonTarget?.action === 'reject'
            ? '不予认定后该登记不再计入学时，原因将告知本人。'
            : '退回原因将告知本人（单位申报的同时告知单位），修改后可重新提交。'
        }
        label={reasonTarget?.action === 'reject' ? '不予认定原因' : '退回原因'}
        okText={reasonTarget ? decisionLabels[reasonTarget.action] : '确定'}
        danger={reasonTarget?.action === 'reject'}
        busy={busy}
        onCancel={() => setReasonTarget(null)}
        onSubmit={submitReason}
        testId="review-reason"
      />
    </Card>
  );
}

/** Per-record answers of a bulk decision: which failed and why (the server's problem detail). */
function BulkOutcomeAlert({ outcome, onClose }: { outcome: NonNullable<BulkOutcome>; onClose: () => void }) {
  const failed = outcome.results.filter((r) => !r.ok);
  const done = outcome.results.length - failed.length;
  return (
    <Alert
      type={failed.length === 0 ? 'success' : 'warning'}
      showIcon
      closable={{ onClose }}
      title={failed.length === 0 ? `已${outcome.verb} ${done} 条登记` : `已${outcome.verb} ${done} 条，${failed.length} 条未能办理`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="bulk-results">
          {outcome.results.map((r) => (
            <li key={r.id} data-testid="bulk-result" data-ok={r.ok ? 'true' : 'false'} data-record-id={r.id}>
              {outcome.names.get(r.id) ?? r.id}：
              {r.ok ? (
                <Tag color="success">已{outcome.verb}</Tag>
              ) : (
                <>
                  <Tag color={r.status === 409 ? 'warning' : 'error'}>{failureLabel(r.status)}</Tag>
                  {r.detail ?? r.code ?? '办理失败'}
                </>
              )}
            </li>
          ))}
        </ul>
      }
      data-testid="bulk-outcome"
    />
  );
}

function failureLabel(status: number): string {
  if (status === 409) return '状态已变化';
  if (status === 403) return '无权办理';
  if (status === 404) return '未找到';
  if (status === 400) return '参数有误';
  return `失败（${status}）`;
}
