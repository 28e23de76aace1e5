import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Progress, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { policyApi, type CountedRecord, type YearStatus } from '../../api/policy.ts';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { activityKindLabels } from '../policy/labels.ts';
import { CategoryTag, ClauseTag, ProvisionalTag } from '../policy/tags.tsx';
import { YearStatusLeave } from './YearStatusLeave.tsx';

// 年度学时: a person's yearly status (Art. 5 after Art. 8) — rings for public, professional and total
// hours against the requirement, what is still missing, and the verified records that count.

/** The business year (Asia/Shanghai). */
export const currentYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

const hours = (value: number) => `${value % 1 === 0 ? value : value.toFixed(1)}`;

function Ring({ title, earned, required, done, testId }: { title: string; earned: number; required: number; done: boolean; testId: string }) {
  const percent = required <= 0 ? 100 : Math.min(100, Math.round((earned / required) * 100));
  return (
    <div style={{ textAlign: 'center' }} data-testid={testId}>
      <Progress
        type="dashboard"
        percent={done ? 100 : percent}
        status={done ? 'success' : 'normal'}
        size={150}
        format={() => (
          <div>
            <div style={{ fontSize: 26, fontWeight: 600 }}>{hours(earned)}</div>
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.45)' }}>应修 {hours(required)}</div>
          </div>
        )}
      />
      <div style={{ marginTop: 4, fontWeight: 500 }}>{title}</div>
    </div>
  );
}

function Missing({ status }: { status: YearStatus }) {
  if (status.fullYear) {
    return <Alert type="success" showIcon title="本年度有视为完成全年学时的记录（第七条第（三）项或第（十一）项），年度学时已完成。" />;
  }
  if (status.complete) return <Alert type="success" showIcon title="本年度继续教育学时已达到要求。" data-testid="year-complete" />;
  const parts = [
    status.shortfall.public > 0 ? `公需科目 ${hours(status.shortfall.public)} 学时` : null,
    status.shortfall.professional > 0 ? `专业科目 ${hours(status.shortfall.professional)} 学时` : null,
  ].filter(Boolean);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="year-missing"
      title={`本年度还差 ${hours(status.shortfall.total)} 学时`}
      description={`${parts.length > 0 ? `其中还需${parts.join('、')}；` : ''}公需、专业科目达到最低要求后，其余学时两类均可。`}
    />
  );
}

const columns: ColumnsType<CountedRecord> = [
  {
    title: '内容',
    dataIndex: 'content',
    render: (content: string, r) => (
      <Space orientation="vertical" size={0}>
        <span>{content}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {activityKindLabels[r.kind] ?? r.kind}
          {r.startedOn && r.endedOn ? ` · ${r.startedOn} 至 ${r.endedOn}` : r.endedOn ? ` · ${r.endedOn}` : ''}
          {r.kind === 'project' ? ` · ${r.year}年度申报，计划期内逐年计学时` : ''}
        </Typography.Text>
      </Space>
    ),
  },
  { title: '类别', dataIndex: 'category', width: 120, render: (c: string) => <CategoryTag category={c} /> },
  {
    title: '学时',
    dataIndex: 'hours',
    width: 90,
    align: 'right',
    render: (value: number, r) => (r.fullYear ? <Tag color="gold">全年</Tag> : hours(value)),
  },
  { title: '条款', dataIndex: 'clause', width: 100, render: (clause: string) => <ClauseTag clause={clause} /> },
  {
    title: '核算说明',
    dataIndex: 'explanation',
    render: (text: string, r) => (
      <span>
        {text} {r.provisional ? <ProvisionalTag /> : null}
      </span>
    ),
  },
];

export function YearStatusView({ personId, canDeclare }: { personId: string; canDeclare: boolean }) {
  const [year, setYear] = useState(currentYear);
  const years = [currentYear - 2, currentYear - 1, currentYear];
  const status = useQuery({ queryKey: ['year-status', personId, year], queryFn: ({ signal }) => policyApi.yearStatus(personId, year, signal) });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="年度学时完成情况"
        extra={
          <Segmented<number>
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
            data-testid="year-select"
          />
        }
      >
        {status.isPending ? <PageLoading /> : status.isError ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : (
          <Summary status={status.data} />
        )}
      </Card>
      {status.data ? (
        <Card title={`计入${year}年度的已核定记录`} data-testid="year-records">
          <Table<CountedRecord>
            rowKey="id"
            columns={columns}
            dataSource={status.data.records}
            pagination={false}
            size="middle"
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度暂无已核定的记录" /> }}
          />
        </Card>
      ) : null}
      <YearStatusLeave personId={personId} canDeclare={canDeclare} />
    </Space>
  );
}

function Summary({ status }: { status: YearStatus }) {
  const { required, earned, shortfall } = status;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="year-summary">
      <Space wrap>
        {status.complete ? (
          <Tag icon={<CheckCircleFilled />} color="success" data-testid="year-state">已完成</Tag>
        ) : (
          <Tag icon={<ExclamationCircleFilled />} color="warning" data-testid="year-state">未完成</Tag>
        )}
        <Typography.Text type="secondary">适用政策版本 {status.policyVersion}</Typography.Text>
        {status.provisional ? <ProvisionalTag /> : null}
      </Space>
      <Row gutter={[24, 24]} justify="space-around">
        <Col><Ring title="公需科目" earned={earned.public} required={required.public} done={status.fullYear || shortfall.public === 0} testId="ring-public" /></Col>
        <Col><Ring title="专业科目" earned={earned.professional} required={required.professional} done={status.fullYear || shortfall.professional === 0} testId="ring-professional" /></Col>
        <Col><Ring title="总学时" earned={earned.total} required={required.total} done={status.complete} testId="ring-total" /></Col>
      </Row>
      <Missing status={status} />
      {status.reductions.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title="学时减免（第八条）"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {status.reductions.map((r) => (
                <li key={r.kind}>
                  {r.explanation} {r.provisional ? <ProvisionalTag /> : null}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Typography.Text type="secondary">{status.explanation}</Typography.Text>
    </Space>
  );
}
