import { WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, describeError } from '../../../api/client.ts';
import { invalidateAfterDecision, recordQueueApi } from '../../../api/recordQueue.ts';
import { kindOf, type RecordView } from '../../../api/records.ts';
import { useCurrentSession } from '../../../auth/session.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { formatInstant } from '../../../components/time.ts';
import { hoursText, kindLabels } from '../common/labels.ts';
import {
  hoursCell,
  RecordList,
  recordTitleCell,
  ReviewPane,
  SplitLayout,
  useOpenRecord,
} from './queueParts.tsx';
import { FilterBar, queueQueryOf, useQueueParams, useRecordPages } from './queueFilters.tsx';
import { ShortcutHelp, useRowCursor, useShortcuts } from './keyboard.tsx';

/**
 * Art. 11(4) spot checks (抽查): a bureau reads the verified records of the people in its scope and may
 * overturn one (抽查撤销) with a reason: the record ends rejected, its hours leave the year and the
 * person is notified.
 */
export default function SpotCheckPage() {
  const { user } = useCurrentSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  // Recently verified first: what a spot check usually looks at.
  const { filters, openId, update, setOpen } = useQueueParams({ sort: 'newest' });
  const query = queueQueryOf({ ...filters, state: 'verified', age: undefined }, { view: 'all', state: 'verified', olderThanDays: undefined });
  const { list, rows } = useRecordPages(query);
  const open = useOpenRecord(openId, rows);
  const [overturning, setOverturning] = useState<RecordView | null>(null);
  const [refusal, setRefusal] = useState<{ id: string; error: unknown } | null>(null);
  const { focusedId, openRow, navigate } = useRowCursor({ rows, openId, setOpen, onOpen: () => setRefusal(null), loadMore: list });

  const overturn = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => recordQueueApi.decide(id, 'overturn', reason),
    onSuccess: async (record) => {
      setOverturning(null);
      setRefusal(null);
      void message.success(`已撤销 ${record.personName} 的登记，${record.hours} 学时已从 ${record.year} 年度撤回`);
      await invalidateAfterDecision(queryClient);
    },
    onError: async (error, vars) => {
      setRefusal({ id: vars.id, error });
      void message.error(describeError(error));
      if (!(error instanceof ApiError && error.status === 400)) setOverturning(null);
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) await invalidateAfterDecision(queryClient);
    },
  });

  /** The reason first, then a confirmation that says what happens to the hours. */
  const confirmOverturn = (record: RecordView, reason: string) => {
    modal.confirm({
      title: '确认抽查撤销？',
      icon: <WarningOutlined style={{ color: '#cf1322' }} />,
      content: (
        <Space orientation="vertical" size={4} data-testid="overturn-confirm">
          <span>
            撤销后，{record.personName}的这条登记（{kindLabels[kindOf(record)]}，{hoursText(record)}）将改为「未通过」，
            <Typography.Text strong type="danger">
              其学时将从 {record.year} 年度撤回
            </Typography.Text>
            ，本人将收到通知。
          </span>
          <Typography.Text type="secondary">撤销原因：{reason}</Typography.Text>
          <Typography.Text type="secondary">此操作记入审计日志，不可恢复。</Typography.Text>
        </Space>
      ),
      okText: '确认撤销',
      okButtonProps: { danger: true, 'data-testid': 'overturn-confirm-ok' } as ButtonProps,
      cancelText: '取消',
      onOk: () => overturn.mutateAsync({ id: record.id, reason }).catch(() => undefined),
    });
  };

  useShortcuts((key) => navigate(key), overturning !== null);

  const columns: ColumnsType<RecordView> = [
    { title: '人员 / 登记', key: 'who', render: (_, r) => recordTitleCell(r, true) },
    { title: '学时', key: 'hours', width: 96, render: (_, r) => hoursCell(r) },
    {
      title: '核定时间',
      key: 'since',
      width: 104,
      render: (_, r) => <span title={formatInstant(r.stateSince)}>{formatInstant(r.stateSince).slice(0, 10)}</span>,
    },
  ];

  const openView = open.data?.id === openId ? open.data : undefined;
  const actions = openView ? (
    openView.allowedActions.includes('overturn') ? (
      <Space wrap>
        <Button danger icon={<WarningOutlined />} disabled={overturn.isPending} onClick={() => setOverturning(openView)} data-testid="review-overturn">
          抽查撤销
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          撤销后学时从该年度撤回，并通知本人
        </Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">{openView.state === 'verified' ? '该登记不在您的抽查范围内' : '该登记已不是「已核定」状态'}</Typography.Text>
    )
  ) : null;

  return (
    <Card
      title="学时抽查"
      extra={<Typography.Text type="secondary">辖区内已核定的登记，抽查发现问题可撤销（第十一条）</Typography.Text>}
      data-testid="spot-checks"
    >
      <Space orientation="vertical" size={10} style={{ width: '100%', marginBottom: 12 }}>
        <FilterBar
          filters={filters}
          update={update}
          showUnit
          regionCode={user.scope.regionCode}
          showAge={false}
          sortLabels={{ oldest: '最早核定优先', newest: '最新核定优先' }}
        />
        <ShortcutHelp items={[[['J', 'K'], '上下移动'], [['Enter'], '打开'], [['Esc'], '关闭']]} />
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
            emptyText="暂无符合条件的已核定登记"
            testId="spot-list"
          />
        }
        pane={
          <ReviewPane
            openId={openId}
            record={open}
            actions={actions}
            refusal={refusal && refusal.id === openId ? refusal.error : null}
            onClose={() => openRow(null)}
            onRefresh={() => {
              setRefusal(null);
              void invalidateAfterDecision(queryClient);
            }}
            placeholder="点击一条已核定的登记，在此查看证明材料与审核记录"
          />
        }
      />
      <ReasonModal
        open={overturning !== null}
        title={`抽查撤销：${overturning?.personName ?? ''} 的登记`}
        description={
          overturning
            ? `撤销后该登记的 ${hoursText(overturning)} 将从 ${overturning.year} 年度撤回，原因将告知本人。下一步还需确认。`
            : undefined
        }
        label="撤销原因"
        okText="下一步"
        danger
        minLength={4}
        busy={overturn.isPending}
        onCancel={() => setOverturning(null)}
        onSubmit={(reason) => {
          const record = overturning;
          if (!record) return;
          setOverturning(null);
          confirmOverturn(record, reason);
        }}
        testId="overturn-reason"
      />
    </Card>
  );
}
