import { Alert } from 'antd';
import { useCurrentSession } from '../../auth/session.tsx';
import { YearStatusView } from './YearStatusView.tsx';

/** 年度学时 (person menu, `/person/years`): the person's own yearly status and leave periods. */
export default function YearStatusPage() {
  const { user } = useCurrentSession();
  if (!user.personId) return <Alert type="info" showIcon title="当前账户没有关联的专业技术人员信息" />;
  return <YearStatusView personId={user.personId} canDeclare />;
}
