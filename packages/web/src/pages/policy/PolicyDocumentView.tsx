import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { PolicyDocument, PolicyVersion } from '../../api/policy.ts';
import { formatInstant } from '../../components/time.ts';
import { PolicyRulesTable } from './PolicyRulesTable.tsx';
import { CategoryTag, ProvisionalTag } from './tags.tsx';

// A policy version as the provincial bureau reads it: its identity, the yearly requirement, every
// rule with its clause and 暂定 flags, the reductions, the declaration deadline and the local rules.

export function VersionStatusTag({ version }: { version: Pick<PolicyVersion, 'status' | 'current'> }) {
  return (
    <Space size={4}>
      {version.status === 'published' ? <Tag color="success">已发布</Tag> : <Tag color="processing">草稿</Tag>}
      {version.current ? <Tag color="blue">本年度适用</Tag> : null}
    </Space>
  );
}

export function Deadline({ document }: { document: PolicyDocument }) {
  const d = document.declarationDeadline;
  const year = d.yearOffset === 0 ? '当年' : d.yearOffset === 1 ? '次年' : `第${d.yearOffset}年`;
  return (
    <span>
      {year}
      {d.month}月{d.day}日（含）前申报上一年度记录 {d.provisional ? <ProvisionalTag /> : null}
    </span>
  );
}

export function LocalRules({ document }: { document: PolicyDocument }) {
  if (document.extensions.length === 0) return <Typography.Text type="secondary">暂无经备案的地方规定（第七条第（十三）项）</Typography.Text>;
  return (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={document.extensions}
      columns={[
        { title: '代码', dataIndex: 'code', width: 160 },
        { title: '名称', dataIndex: 'title' },
        { title: '制定部门', key: 'issuer', render: (_, r) => r.issuer.name },
        { title: '类别', dataIndex: 'category', width: 110, render: (c: string) => <CategoryTag category={c} /> },
        {
          title: '计算方法',
          key: 'method',
          render: (_, r) =>
            r.method.kind === 'fixed' ? (
              <span>每项 {r.method.hours.value / 10} 学时 {r.method.hours.provisional ? <ProvisionalTag /> : null}</span>
            ) : (
              <span>按申报学时{r.method.maxHours ? `，每项不超过 ${r.method.maxHours.value / 10} 学时` : ''}</span>
            ),
        },
      ]}
    />
  );
}

export function PolicyDocumentView({ version }: { version: PolicyVersion }) {
  const { document } = version;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'id', label: '版本号', children: version.id },
          { key: 'status', label: '状态', children: <VersionStatusTag version={version} /> },
          { key: 'title', label: '名称', children: document.title },
          { key: 'source', label: '文件依据', children: document.source },
          { key: 'from', label: '生效日期', children: `${document.effectiveFrom}（该日期所在年度起适用）` },
          { key: 'published', label: '发布时间', children: formatInstant(version.publishedAt) },
          { key: 'deadline', label: '申报截止', children: <Deadline document={document} />, span: 2 },
        ]}
      />
      <PolicyRulesTable document={document} />
      <Typography.Title level={5} style={{ margin: 0 }}>地方规定（第七条第（十三）项）</Typography.Title>
      <LocalRules document={document} />
    </Space>
  );
}
