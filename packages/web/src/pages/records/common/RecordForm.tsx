import { CalculatorOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Divider, Form, Input, Modal, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, describeError } from '../../../api/client.ts';
import { policyApi, type Activity, type ActivityKind, type Evaluation } from '../../../api/policy.ts';
import { kindOf, type RecordDraft, type RecordView } from '../../../api/records.ts';
import { ActivityFields, activityFields, activityOf, fieldDefaults } from '../../calculator/ActivityFields.tsx';
import { activityKindClauses, activityKindLabels, activityKinds, categoryLabels } from '../../policy/labels.ts';
import { ClauseTag, ProvisionalTag } from '../../policy/tags.tsx';

// The declaration form of a record (Art. 10), shared by the person's, the unit's and the provider's
// pages: the activity kind and its fields (the calculator's, same names as the API), the dates, the
// content and the result. The hours the policy would give are previewed as the form is filled; the
// server evaluates them again on saving. Server errors land on the items they name.

export type RecordFormValues = {
  kind: ActivityKind;
  startedOn?: Dayjs | null;
  endedOn: Dayjs;
  content: string;
  result?: string;
} & Record<string, unknown>;

/** Optional fields that identify an achievement, so the same one cannot be claimed twice. */
const identifyingFields: Partial<Record<ActivityKind, { name: string; label: string; extra?: string }[]>> = {
  base_training: [{ name: 'programmeCode', label: '培训项目编号', extra: '选填；同一培训项目不能重复登记' }],
  seminar: [{ name: 'programmeCode', label: '培训项目编号', extra: '选填；同一培训项目不能重复登记' }],
  project: [{ name: 'projectCode', label: '课题编号', extra: '选填' }],
  book: [{ name: 'isbn', label: 'ISBN', extra: '选填' }],
  paper: [{ name: 'articleTitle', label: '论文题目' }, { name: 'issn', label: 'ISSN', extra: '选填' }],
  patent: [{ name: 'patentNumber', label: '专利号', extra: '选填' }],
  exam: [{ name: 'certificateNumber', label: '证书编号', extra: '选填' }],
};

/** Kinds of a period (a first and last day) rather than a single date (Art. 7). */
const periodKinds = new Set<ActivityKind>([
  'base_training', 'seminar', 'course_study', 'conference', 'aid_service', 'grassroots_service', 'guide_course', 'other',
]);

const endLabel = (kind: ActivityKind | undefined): string => {
  if (!kind || periodKinds.has(kind)) return '结束日期';
  switch (kind) {
    case 'degree_course': return '考试通过日期';
    case 'book': return '出版日期';
    case 'paper': return '发表日期';
    case 'patent': return '授权日期';
    case 'award': return '获奖日期';
    case 'exam': return '通过日期';
    case 'project': return '结题（当年）日期';
    case 'report_adopted': return '批示日期';
    default: return '完成日期';
  }
};

const contentPlaceholder: Partial<Record<ActivityKind, string>> = {
  conference: '会议名称、主办单位；交流论文或报告的题目',
  paper: '期刊名称、卷期',
  book: '著作名称、出版社',
  base_training: '培训班名称、主办单位',
  seminar: '培训班（研修班）名称、主办单位',
};

const iso = (value: Dayjs | null | undefined): string | undefined => (value ? value.format('YYYY-MM-DD') : undefined);

/** The API body of the form's values: the kind's fields, its identifying fields and its dates. */
export function draftOf(values: RecordFormValues): RecordDraft {
  const activity = activityOf(values.kind, values);
  for (const field of identifyingFields[values.kind] ?? []) {
    const value = values[field.name];
    if (typeof value === 'string' && value.trim() !== '') activity[field.name] = value.trim();
  }
  const startedOn = iso(values.startedOn);
  const endedOn = iso(values.endedOn)!;
  if (periodKinds.has(values.kind)) {
    if (startedOn) activity.from = startedOn;
    activity.to = endedOn;
  } else {
    activity.datedOn = endedOn;
  }
  const result = typeof values.result === 'string' ? values.result.trim() : '';
  return {
    activity: activity as Activity,
    ...(startedOn && periodKinds.has(values.kind) ? { startedOn } : {}),
    endedOn,
    content: values.content.trim(),
    ...(result ? { result } : {}),
  };
}

/** The form's values of a stored record (editing). */
function valuesOf(record: RecordView): Partial<RecordFormValues> {
  const a = record.activity as Record<string, unknown>;
  const kind = kindOf(record);
  const values: Record<string, unknown> = { ...fieldDefaults, kind };
  for (const field of [...activityFields[kind], ...(identifyingFields[kind] ?? [])]) {
    if (a[field.name] !== undefined) values[field.name] = a[field.name];
  }
  values.startedOn = record.startedOn ? dayjs(record.startedOn) : null;
  values.endedOn = record.endedOn ? dayjs(record.endedOn) : undefined;
  values.content = record.content;
  values.result = record.result ?? undefined;
  return values as Partial<RecordFormValues>;
}

/** `body.activity.days` → `days`, `body.activity.to` → `endedOn`, `body.trainee.idNumber` → `traineeIdNumber`. */
export function formFieldOf(field: string): string {
  const name = field.replace(/^body[./]/, '');
  if (name === 'activity.to' || name === 'activity.datedOn') return 'endedOn';
  if (name === 'activity.from') return 'startedOn';
  if (name === 'activity.kind') return 'kind';
  if (name.startsWith('trainee.')) return `trainee${name.charAt(8).toUpperCase()}${name.slice(9)}`;
  return name.replace(/^activity\./, '');
}

function useLocalRules(kind: ActivityKind | undefined, year: number) {
  const versions = useQuery({ queryKey: ['policies', 'public'], queryFn: ({ signal }) => policyApi.listPolicies(signal), staleTime: 300_000, enabled: kind === 'other' });
  const versionId = useMemo(() => {
    const yearEnd = `${year}-12-31`;
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
  return (version.data?.document.extensions ?? []).map((rule) => ({ value: rule.code, label: `${rule.title}（${rule.issuer.name}）` }));
}

/** The hours the policy gives the activity being filled in (the public calculator), debounced. */
function useHoursPreview(values: RecordFormValues | undefined) {
  const [preview, setPreview] = useState<{ result?: Evaluation; error?: unknown; busy: boolean }>({ busy: false });
  const draft = useMemo(() => {
    if (!values?.kind || !values.endedOn) return null;
    try {
      return { year: values.endedOn.year(), activity: draftOf({ ...values, content: values.content ?? '' }).activity };
    } catch {
      return null;
    }
  }, [values]);
  const key = draft ? JSON.stringify(draft) : null;
  useEffect(() => {
    if (!key) {
      setPreview({ busy: false });
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setPreview((p) => ({ ...p, busy: true }));
      policyApi.evaluate(JSON.parse(key) as { year: number; activity: Activity })
        .then((result) => setPreview({ result, busy: false }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setPreview({ error, busy: false });
        });
    }, 400);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key]);
  return preview;
}

function HoursPreview({ values }: { values: RecordFormValues | undefined }) {
  const preview = useHoursPreview(values);
  if (!values?.kind || !values.endedOn) {
    return <Typography.Text type="secondary">选择活动类型、填写活动信息和日期后，这里显示按政策可计的学时。</Typography.Text>;
  }
  if (preview.busy && !preview.result) return <Spin size="small" />;
  if (preview.error) {
    const fieldErrors = preview.error instanceof ApiError ? preview.error.fieldErrors : [];
    return <Typography.Text type="secondary">{fieldErrors.length > 0 ? '请完整填写活动信息' : describeError(preview.error)}</Typography.Text>;
  }
  const r = preview.result;
  if (!r) return null;
  return (
    <Space orientation="vertical" size={2} data-testid="record-form-preview">
      <Space wrap>
        <Typography.Text strong>{r.fullYear ? '视为完成当年全部学时' : `${r.hours} 学时`}</Typography.Text>
        <Typography.Text>{categoryLabels[r.category]}</Typography.Text>
        <ClauseTag clause={r.clause} />
        {r.provisional ? <ProvisionalTag /> : null}
      </Space>
      <Typography.Text type="secondary">{r.explanation}</Typography.Text>
    </Space>
  );
}

type RecordFormProps = {
  open: boolean;
  title: ReactNode;
  /** The record being edited (PATCH); absent for a new declaration. */
  record?: RecordView | null;
  /** The kinds offered (a provider registers trainings); all by default. */
  kinds?: ActivityKind[];
  /** Items above the activity (the person picked by a unit, the provider's trainee). */
  header?: ReactNode;
  /** Names of the header's items, so the server's errors land on them. */
  headerFields?: string[];
  okText?: string;
  onCancel: () => void;
  /** Saves the draft; throws an ApiError on refusal. */
  onSave: (draft: RecordDraft, values: RecordFormValues) => Promise<RecordView>;
  onSaved: (record: RecordView) => void;
};

export function RecordForm(props: RecordFormProps) {
  const { open, title, record, kinds = activityKinds, header, headerFields = [], okText = '保存草稿', onCancel, onSave, onSaved } = props;
  const [form] = Form.useForm<RecordFormValues>();
  const values = Form.useWatch([], form) as RecordFormValues | undefined;
  const kind = values?.kind;
  const thisYear = dayjs().year();
  const localRules = useLocalRules(kind, values?.endedOn?.year() ?? thisYear);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(record ? valuesOf(record) : { ...fieldDefaults, ...(kinds.length === 1 ? { kind: kinds[0] } : {}) } as Partial<RecordFormValues>);
  }, [open, record, form, kinds]);

  const onValuesChange = (changed: Partial<RecordFormValues>) => {
    if (!('kind' in changed)) return;
    // Each kind has its own fields: start them afresh, keeping what all kinds share.
    const keep = form.getFieldsValue([...headerFields, 'kind', 'startedOn', 'endedOn', 'content', 'result']) as Record<string, unknown>;
    form.resetFields();
    form.setFieldsValue({ ...fieldDefaults, ...keep } as Partial<RecordFormValues>);
  };

  const finish = async (formValues: RecordFormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await onSave(draftOf(formValues), formValues);
      onSaved(saved);
    } catch (error) {
      const known = new Set([...Object.keys(form.getFieldsValue(true) as object), ...headerFields, 'endedOn', 'startedOn', 'content', 'result']);
      const placed = error instanceof ApiError
        ? error.fieldErrors.map((e) => ({ name: formFieldOf(e.field), errors: [e.message] })).filter((e) => known.has(e.name))
        : [];
      form.setFields(placed);
      if (placed.length === 0 || (error instanceof ApiError && placed.length < error.fieldErrors.length)) setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const identifying = kind ? (identifyingFields[kind] ?? []) : [];

  return (
    <Modal
      open={open}
      title={title}
      width={820}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'record-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      data-testid="record-form"
    >
      {problem ? (
        <Alert type="error" showIcon title={describeError(problem)} style={{ marginBottom: 16 }} data-testid="record-form-error" />
      ) : null}
      <Form<RecordFormValues>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '150px' }}
        onFinish={(v) => void finish(v)}
        onValuesChange={onValuesChange}
        scrollToFirstError
      >
        {header}
        <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择继续教育活动"
            options={kinds.map((k) => ({ value: k, label: `${activityKindClauses[k]} ${activityKindLabels[k]}` }))}
            style={{ maxWidth: 420 }}
            data-testid="record-kind"
          />
        </Form.Item>
        {kind ? <ActivityFields kind={kind} localRules={localRules} /> : null}
        {identifying.map((field) => (
          <Form.Item
            key={field.name}
            name={field.name}
            label={field.label}
            extra={field.extra}
            rules={field.name === 'articleTitle' ? [{ max: 200, message: '不超过200个字' }] : [{ max: 64, message: '不超过64个字符' }]}
          >
            <Input style={{ maxWidth: 420 }} data-testid={`record-${field.name}`} />
          </Form.Item>
        ))}
        {kind === 'aid_service' ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="援藏、援疆、援外及基层服务、扶贫、挂职等，凭单位或主管部门证明视为完成当年全部学时。" />
        ) : null}
        <Row>
          <Col flex="auto">
            {kind === undefined || periodKinds.has(kind) ? (
              <Form.Item name="startedOn" label="开始日期" dependencies={['endedOn']}
                rules={[({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const end = getFieldValue('endedOn') as Dayjs | undefined;
                    return value && end && value.isAfter(end, 'day') ? Promise.reject(new Error('开始日期不能晚于结束日期')) : Promise.resolve();
                  },
                })]}
              >
                <DatePicker style={{ width: 200 }} placeholder="YYYY-MM-DD" data-testid="record-startedOn" />
              </Form.Item>
            ) : null}
            <Form.Item name="endedOn" label={endLabel(kind)} rules={[{ required: true, message: `请选择${endLabel(kind)}` }]} extra="按此日期确定登记年度">
              <DatePicker style={{ width: 200 }} placeholder="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="record-endedOn" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label="内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }, { max: 500, message: '不超过500个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={(kind && contentPlaceholder[kind]) ?? '活动名称、主办单位等'} data-testid="record-content" />
        </Form.Item>
        <Form.Item name="result" label="考核结果" rules={[{ max: 100, message: '不超过100个字' }]}>
          <Input maxLength={100} style={{ maxWidth: 420 }} placeholder="如：合格、结业、已发表" data-testid="record-result" />
        </Form.Item>
        <Divider style={{ margin: '8px 0 12px' }} />
        <Form.Item label={<span><CalculatorOutlined /> 预计学时</span>} colon={false}>
          <HoursPreview values={values} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
