import { DeleteOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../../../api/client.ts';
import { invalidateAfterDeclarerStep } from '../../../api/recordQueue.ts';
import { recordsApi, type RecordView } from '../../../api/records.ts';
import { ErrorState, PageLoading } from '../../../components/status.tsx';
import { EvidencePanel } from './EvidencePanel.tsx';
import { hoursText } from './labels.ts';
import { RecordForm } from './RecordForm.tsx';
import { RecordStateTag } from './RecordStateTag.tsx';
import { RecordSummary } from './RecordSummary.tsx';
import { RecordTimeline } from './RecordTimeline.tsx';

// The declarer's view of one record: what it says and what the policy gave it, its evidence (editable
// while a draft or returned), its steps, and the declarer's actions the server allows (提交, 重新提交,
// 撤回, 编辑, 删除草稿). Every refusal shows the server's own words (deadline, missing documents,
// the earlier record of a duplicate claim).

/** Everything a problem says: its title, detail and each field's message. */
export function problemText(error: unknown): string {
  const text = describeError(error);
  if (!(error instanceof ApiError)) return text;
  const extra = error.fieldErrors.map((e) => e.message).filter((m) => !text.includes(m));
  return extra.length > 0 ? `${text}：${extra.join('；')}` : text;
}

/** Query keys of the declarer's pages: lists under `records`, details under `record`. */
export const recordsListKey = ['records'] as const;

type Step = 'submit' | 'resubmit' | 'withdraw' | 'delete';

const stepDone: Record<Step, string> = {
  submit: '已提交',
  resubmit: '已重新提交',
  withdraw: '已撤回，可修改后再次提交',
  delete: '草稿已删除',
};

export function RecordDrawer({ recordId, onClose }: { recordId: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Step | null>(null);
  const [problem, setProblem] = useState<{ step: Step; error: unknown } | null>(null);
  const [editing, setEditing] = useState(false);

  const record = useQuery({
    queryKey: ['record', recordId],
    queryFn: ({ signal }) => recordsApi.get(recordId!, signal),
    enabled: recordId !== null,
  });
  const history = useQuery({
    queryKey: ['record-history', recordId],
    queryFn: ({ signal }) => recordsApi.history(recordId!, signal),
    enabled: recordId !== null,
  });

  // The evidence list the panel keeps (same query): a refusal for missing documents is stale once
  // the files change, so it is cleared then.
  const evidence = useQuery({
    queryKey: ['record-evidence', recordId],
    queryFn: ({ signal }) => recordsApi.evidence(recordId!, signal),
    enabled: recordId !== null,
  });
  const evidenceVersion = evidence.dataUpdatedAt;
  useEffect(() => {
    setProblem((p) => (p && (p.step === 'submit' || p.step === 'resubmit') ? null : p));
  }, [evidenceVersion]);

  // The lists, this record and the menu count (a resubmitted record leaves the person's count).
  const refresh = () => invalidateAfterDeclarerStep(queryClient, recordId);

  const run = async (step: Step, action: () => Promise<unknown>) => {
    setBusy(step);
    setProblem(null);
    try {
      await action();
      void message.success(stepDone[step]);
      if (step === 'delete') {
        onClose();
        queryClient.removeQueries({ queryKey: ['record', recordId] });
        queryClient.removeQueries({ queryKey: ['record-history', recordId] });
        queryClient.removeQueries({ queryKey: ['record-evidence', recordId] });
        await invalidateAfterDeclarerStep(queryClient);
        return;
      }
      await refresh();
    } catch (error) {
      setProblem({ step, error });
    } finally {
      setBusy(null);
    }
  };

  const close = () => {
    setProblem(null);
    setEditing(false);
    onClose();
  };

  const r = record.data;
  const allowed = new Set(r?.allowedActions ?? []);
  const declarer = allowed.has('submit') || allowed.has('resubmit');
  const editable = r !== undefined && (r.state === 'draft' || r.state === 'returned') && declarer;
  // Only a draft that was never submitted may be deleted (a withdrawn one keeps its history).
  const everSubmitted = (history.data?.items ?? []).some((h) => h.toState !== null && h.toState !== 'draft');
  const deletable = r?.state === 'draft' && declarer && !everSubmitted;

  const actions = r ? (
    <Space wrap data-testid="record-actions">
      {allowed.has('submit') ? (
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void run('submit', () => recordsApi.submit(r.id))} data-testid="record-submit">
          提交
        </Button>
      ) : null}
      {allowed.has('resubmit') ? (
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'resubmit'} onClick={() => void run('resubmit', () => recordsApi.resubmit(r.id))} data-testid="record-resubmit">
          重新提交
        </Button>
      ) : null}
      {editable ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">编辑</Button>
      ) : null}
      {allowed.has('withdraw') ? (
        <Popconfirm title="撤回该登记？" description="撤回后变为草稿，可修改后再次提交。" okText="撤回" cancelText="取消" onConfirm={() => run('withdraw', () => recordsApi.withdraw(r.id))}>
          <Button icon={<RollbackOutlined />} loading={busy === 'withdraw'} data-testid="record-withdraw">撤回</Button>
        </Popconfirm>
      ) : null}
      {deletable ? (
        <Popconfirm title="删除该草稿？" description="草稿及已上传的证明材料将一并删除。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => run('delete', () => recordsApi.remove(r.id))}>
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} data-testid="record-delete">删除草稿</Button>
        </Popconfirm>
      ) : null}
    </Space>
  ) : null;

  return (
    <Drawer
      open={recordId !== null}
      onClose={close}
      size={860}
      title={r ? <Space><span>继续教育登记</span><RecordStateTag state={r.state} /><Typography.Text type="secondary">{hoursText(r)}</Typography.Text></Space> : '继续教育登记'}
      extra={actions}
      destroyOnHidden
      data-testid="record-drawer"
    >
      {record.isPending ? <PageLoading /> : record.isError ? <ErrorState error={record.error} onRetry={() => void record.refetch()} /> : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {problem ? (
            <Alert
              type="error"
              showIcon
              closable={{ onClose: () => setProblem(null) }}
              title={{ submit: '提交失败', resubmit: '重新提交失败', withdraw: '撤回失败', delete: '删除失败' }[problem.step]}
              description={problemText(problem.error)}
              data-testid="record-problem"
            />
          ) : null}
          {record.data.state === 'returned' && record.data.lastReason ? (
            <Alert type="warning" showIcon title="该登记已被退回，请按意见修改后重新提交" description={record.data.lastReason} />
          ) : null}
          <RecordSummary record={record.data} />
          {/* A filed provider's registrations need no evidence (Art. 9(3)); its channel has none to show. */}
          {record.data.channel === 'person' || record.data.channel === 'unit' ? (
            <Card size="small" title="证明材料">
              <EvidencePanel recordId={record.data.id} editable={editable} requiredEvidence={record.data.requiredEvidence} />
            </Card>
          ) : null}
          <Card size="small" title="处理记录">
            <RecordTimeline recordId={record.data.id} />
          </Card>
        </Space>
      )}
      {r ? (
        <RecordForm
          open={editing}
          title="修改登记"
          record={r}
          okText="保存修改"
          onCancel={() => setEditing(false)}
          onSave={(draft) => recordsApi.edit(r.id, { ...draft, version: r.version })}
          onSaved={(saved: RecordView) => {
            setEditing(false);
            void message.success(`已保存，核算学时：${hoursText(saved)}`);
            queryClient.setQueryData(['record', saved.id], saved);
            void refresh();
          }}
        />
      ) : null}
    </Drawer>
  );
}
