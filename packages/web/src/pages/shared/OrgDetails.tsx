import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Typography } from 'antd';
import { orgApi } from '../../api/organisations.ts';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { formatInstant } from '../../components/time.ts';
import { orgKindLabels, orgLevelLabels, OrgStatusTag } from './orgLabels.tsx';

const dash = (value: string | null | undefined) => value || '—';

/** One organisation in the viewer's scope (GET /orgs/:id); 404 outside it. */
export function OrgDetails({ orgId }: { orgId: string }) {
  const org = useQuery({ queryKey: ['org', orgId], queryFn: ({ signal }) => orgApi.org(orgId, signal) });
  if (org.isPending) return <PageLoading />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;

  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      data-testid="org-details"
      items={[
        { key: 'name', label: '名称', children: <Typography.Text strong>{o.name}</Typography.Text> },
        { key: 'kind', label: '类别', children: `${orgKindLabels[o.kind] ?? o.kind}${o.level ? `（${orgLevelLabels[o.level] ?? o.level}）` : ''}` },
        { key: 'status', label: '状态', children: <OrgStatusTag status={o.status} provider={o.kind === 'provider'} /> },
        { key: 'region', label: '所在地区', children: o.regionName ? `${o.regionName}（${o.regionCode ?? ''}）` : dash(o.regionCode) },
        ...(o.uscc ? [{ key: 'uscc', label: '统一社会信用代码', children: <Typography.Text code>{o.uscc}</Typography.Text> }] : []),
        ...(o.parentName ? [{ key: 'parent', label: '上级机构', children: o.parentName }] : []),
        ...(o.kind === 'unit' || o.kind === 'provider' ? [{ key: 'bureau', label: '监管人社部门', children: dash(o.bureauName) }] : []),
        ...(o.kind === 'unit'
          ? [
              { key: 'authority', label: '行业主管部门', children: dash(o.authorityName) },
              { key: 'issuing', label: '发证人社部门', children: dash(o.issuingBureauName) },
            ]
          : []),
        ...(o.issuingCode ? [{ key: 'issuingCode', label: '发证代码', children: <Typography.Text code>{o.issuingCode}</Typography.Text> }] : []),
        ...(o.address ? [{ key: 'address', label: '地址', children: o.address }] : []),
        ...(o.contactName ? [{ key: 'contact', label: '联系人', children: `${o.contactName} ${o.contactPhoneMasked ?? ''}` }] : []),
        ...(o.createdAt && o.kind !== 'bureau' ? [{ key: 'createdAt', label: '申请时间', children: formatInstant(o.createdAt) }] : []),
        ...(o.decidedAt ? [{ key: 'decidedAt', label: '审核时间', children: formatInstant(o.decidedAt) }] : []),
        ...(o.reason ? [{ key: 'reason', label: '退回原因', children: o.reason }] : []),
      ]}
    />
  );
}

export function OrgDrawer({ orgId, onClose }: { orgId: string | null; onClose: () => void }) {
  return (
    <Drawer title="机构详情" open={orgId !== null} onClose={onClose} size={520} destroyOnHidden data-testid="org-drawer">
      {orgId !== null ? <OrgDetails orgId={orgId} /> : null}
    </Drawer>
  );
}
