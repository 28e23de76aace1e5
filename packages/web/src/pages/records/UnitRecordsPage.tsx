import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { recordsApi } from '../../api/records.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { hoursText } from './common/labels.ts';
import { RecordDrawer } from './common/RecordDrawer.tsx';
import { DeclaredRecordList, useDeclaring } from './common/DeclaredRecords.tsx';
import { RecordForm } from './common/RecordForm.tsx';

// 学时登记 (unit menu, `/unit/records`): the records of the unit's people, in any state (view=all), and
// the unit's own declarations for them (Art. 9: the unit declares; its declaration is its pre-review,
// so a unit-declared record goes straight to verification when submitted).

/** Searches the unit's registered (approved) people by name or certificate number; ID numbers masked. */
function PersonPicker({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const [q, setQ] = useState('');
  const persons = useQuery({
    queryKey: ['persons', 'picker', q],
    queryFn: ({ signal }) => api.listPersons({ q: q || undefined, limit: 50 }, signal),
    staleTime: 30_000,
  });
  const options = (persons.data?.items ?? [])
    .filter((p) => p.status === 'approved')
    .map((p) => ({ value: p.id, label: `${p.name}（${p.maskedIdNumber}）` }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      loading={persons.isFetching}
      placeholder="输入姓名或证书管理号码查询"
      notFoundContent={persons.isFetching ? '正在查询…' : '未找到已注册的人员'}
      style={{ maxWidth: 420 }}
      data-testid="record-person"
    />
  );
}

export default function UnitRecordsPage() {
  const { user } = useCurrentSession();
  const { declaring, setDeclaring, openId, setOpenId, saved } = useDeclaring((record) => `已为${record.personName}保存草稿，核算学时：${hoursText(record)}。请上传证明材料后提交。`);


  return (
    <Card
      title="单位申报"
      extra={
        <Space>
          <Typography.Text type="secondary">{user.scope.orgName ?? ''}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="record-declare">
            为本单位人员申报
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        本单位人员的全部继续教育登记。单位代为申报的登记提交后视为已通过单位初审，直接进入人社部门或行业主管部门核定；人员本人申报的登记请在“学时初审”中审核。
      </Typography.Paragraph>
      <DeclaredRecordList listKey="unit" view="all" withPerson emptyText="暂无登记" onOpen={setOpenId} />
      <RecordForm
        open={declaring}
        title="为本单位人员申报学时"
        header={
          <Form.Item name="personId" label="申报人员" rules={[{ required: true, message: '请选择申报人员' }]}>
            <PersonPicker />
          </Form.Item>
        }
        headerFields={['personId']}
        onCancel={() => setDeclaring(false)}
        onSave={(draft, values) => recordsApi.declare({ ...draft, personId: String(values.personId) })}
        onSaved={saved}
      />
      <RecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
