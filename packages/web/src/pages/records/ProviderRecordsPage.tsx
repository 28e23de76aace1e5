import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { ActivityKind } from '../../api/policy.ts';
import { recordsApi } from '../../api/records.ts';
import { parseResidentId } from '../../auth/residentId.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { hoursText } from './common/labels.ts';
import { RecordDrawer } from './common/RecordDrawer.tsx';
import { DeclaredRecordList, useDeclaring } from './common/DeclaredRecords.tsx';
import { RecordForm } from './common/RecordForm.tsx';

// 学员学时登记 (provider menu, `/provider/records`): a filed provider (继续教育基地, Art. 9(3)) registers
// its trainees' hours, naming each trainee by ID number and name (sent in the body only, never in a
// URL, and never shown again: lists show the name). Submitting verifies the record on arrival; no
// evidence is required for this channel.

const providerKinds: ActivityKind[] = ['base_training', 'seminar', 'guide_course'];


export default function ProviderRecordsPage() {
  const { user } = useCurrentSession();
  const { declaring, setDeclaring, openId, setOpenId, saved } = useDeclaring((record) => `已登记${record.personName}的学时（${hoursText(record)}），提交后即核定。`);


  return (
    <Card
      title="学员学时登记"
      extra={
        <Space>
          <Typography.Text type="secondary">{user.scope.orgName ?? ''}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="record-declare">
            登记学员学时
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="经人社部门备案的继续教育基地登记的学时，提交后即视为核定（第九条第三项），无需上传证明材料。"
      />
      <DeclaredRecordList listKey="provider" withPerson emptyText="暂无登记" onOpen={setOpenId} />
      <RecordForm
        open={declaring}
        title="登记学员学时"
        kinds={providerKinds}
        header={
          <>
            <Form.Item
              name="traineeIdNumber"
              label="学员身份证号"
              normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
              rules={[
                { required: true, message: '请填写学员身份证号' },
                // GB 11643 as the server checks it (the domain's parser); the message never repeats the number.
                { validator: async (_, value: string) => { const parsed = parseResidentId(value ?? ''); if (!parsed.ok) throw new Error(parsed.message); } },
              ]}
              extra="仅用于查找已注册的学员，不在列表中显示"
            >
              <Input maxLength={18} autoComplete="off" style={{ maxWidth: 300 }} data-testid="record-trainee-id" />
            </Form.Item>
            <Form.Item name="traineeName" label="学员姓名" rules={[{ required: true, whitespace: true, message: '请填写学员姓名' }]}>
              <Input maxLength={50} autoComplete="off" style={{ maxWidth: 300 }} data-testid="record-trainee-name" />
            </Form.Item>
          </>
        }
        headerFields={['traineeIdNumber', 'traineeName']}
        okText="保存"
        onCancel={() => setDeclaring(false)}
        onSave={(draft, values) =>
          recordsApi.declare({ ...draft, trainee: { idNumber: String(values.traineeIdNumber), name: String(values.traineeName).trim() } })}
        onSaved={saved}
      />
      <RecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
