import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/client.ts';
import { policyApi, type PolicyVersionSummary } from '../../api/policy.ts';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { PolicyDocumentView, VersionStatusTag } from './PolicyDocumentView.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';

// 学时政策 (provincial bureau, `/bureau/policies`): every version of the credit-hour policy; a
// version's rules with their clauses and 暂定 flags; a copy becomes a draft to edit, simulate and
// publish (Art. 16–18).

type CopyForm = { id: string; effectiveFrom: Dayjs };

function CopyDraftModal({ source, onClose, onCreated }: { source: string | null; onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<CopyForm>();
  const create = useMutation({
    mutationFn: (values: CopyForm) => policyApi.createDraft({ copyFrom: source!, id: values.id.trim(), effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD') }),
    onSuccess: (created) => onCreated(created.id),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const names: Record<string, keyof CopyForm> = { 'body.id': 'id', 'body.effectiveFrom': 'effectiveFrom' };
      form.setFields(error.fieldErrors.filter((e) => names[e.field]).map((e) => ({ name: names[e.field]!, errors: [e.message] })));
    },
  });
  const unplaced = create.error instanceof ApiError && create.error.fieldErrors.some((e) => e.field === 'body.id' || e.field === 'body.effectiveFrom') ? null : create.error;
  return (
    <Modal title={`复制 ${source ?? ''} 为新版本草稿`} open={source !== null} onCancel={onClose} onOk={() => form.submit()} okText="创建草稿" confirmLoading={create.isPending} destroyOnHidden>
      {unplaced ? <Alert type="error" showIcon title={describeError(unplaced)} style={{ marginBottom: 12 }} /> : null}
      <Form<CopyForm> form={form} layout="vertical" onFinish={(values) => create.mutate(values)} preserve={false}>
        <Form.Item name="id" label="新版本号" rules={[{ required: true, whitespace: true, message: '请填写版本号' }]} extra="字母、数字、点、下划线或连字符，如 HN-2027">
          <Input maxLength={32} data-testid="copy-id" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]} extra="新版本自生效日期所在年度起适用；已截止申报的年度不受影响">
          <DatePicker style={{ width: '100%' }} data-testid="copy-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PoliciesPage() {
  const [params, setParams] = useSearchParams();
  const [copying, setCopying] = useState<string | null>(null);
  const versions = useQuery({ queryKey: ['policies'], queryFn: ({ signal }) => policyApi.listPolicies(signal) });
  const items = versions.data?.items ?? [];
  const selected = params.get('id') ?? items.find((v) => v.current)?.id ?? items[0]?.id ?? null;
  const detail = useQuery({
    queryKey: ['policy', selected],
    queryFn: ({ signal }) => policyApi.getPolicy(selected!, signal),
    enabled: selected !== null,
  });
  const select = (id: string) => setParams({ id }, { replace: true });

  const columns = [
    { title: '版本号', dataIndex: 'id', width: 130 },
    { title: '名称', dataIndex: 'title', ellipsis: true },
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 120 },
    { title: '状态', key: 'status', width: 190, render: (_: unknown, v: PolicyVersionSummary) => <VersionStatusTag version={v} /> },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, v: PolicyVersionSummary) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => select(v.id)}>{v.status === 'draft' ? '编辑' : '查看'}</Button>
          <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => setCopying(v.id)} data-testid={`copy-${v.id}`}>复制为新版本</Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="学时政策版本" extra={<Typography.Text type="secondary">依据第十六至十八条：各年度按当时适用的版本核算</Typography.Text>}>
        {versions.isError ? <ErrorState error={versions.error} onRetry={() => void versions.refetch()} /> : (
          <Table<PolicyVersionSummary>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={versions.isPending}
            pagination={false}
            size="middle"
            rowClassName={(v) => (v.id === selected ? 'ant-table-row-selected' : '')}
            onRow={(v) => ({ onClick: () => select(v.id) })}
            data-testid="policy-versions"
          />
        )}
      </Card>
      {selected ? (
        <Card title={`政策版本 ${selected}`} data-testid="policy-detail">
          {detail.isPending ? <PageLoading /> : detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : (
            detail.data.status === 'draft'
              ? <PolicyEditor key={detail.data.id} version={detail.data} onPublished={() => void detail.refetch()} />
              : <PolicyDocumentView version={detail.data} />
          )}
        </Card>
      ) : null}
      <CopyDraftModal
        source={copying}
        onClose={() => setCopying(null)}
        onCreated={(id) => {
          setCopying(null);
          void versions.refetch();
          select(id);
        }}
      />
    </Space>
  );
}
