import { ApartmentOutlined, BankOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, Row, Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { orgApi, type OrgNode } from '../../api/organisations.ts';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { OrgDetails } from './OrgDetails.tsx';

const kindIcons: Record<string, ReactNode> = {
  bureau: <BankOutlined />,
  authority: <ApartmentOutlined />,
  unit: <TeamOutlined />,
};

function nodeTitle(node: OrgNode) {
  const counts = node.kind === 'unit' ? `人员 ${node.personCount}` : `单位 ${node.unitCount} · 人员 ${node.personCount}`;
  return (
    <span data-testid="tree-node">
      {node.name}
      <span className="jixu-tree-count">{counts}</span>
    </span>
  );
}

/** The subtree of nodes whose name contains the text, with their ancestors; null when none does. */
function filterTree(node: OrgNode, text: string): OrgNode | null {
  const children = node.children.map((child) => filterTree(child, text)).filter((c): c is OrgNode => c !== null);
  if (children.length > 0 || node.name.includes(text)) return { ...node, children };
  return null;
}

function toData(node: OrgNode): DataNode {
  return {
    key: node.id,
    title: nodeTitle(node),
    icon: kindIcons[node.kind],
    isLeaf: node.children.length === 0,
    children: node.children.map(toData),
  };
}

function allKeys(node: OrgNode, into: string[] = []): string[] {
  if (node.children.length > 0) {
    into.push(node.id);
    for (const child of node.children) allKeys(child, into);
  }
  return into;
}

/**
 * 组织架构: the bureau (or authority) tree under the caller, with the units as leaves of their
 * supervising bureau (GET /orgs/tree); selecting a node shows its details.
 */
export default function OrgTreePage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('org');
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const tree = useQuery({ queryKey: ['org-tree'], queryFn: ({ signal }) => orgApi.tree(signal) });

  const shown = useMemo(() => {
    if (!tree.data) return null;
    return search ? filterTree(tree.data.root, search) : tree.data.root;
  }, [tree.data, search]);

  if (tree.isPending) return <PageLoading />;
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  const root = tree.data.root;

  // While searching every match is shown open; otherwise what the user opened (the root at first).
  const expandedKeys = search && shown ? allKeys(shown) : (expanded ?? [root.id]);

  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('org', id);
    else next.delete('org');
    setParams(next, { replace: true });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={13}>
        <Card
          title="组织架构"
          extra={
            <Typography.Text type="secondary">
              单位 {root.unitCount} 家 · 人员 {root.personCount} 人
            </Typography.Text>
          }
        >
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search
              placeholder="按名称查找机构或单位"
              allowClear
              style={{ width: 280 }}
              onSearch={(value) => setSearch(value.trim())}
              data-testid="tree-search"
            />
            <Button onClick={() => setExpanded(allKeys(root))} disabled={Boolean(search)} data-testid="tree-expand-all">
              全部展开
            </Button>
            <Button onClick={() => setExpanded([root.id])} disabled={Boolean(search)}>
              收起
            </Button>
          </Space>
          {shown ? (
            <Tree
              showIcon
              blockNode
              treeData={[toData(shown)]}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => select(keys.length > 0 ? String(keys[0]) : null)}
              data-testid="org-tree"
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有名称含该文字的机构或单位" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <Card title="机构详情">
          {selected ? (
            <OrgDetails orgId={selected} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="在左侧选择一个机构或单位查看详情" />
          )}
        </Card>
      </Col>
    </Row>
  );
}
