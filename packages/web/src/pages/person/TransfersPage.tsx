import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { describeError } from '../../api/client.ts';
import { peopleApi, type Transfer } from '../../api/people.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { lastRegion, RegionCascader } from '../../components/RegionCascader.tsx';
import { EmptyState, ErrorState, PageLoading } from '../../components/status.tsx';
import { formatInstant } from '../../components/time.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { TransferStatusTag } from '../shared/personLabels.tsx';
import { myRegistrationKey } from './RegistrationProgressPage.tsx';

const myTransfersKey = ['my-transfers'] as const;

type RequestForm = { regionPath: string[]; toUnitId: string; department?: string };

function RequestTransfer({ currentUnitId }: { currentUnitId: string }) {
  const [form] = Form.useForm<RequestForm>();
  const regionPath = Form.useWatch('regionPath', form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const request = useMutation({
    mutationFn: (values: RequestForm) =>
      peopleApi.requestTransfer({ toUnitId: values.toUnitId, department: values.department?.trim() || undefined }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: myTransfersKey });
      void message.success('调动申请已提交，等待调入单位接收');
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ['toUnitId', 'department'])) void message.error(describeError(error));
    },
  });

  return (
    <Form<RequestForm>
      form={form}
      layout="vertical"
      onValuesChange={(changed: Partial<RequestForm>) => {
        if (changed.regionPath !== undefined) form.setFieldValue('toUnitId', undefined);
      }}
      onFinish={(values) => request.mutate(values)}
      disabled={request.isPending}
      data-testid="transfer-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="regionPath" label="调入单位所在地区" rules={[{ required: true, message: '请选择地区' }]}>
            <RegionCascader provinceLabel="省直单位" testId="transfer-region" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="toUnitId" label="调入单位" rules={[{ required: true, message: '请选择调入单位' }]}>
            <UnitPicker regionCode={lastRegion(regionPath)} excludeId={currentUnitId} testId="transfer-unit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="department" label="调入科室 / 部门（选填）" rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<SwapOutlined />} loading={request.isPending} data-testid="transfer-submit">
        提交调动申请
      </Button>
    </Form>
  );
}

/** 调动申请: a person moves to another unit; the new unit accepts; history and certificate number stay. */
export default function TransfersPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const registration = useQuery({ queryKey: myRegistrationKey, queryFn: ({ signal }) => peopleApi.myRegistration(signal) });
  const transfers = useQuery({ queryKey: myTransfersKey, queryFn: ({ signal }) => peopleApi.myTransfers(signal) });

  const cancel = useMutation({
    mutationFn: peopleApi.cancelTransfer,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: myTransfersKey });
      void message.success('调动申请已撤销');
    },
    onError: (error) => void message.error(describeError(error)),
  });

  if (registration.isPending) return <PageLoading />;
  if (registration.isError) return <ErrorState error={registration.error} onRetry={() => void registration.refetch()} />;

  const items = transfers.data?.items ?? [];
  const pending = items.some((t) => t.status === 'pending');
  const approved = registration.data.status === 'approved';

  const columns: ColumnsType<Transfer> = [
    { title: '调出单位', key: 'from', render: (_, t) => t.fromUnit.name },
    { title: '调入单位', key: 'to', render: (_, t) => t.toUnit.name },
    { title: '状态', dataIndex: 'status', width: 100, render: (_, t) => <TransferStatusTag status={t.status} /> },
    { title: '申请时间', dataIndex: 'requestedAt', width: 180, render: (v: string) => formatInstant(v) },
    { title: '办理时间', dataIndex: 'decidedAt', width: 180, render: (v: string | null) => formatInstant(v) },
    { title: '原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, t) =>
        t.status === 'pending' ? (
          <Popconfirm title="确定撤销该调动申请吗？" okText="撤销" cancelText="取消" onConfirm={() => cancel.mutate(t.id)}>
            <Button type="link" size="small" danger loading={cancel.isPending && cancel.variables === t.id} data-testid="transfer-cancel">
              撤销
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      <Card title="申请调动" data-testid="transfer-request-card">
        <Typography.Paragraph type="secondary">
          更换工作单位须由调入单位接收。调动后证书管理号码不变，已核定的继续教育记录随本人保留。当前单位：
          <Typography.Text strong>{registration.data.unit.name}</Typography.Text>
        </Typography.Paragraph>
        {!approved ? (
          <Alert type="info" showIcon title="注册审核通过后方可申请调动" />
        ) : pending ? (
          <Alert type="info" showIcon title="您有一项调动申请正在办理中，办结或撤销后可再次申请" />
        ) : (
          <RequestTransfer currentUnitId={registration.data.unit.id} />
        )}
      </Card>
      <Card title="调动记录">
        {transfers.isError ? (
          <ErrorState error={transfers.error} onRetry={() => void transfers.refetch()} />
        ) : (
          <Table<Transfer>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={transfers.isFetching}
            pagination={false}
            size="middle"
            bordered
            scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyState description="暂无调动记录" /> }}
            data-testid="my-transfers-table"
          />
        )}
      </Card>
    </Space>
  );
}
