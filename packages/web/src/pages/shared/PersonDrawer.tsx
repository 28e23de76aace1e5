import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { PersonStatusTag, sexLabels } from './personLabels.tsx';

/** Details of one person in the viewer's scope; the server answers 404 outside it. */
export function PersonDrawer({ personId, onClose }: { personId: string | null; onClose: () => void }) {
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
          { key: 'unit', label: '工作单位', children: p.unitName },
          { key: 'status', label: '注册状态', children: <PersonStatusTag status={p.status} /> },
          {
            key: 'certificate',
            label: '证书管理号码',
            children: p.certificateNumber ? <Typography.Text copyable>{p.certificateNumber}</Typography.Text> : '暂未取得',
          },
        ]}
      />
    );
  };

  return (
    <Drawer
      title="人员详情"
      open={personId !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      data-testid="person-drawer"
    >
      {personId !== null ? body() : null}
    </Drawer>
  );
}
