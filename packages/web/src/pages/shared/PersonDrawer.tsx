import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Space, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { RevealButton } from '../../components/RevealButton.tsx';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { formatInstant } from '../../components/time.ts';
import { PersonStatusTag, sexLabels } from './personLabels.tsx';

const dash = (value: string | null | undefined) => value || '—';

/** Details of one person in the viewer's scope; the server answers 404 outside it. */
export function PersonDrawer({ personId, onClose }: { personId: string | null; onClose: () => void }) {
  const { user } = useCurrentSession();
  // docs/organisations.md: the person's unit and the bureaus in scope may reveal (audited); authorities may not.
  const mayReveal = user.role === 'unit' || user.role === 'bureau';
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: ({ signal }) => api.getPerson(personId ?? '', signal),
    enabled: personId !== null,
  });

  const body = () => {
    if (person.isPending) return <PageLoading />;
    if (person.isError) return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;

    const p = person.data;
    return (
      <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: 140 } }}
          items={[
            { key: 'name', label: '姓名', children: p.name },
            { key: 'sex', label: '性别', children: sexLabels[p.sex] ?? '—' },
            { key: 'birthDate', label: '出生日期', children: p.birthDate || '—' },
            { key: 'idNumber', label: '身份证号', children: <Typography.Text code>{p.maskedIdNumber}</Typography.Text> },
            { key: 'phone', label: '手机号码', children: dash(p.phoneMasked) },
            { key: 'email', label: '电子邮箱', children: dash(p.email) },
            { key: 'education', label: '学历', children: dash(p.education) },
            { key: 'major', label: '所学专业', children: dash(p.major) },
            { key: 'title', label: '职称', children: [p.titleSeries, p.titleLevel].filter(Boolean).join(' · ') || '—' },
            { key: 'unit', label: '工作单位', children: p.unitName },
            { key: 'department', label: '科室 / 部门', children: dash(p.department) },
            { key: 'status', label: '注册状态', children: <PersonStatusTag status={p.status} /> },
            { key: 'registeredAt', label: '注册时间', children: formatInstant(p.registeredAt) },
            {
              key: 'certificate',
              label: '证书管理号码',
              children: p.certificateNumber ? <Typography.Text copyable>{p.certificateNumber}</Typography.Text> : '暂未取得',
            },
          ]}
        />
        {mayReveal ? <RevealButton personId={p.id} personName={p.name} /> : null}
      </Space>
    );
  };

  return (
    <Drawer
      title="人员详情"
      open={personId !== null}
      onClose={onClose}
      size={560}
      destroyOnHidden
      data-testid="person-drawer"
    >
      {personId !== null ? body() : null}
    </Drawer>
  );
}
