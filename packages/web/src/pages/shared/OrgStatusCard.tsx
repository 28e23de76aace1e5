import { useQuery } from '@tanstack/react-query';
import { Alert, Col } from 'antd';
import { orgApi } from '../../api/organisations.ts';
import type { User } from '../../api/types.ts';

/**
 * A self-registered unit or provider follows its review here: its admin can log in from the start
 * (docs/organisations.md). Nothing is shown once it is approved, or when the answer is unavailable.
 * Rendered as a full-width column of the home page's grid.
 */
export function OrgStatusCard({ user }: { user: User }) {
  const orgId = user.scope.orgId;
  const org = useQuery({
    queryKey: ['org', orgId],
    queryFn: ({ signal }) => orgApi.org(orgId ?? '', signal),
    enabled: Boolean(orgId),
    retry: false,
  });
  const status = org.data?.status;
  if (status !== 'pending' && status !== 'rejected') return null;

  const subject = user.role === 'provider' ? '本机构的备案申请' : '本单位的注册申请';
  const pending = status === 'pending';
  return (
    <Col span={24}>
      <Alert
        type={pending ? 'info' : 'error'}
        showIcon
        title={pending ? `${subject}正在审核中` : `${subject}未通过`}
        description={
          pending
            ? '审核通过前，部分功能暂不可用。审核结果将通过消息通知您。'
            : `${org.data?.reason ? `原因：${org.data.reason}。` : ''}请联系所在地人社部门。`
        }
        data-testid="org-status"
      />
    </Col>
  );
}
