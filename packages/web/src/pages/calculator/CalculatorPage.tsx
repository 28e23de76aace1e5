import { CalculatorOutlined, LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Layout, Result, Row, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, describeError } from '../../api/client.ts';
import { policyApi, type Activity, type ActivityKind, type Evaluation } from '../../api/policy.ts';
import { activityKindClauses, activityKindLabels, activityKinds, categoryLabels } from '../policy/labels.ts';
import { ClauseTag, ProvisionalTag } from '../policy/tags.tsx';
import { ActivityFields, activityOf, fieldDefaults } from './ActivityFields.tsx';

// 学时计算器: public, no login. Choose the activity, fill its fields, see the hours with the clause and
// the explanation, and the 暂定 mark whenever a provisional value produced them (SPEC).

const platformName = '河南省专业技术人员继续教育证书管理平台';

/** The business year (Asia/Shanghai), whatever the browser's zone. */
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

type FormValues = { year: number; kind: ActivityKind } & Record<string, unknown>;

/** `body.activity.days` → `days`, `body.year` → `year`. */
const formFieldOf = (field: string): string => field.replace(/^body\./, '').replace(/^activity\./, '');

export default function CalculatorPage() {
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const year = Form.useWatch('year', form);
  const [result, setResult] = useState<Evaluation | null>(null);

  // The version for the year, to offer its local rules (Art. 7(13)) for the `other` kind.
  const versions = useQuery({ queryKey: ['policies', 'public'], queryFn: ({ signal }) => policyApi.listPolicies(signal), staleTime: 300_000 });
  const versionId = useMemo(() => {
    const yearEnd = `${year ?? thisYear}-12-31`;
    return (versions.data?.items ?? [])
      .filter((v) => v.status === 'published' && v.effectiveFrom <= yearEnd)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0]?.id;
  }, [versions.data, year]);
  const version = useQuery({
    queryKey: ['policy', versionId],
    queryFn: ({ signal }) => policyApi.getPolicy(versionId!, signal),
    enabled: kind === 'other' && versionId !== undefined,
    staleTime: 300_000,
  });
  const localRules = (version.data?.document.extensions ?? []).map((rule) => ({ value: rule.code, label: `${rule.title}（${rule.issuer.name}）` }));

  const evaluate = useMutation({
    mutationFn: policyApi.evaluate,
    onSuccess: setResult,
    onError: (error) => {
      setResult(null);
      if (!(error instanceof ApiError)) return;
      const known = new Set(Object.keys(form.getFieldsValue(true) as object));
      const placed = error.fieldErrors
        .map((e) => ({ name: formFieldOf(e.field), errors: [e.message] }))
        .filter((e) => known.has(e.name));
      form.setFields(placed);
    },
  });

  const onFinish = (values: FormValues) => {
    evaluate.mutate({ year: values.year, activity: activityOf(values.kind, values) as Activity });
  };

  const onKindChange = () => {
    // Each kind has its own fields: start them afresh and drop the previous result.
    const { year: keepYear, kind: keepKind } = form.getFieldsValue(['year', 'kind']) as FormValues;
    form.resetFields();
    form.setFieldsValue({ ...fieldDefaults, year: keepYear, kind: keepKind });
    setResult(null);
    evaluate.reset();
  };

  const unplaced = evaluate.error instanceof ApiError && evaluate.error.fieldErrors.length > 0 ? null : evaluate.error;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="jixu-header">
        <Link to="/calculator" className="jixu-brand">
          <SafetyCertificateOutlined className="jixu-brand-icon" />
          <span className="jixu-brand-name">{platformName}</span>
        </Link>
        <Link to="/login">
          <Button icon={<LoginOutlined />}>登录</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, width: '100%', maxWidth: 1200, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <CalculatorOutlined /> 学时计算器
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          依据《河南省专业技术人员继续教育证书管理办法》（豫人社〔2017〕121号）第七条，按所选年度适用的学时政策核算一项继续教育活动可计的学时。
          无需登录；计算结果仅供参考，以审核部门核定为准。
        </Typography.Paragraph>
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={14}>
            <Card title="活动信息">
              <Form<FormValues>
                form={form}
                layout="horizontal"
                labelCol={{ flex: '150px' }}
                initialValues={{ year: thisYear, ...fieldDefaults }}
                onFinish={onFinish}
                onValuesChange={(changed) => {
                  if ('kind' in changed) onKindChange();
                  else if (result) setResult(null);
                }}
                data-testid="calc-form"
              >
                <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
                  <InputNumber min={2017} max={thisYear + 1} precision={0} style={{ width: 200 }} data-testid="calc-year" />
                </Form.Item>
                <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="请选择继续教育活动"
                    options={activityKinds.map((k) => ({ value: k, label: `${activityKindClauses[k]} ${activityKindLabels[k]}` }))}
                    style={{ maxWidth: 360 }}
                    data-testid="calc-kind"
                  />
                </Form.Item>
                {kind ? <ActivityFields kind={kind} localRules={localRules} /> : null}
                {kind === 'aid_service' ? (
                  <Alert type="info" showIcon style={{ marginBottom: 16 }} title="援藏、援疆、援外及基层服务、扶贫、挂职等，凭单位或主管部门证明视为完成当年全部学时。" />
                ) : null}
                <Form.Item label=" " colon={false}>
                  <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={evaluate.isPending} data-testid="calc-submit">
                    计算学时
                  </Button>
                </Form.Item>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title="核算结果" data-testid="calc-result">
              {unplaced ? <Alert type="error" showIcon title={describeError(unplaced)} data-testid="calc-error" /> : null}
              {result ? <EvaluationView result={result} /> : unplaced ? null : (
                <Result icon={<CalculatorOutlined style={{ color: '#bfbfbf' }} />} subTitle="选择活动类型并填写信息后，点击“计算学时”。" />
              )}
            </Card>
          </Col>
        </Row>
      </Layout.Content>
      <Layout.Footer className="jixu-footer">
        <Typography.Text type="secondary">{platformName}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}

function EvaluationView({ result }: { result: Evaluation }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {result.fullYear ? (
        <Statistic title="可计学时" value="视为完成当年全部学时" data-testid="calc-result-hours" />
      ) : (
        <Statistic title="可计学时" value={result.hours} suffix="学时" precision={result.hours % 1 === 0 ? 0 : 1} data-testid="calc-result-hours" />
      )}
      <Space wrap>
        <ClauseTag clause={result.clause} testId="calc-clause" />
        <Typography.Text>{categoryLabels[result.category]}</Typography.Text>
        {result.provisional ? <ProvisionalTag testId="calc-provisional" /> : null}
      </Space>
      <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="calc-explanation">
        {result.explanation}
      </Typography.Paragraph>
      {result.provisional ? (
        <Alert type="warning" showIcon title="该结果依据暂定标准计算，正式标准以省人力资源和社会保障厅发布为准。" />
      ) : null}
      <Typography.Text type="secondary">政策版本：{result.policyVersion}</Typography.Text>
    </Space>
  );
}
