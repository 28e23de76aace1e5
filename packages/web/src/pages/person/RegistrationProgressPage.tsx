import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Space, Steps, Timeline, Typography, type StepsProps } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../api/client.ts';
import { peopleApi, type MyRegistration } from '../../api/people.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { applyFieldErrors } from '../../components/forms.ts';
import { lastRegion, RegionCascader } from '../../components/RegionCascader.tsx';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { formatInstant } from '../../components/time.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { OverdueTag, PersonStatusTag, registrationActionLabels } from '../shared/personLabels.tsx';

export const myRegistrationKey = ['my-registration'] as const;

type ResubmitForm = { regionPath: string[]; unitId: string; department?: string };

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

function progressSteps(reg: MyRegistration): StepsProps['items'] {
  const decided: StepStatus = reg.status === 'approved' ? 'finish' : reg.status === 'rejected' ? 'error' : 'wait';
  return [
    { title: '提交注册', content: formatInstant(reg.submittedAt), status: 'finish' },
    {
      title: '单位审核',
      content: reg.status === 'withdrawn' ? '已撤回' : reg.status === 'pending' ? '审核中' : formatInstant(reg.decidedAt),
      status: reg.status === 'pending' ? 'process' : reg.status === 'withdrawn' ? 'wait' : decided,
    },
    { title: '生成证书管理号码', status: reg.status === 'approved' ? 'finish' : 'wait' },
  ];
}

function ResubmitCard({ reg }: { reg: MyRegistration }) {
  const [form] = Form.useForm<ResubmitForm>();
  const regionPath = Form.useWatch('regionPath', form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const resubmit = useMutation({
    mutationFn: (values: ResubmitForm) =>
      peopleApi.resubmit({ unitId: values.unitId, department: values.department?.trim() || undefined }),
    onSuccess: (next) => {
      queryClient.setQueryData(myRegistrationKey, next);
      void message.success('已重新提交，等待新单位审核');
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ['unitId', 'department'])) void message.error(describeError(error));
    },
  });

  return (
    <Card title="重新提交注册" data-testid="resubmit-card">
      <Typography.Paragraph type="secondary">
        {reg.status === 'rejected' ? '注册未通过审核。' : '注册已撤回。'}可选择原单位或其他单位重新提交。
      </Typography.Paragraph>
      <Form<ResubmitForm>
        form={form}
        layout="vertical"
        initialValues={{ department: reg.department ?? undefined }}
        onValuesChange={(changed: Partial<ResubmitForm>) => {
          if (changed.regionPath !== undefined) form.setFieldValue('unitId', undefined);
        }}
        onFinish={(values) => resubmit.mutate(values)}
        disabled={resubmit.isPending}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="regionPath" label="单位所在地区" rules={[{ required: true, message: '请选择地区' }]}>
              <RegionCascader provinceLabel="省直单位" testId="resubmit-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label="工作单位" rules={[{ required: true, message: '请选择工作单位' }]}>
              <UnitPicker regionCode={lastRegion(regionPath)} testId="resubmit-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="department" label="所在科室 / 部门（选填）" rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={resubmit.isPending} data-testid="resubmit-submit">
          重新提交
        </Button>
      </Form>
    </Card>
  );
}

/** 注册进度: where the person's registration stands (Art. 13; SPEC "Registration"). */
export default function RegistrationProgressPage() {
  const { user } = useCurrentSession();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reg = useQuery({ queryKey: myRegistrationKey, queryFn: ({ signal }) => peopleApi.myRegistration(signal) });

  const approved = reg.data?.status === 'approved';
  // The session learnt the certificate number at login; an approval since then needs a fresh /me.
  useEffect(() => {
    if (approved && !user.certificateNumber) void refresh();
  }, [approved, user.certificateNumber, refresh]);

  const withdraw = useMutation({
    mutationFn: peopleApi.withdraw,
    onSuccess: (next) => {
      queryClient.setQueryData(myRegistrationKey, next);
      void message.success('注册已撤回');
    },
    onError: (error) => void message.error(describeError(error)),
  });

  if (reg.isPending) return <PageLoading />;
  if (reg.isError) return <ErrorState error={reg.error} onRetry={() => void reg.refetch()} />;
  const r = reg.data;

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      <Card
        title="注册进度"
        extra={
          r.status === 'pending' ? (
            <Popconfirm
              title="确定撤回注册吗？"
              description="撤回后可选择其他单位重新提交。"
              okText="撤回"
              cancelText="取消"
              onConfirm={() => withdraw.mutate()}
            >
              <Button danger loading={withdraw.isPending} data-testid="registration-withdraw">
                撤回注册
              </Button>
            </Popconfirm>
          ) : null
        }
        data-testid="registration-progress"
      >
        <Steps items={progressSteps(r)} style={{ marginBottom: 24 }} />
        {r.overdue ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="单位超过 7 天未审核"
            description="平台已提醒单位尽快审核，所在地人社部门也可代为审核。"
          />
        ) : null}
        {r.status === 'rejected' && r.reason ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title="未通过原因" description={r.reason} data-testid="registration-reason" />
        ) : null}
        {approved ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title="注册已审核通过"
            description={
              user.certificateNumber ? (
                <span>
                  证书管理号码：
                  <Typography.Text strong copyable data-testid="registration-certificate">
                    {user.certificateNumber}
                  </Typography.Text>
                </span>
              ) : (
                '正在获取证书管理号码…'
              )
            }
          />
        ) : null}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'status',
              label: '注册状态',
              children: (
                <span data-testid="registration-status">
                  <PersonStatusTag status={r.status} />
                  <OverdueTag overdue={r.overdue} />
                </span>
              ),
            },
            { key: 'unit', label: '工作单位', children: r.unit.name },
            { key: 'department', label: '科室 / 部门', children: r.department || '—' },
            { key: 'submittedAt', label: '提交时间', children: formatInstant(r.submittedAt) },
            { key: 'decidedAt', label: '审核时间', children: formatInstant(r.decidedAt) },
          ]}
        />
      </Card>

      {r.status === 'rejected' || r.status === 'withdrawn' ? <ResubmitCard reg={r} /> : null}

      <Card title="办理记录" data-testid="registration-history">
        <Timeline
          items={[...r.history].reverse().map((h, i) => ({
            key: `${h.at}-${i}`,
            color: h.action === 'approved' ? 'green' : h.action === 'rejected' ? 'red' : h.action === 'withdrawn' ? 'gray' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{registrationActionLabels[h.action] ?? h.action}</Typography.Text>
                {h.unitName ? <Typography.Text type="secondary">（{h.unitName}）</Typography.Text> : null}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatInstant(h.at)}
                  </Typography.Text>
                </div>
                {h.reason ? <div>原因：{h.reason}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
