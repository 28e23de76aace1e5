import { ExperimentOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Input, Popconfirm, Row, Space, Statistic, Tabs, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/client.ts';
import { policyApi, type PolicyDocument, type PolicyValue, type PolicyVersion, type Simulation } from '../../api/policy.ts';
import { Deadline, LocalRules, VersionStatusTag } from './PolicyDocumentView.tsx';
import { PolicyRulesTable, type ValuePath } from './PolicyRulesTable.tsx';

// The editor of a draft version (provincial bureau): change values and their 暂定 flags, the title,
// source and effective date (or anything through the JSON tab), save, see the simulated effect on the
// current year's statuses, then publish. The server validates the whole document on every save.

function setIn(document: PolicyDocument, path: ValuePath, value: PolicyValue): PolicyDocument {
  const copy = structuredClone(document) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy as unknown as PolicyDocument;
}

function Problems({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error)}
      description={fields.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {fields.map((e) => <li key={`${e.field}:${e.message}`}><Typography.Text code>{e.field.replace(/^body\.document\.?/, '')}</Typography.Text> {e.message}</li>)}
        </ul>
      ) : undefined}
      data-testid="policy-problems"
    />
  );
}

export function SimulationView({ result }: { result: Simulation }) {
  return (
    <Card size="small" title={`${result.year}年度影响模拟（${result.currentVersion} → ${result.candidateVersion}）`} data-testid="policy-simulation">
      <Row gutter={16}>
        <Col span={6}><Statistic title="参与计算人数" value={result.people} /></Col>
        <Col span={6}><Statistic title="由已完成变为未完成" value={result.completeToIncomplete} styles={{ content: { color: result.completeToIncomplete > 0 ? '#cf1322' : undefined } }} /></Col>
        <Col span={6}><Statistic title="由未完成变为已完成" value={result.incompleteToComplete} styles={{ content: { color: result.incompleteToComplete > 0 ? '#389e0d' : undefined } }} /></Col>
        <Col span={6}><Statistic title="不变" value={result.unchanged} /></Col>
      </Row>
      <Typography.Text type="secondary">按已核定记录和已批准的减免期间实时计算，共核算 {result.recordsEvaluated} 条记录。</Typography.Text>
    </Card>
  );
}

export function PolicyEditor({ version, onPublished }: { version: PolicyVersion; onPublished: () => void }) {
  const [document, setDocument] = useState<PolicyDocument>(version.document);
  const [json, setJson] = useState(() => JSON.stringify(version.document, null, 2));
  const [dirty, setDirty] = useState(false);
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const change = (next: PolicyDocument) => {
    setDocument(next);
    setJson(JSON.stringify(next, null, 2));
    setDirty(true);
    setSimulation(null);
  };

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['policies'] });
    await queryClient.invalidateQueries({ queryKey: ['policy', version.id] });
  };

  const save = useMutation({
    mutationFn: () => policyApi.updateDraft(version.id, { document, version: version.version }),
    onSuccess: async () => {
      setDirty(false);
      void message.success('草稿已保存');
      await refresh();
    },
  });
  const simulate = useMutation({ mutationFn: () => policyApi.simulate(version.id), onSuccess: setSimulation });
  const publish = useMutation({
    mutationFn: () => policyApi.publish(version.id),
    onSuccess: async () => {
      void message.success(`政策版本 ${version.id} 已发布`);
      await refresh();
      onPublished();
    },
  });

  const applyJson = () => {
    try {
      change(JSON.parse(json) as PolicyDocument);
      void message.info('已应用，保存时由服务器校验');
    } catch {
      void message.error('不是有效的 JSON');
    }
  };

  const waitForSave = dirty ? '请先保存草稿' : undefined;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="policy-editor">
      <Space wrap>
        <VersionStatusTag version={version} />
        <Typography.Text type="secondary">复制自 {version.copiedFrom ?? '—'}</Typography.Text>
        {dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary">名称</Typography.Text>
          <Input value={document.title} maxLength={200} onChange={(e) => change({ ...document, title: e.target.value })} />
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text type="secondary">文件依据</Typography.Text>
          <Input value={document.source} maxLength={200} onChange={(e) => change({ ...document, source: e.target.value })} />
        </Col>
        <Col xs={24} md={6}>
          <Typography.Text type="secondary">生效日期</Typography.Text>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            value={dayjs(document.effectiveFrom)}
            onChange={(value) => value && change({ ...document, effectiveFrom: value.format('YYYY-MM-DD') })}
          />
        </Col>
      </Row>
      <Tabs
        items={[
          { key: 'rules', label: '规则与标准', children: <PolicyRulesTable document={document} onChange={(path, value) => change(setIn(document, path, value))} /> },
          {
            key: 'more',
            label: '申报截止与地方规定',
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Deadline document={document} />
                <LocalRules document={document} />
                <Typography.Text type="secondary">申报截止日期和地方规定请在“高级（JSON）”中修改。</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'json',
            label: '高级（JSON）',
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">学时以 0.1 学时为单位的整数表示（如 80 表示 8 学时）；provisional 为 true 表示暂定标准。</Typography.Text>
                <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} autoSize={{ minRows: 12, maxRows: 30 }} style={{ fontFamily: 'monospace' }} />
                <Button onClick={applyJson}>应用 JSON</Button>
              </Space>
            ),
          },
        ]}
      />
      <Problems error={save.error ?? publish.error ?? simulate.error} />
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty} onClick={() => save.mutate()} data-testid="policy-save">
          保存草稿
        </Button>
        <Tooltip title={waitForSave}>
          <Button icon={<ExperimentOutlined />} loading={simulate.isPending} disabled={dirty} onClick={() => simulate.mutate()} data-testid="policy-simulate">
            模拟对本年度的影响
          </Button>
        </Tooltip>
        <Popconfirm
          title="发布该政策版本？"
          description={`发布后不可修改，自 ${document.effectiveFrom} 所在年度起用于学时核算。`}
          okText="发布"
          cancelText="取消"
          onConfirm={() => publish.mutate()}
          disabled={dirty}
        >
          <Tooltip title={waitForSave}>
            <Button danger icon={<SendOutlined />} loading={publish.isPending} disabled={dirty} data-testid="policy-publish">
              发布
            </Button>
          </Tooltip>
        </Popconfirm>
      </Space>
      {simulation ? <SimulationView result={simulation} /> : null}
    </Space>
  );
}
