import { Button, Card, Input, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import type { PersonSummary } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { PersonStatusTag } from './personLabels.tsx';

const pageSize = 20;

export default function PersonsPage() {
  const { user } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const selected = params.get('person');

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<PersonSummary> = [
    { title: '姓名', dataIndex: 'name', width: 120 },
    {
      title: '身份证号',
      dataIndex: 'maskedIdNumber',
      width: 200,
      render: (value: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Typography.Text>
      ),
    },
    { title: '工作单位', dataIndex: 'unitName', ellipsis: true },
    { title: '注册状态', dataIndex: 'status', width: 110, render: (_, row) => <PersonStatusTag status={row.status} /> },
    {
      title: '证书管理号码',
      dataIndex: 'certificateNumber',
      width: 190,
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => update({ person: row.id })} data-testid="person-view">
          查看
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="人员名册"
      extra={
        <Typography.Text type="secondary">
          范围：{user.scope.orgName ?? '本辖区'}
        </Typography.Text>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          placeholder="按姓名或证书管理号码查询"
          defaultValue={q}
          allowClear
          enterButton="查询"
          style={{ width: 360 }}
          onSearch={(value) => update({ q: value.trim() || null })}
          data-testid="persons-search"
        />
      </Space>
      <CursorTable<PersonSummary>
        key={q}
        queryKey={['persons', q]}
        fetchPage={(cursor, signal) => api.listPersons({ limit: pageSize, cursor, q: q || undefined }, signal)}
        columns={columns}
        rowKey="id"
        testId="persons-table"
        emptyText={q ? '未找到符合条件的人员' : '暂无人员'}
        scrollX={900}
      />
      <PersonDrawer personId={selected} onClose={() => update({ person: null })} />
    </Card>
  );
}
