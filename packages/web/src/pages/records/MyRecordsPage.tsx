import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { recordsApi } from '../../api/records.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { hoursText } from './common/labels.ts';
import { RecordDrawer } from './common/RecordDrawer.tsx';
import { DeclaredRecordList, useDeclaring } from './common/DeclaredRecords.tsx';
import { RecordForm } from './common/RecordForm.tsx';

// 继续教育登记 (person menu, `/person/records`): the person's own records with their state, who has
// each one now and since when; 申报学时 declares a draft (Art. 10), evaluated by the policy; the record
// drawer uploads the evidence and submits it to the unit's pre-review (Art. 11(1)).

export default function MyRecordsPage() {
  const { user } = useCurrentSession();
  const { declaring, setDeclaring, openId, setOpenId, saved } = useDeclaring((record) => `已保存草稿，核算学时：${hoursText(record)}。请上传证明材料后提交。`);

  if (!user.personId) return <Alert type="info" showIcon title="当前账户没有关联的专业技术人员信息" />;


  return (
    <Card
      title="继续教育登记"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="record-declare">
          申报学时
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        参加继续教育活动后，填写活动信息并上传证明材料，提交所在单位初审，再由人社部门或行业主管部门核定；核定后的学时计入年度学时。
      </Typography.Paragraph>
      <DeclaredRecordList listKey="mine" withPerson={false} emptyText="暂无登记，点击“申报学时”开始申报" onOpen={setOpenId} />
      <RecordForm
        open={declaring}
        title="申报学时"
        onCancel={() => setDeclaring(false)}
        onSave={(draft) => recordsApi.declare(draft)}
        onSaved={saved}
      />
      <RecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
