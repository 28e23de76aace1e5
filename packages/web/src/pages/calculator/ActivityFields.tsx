import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { ActivityKind } from '../../api/policy.ts';

// The fields of each activity kind, exactly those of API.md "Hours calculator", as form items named
// like the API fields (so the server's `body.activity.days` errors land on the `days` item).

type Values = Record<string, unknown>;
type Option = { value: string | number; label: string };

type FieldSpec = {
  name: string;
  label: string;
  type: 'hours' | 'integer' | 'choice' | 'radio' | 'switch' | 'text';
  options?: Option[];
  min?: number;
  max?: number;
  extra?: string;
  /** Shown only when this holds (project: rank for national/provincial, hours for city). */
  when?: (values: Values) => boolean;
};

const category: FieldSpec = {
  name: 'category', label: '科目类别', type: 'radio',
  options: [{ value: 'public', label: '公需科目' }, { value: 'professional', label: '专业科目' }],
};
const hours = (extra?: string): FieldSpec => ({ name: 'hours', label: '学时', type: 'hours', ...(extra ? { extra } : {}) });
const rank = (label: string, extra?: string): FieldSpec => ({ name: 'rank', label, type: 'integer', min: 1, max: 99, ...(extra ? { extra } : {}) });
const notCity = (values: Values) => values.level !== 'city';

export const activityFields: Record<ActivityKind, FieldSpec[]> = {
  base_training: [hours('按实际学习学时，经基地审批部门确认'), category],
  seminar: [hours('按主办单位确定的学时'), category],
  degree_course: [{ name: 'coursesPassed', label: '考试合格课程门数', type: 'integer', min: 1, max: 100 }],
  course_study: [{ name: 'months', label: '进修月数', type: 'integer', min: 1, max: 120, extra: '超过6个月的视为完成当年全部学时' }],
  conference: [
    { name: 'level', label: '会议级别', type: 'radio', options: [{ value: 'national', label: '国家级（部级）' }, { value: 'provincial', label: '省级' }] },
    { name: 'days', label: '会议天数', type: 'integer', min: 1, max: 366 },
    { name: 'presented', label: '交流论文或作报告', type: 'switch' },
  ],
  project: [
    { name: 'level', label: '课题级别', type: 'radio', options: [{ value: 'national', label: '国家级' }, { value: 'provincial', label: '省级' }, { value: 'city', label: '市级' }] },
    { name: 'role', label: '课题类别', type: 'radio', options: [{ value: 'main', label: '主课题' }, { value: 'sub', label: '子课题' }], when: notCity },
    { ...rank('本人排名', '国家级主课题计前4名，其余计前3名'), when: notCity },
    { ...hours('市级课题的学时由单位主管部门确定'), when: (values) => values.level === 'city' },
  ],
  book: [
    { name: 'characters', label: '本人撰写字数', type: 'integer', min: 1, max: 100_000_000, extra: '按每万字计算，不足万字按比例计' },
    {
      name: 'rank', label: '本人角色', type: 'choice',
      options: [{ value: 1, label: '主编或第一作者' }, { value: 2, label: '副主编或第二作者' }, { value: 3, label: '参编或第三作者' }],
    },
  ],
  paper: [
    {
      name: 'tier', label: '期刊类别', type: 'choice',
      options: [
        { value: 'national', label: '国外期刊或国家一级学会会刊' },
        { value: 'provincial_core', label: '省级（核心）期刊' },
        { value: 'issn_cn', label: '具有ISSN和CN刊号的期刊' },
      ],
    },
    rank('作者排名', '计前3名'),
  ],
  patent: [
    { name: 'type', label: '专利类型', type: 'radio', options: [{ value: 'invention', label: '发明专利' }, { value: 'utility', label: '实用新型' }, { value: 'design', label: '外观设计' }] },
    rank('发明人（设计人）排名', '仅第一发明人或设计人计学时'),
  ],
  award: [
    { name: 'level', label: '奖励级别', type: 'radio', options: [{ value: 'national', label: '国家级' }, { value: 'provincial', label: '省（部）级' }] },
    { name: 'listed', label: '获奖证书列名人员', type: 'switch' },
  ],
  exam: [
    {
      name: 'level', label: '考试类别', type: 'choice',
      options: [
        { value: 'senior', label: '国家高级专业技术资格考试' },
        { value: 'intermediate', label: '国家中级专业技术资格考试' },
        { value: 'junior', label: '国家初级专业技术资格考试' },
        { value: 'practising', label: '国家执业资格或水平考试' },
      ],
    },
  ],
  report_adopted: [],
  aid_service: [],
  grassroots_service: [{ name: 'days', label: '实际服务天数', type: 'integer', min: 1, max: 366 }],
  guide_course: [{ name: 'courseCode', label: '课程代码', type: 'text', extra: '以当年公需科目指南中的课程代码为准' }],
  other: [{ name: 'ruleCode', label: '地方规定', type: 'text' }, hours('按申报学时计算的规定须填写'), category],
};

/** Initial values that make the kind's form valid as far as choices go (switches start off). */
export const fieldDefaults: Partial<Record<string, unknown>> = {
  category: 'public', level: undefined, presented: false, listed: true,
};

/** The activity of the form's values: only the kind's own fields, as the API expects them. */
export function activityOf(kind: ActivityKind, values: Values): Record<string, unknown> {
  const activity: Record<string, unknown> = { kind };
  for (const field of activityFields[kind]) {
    if (field.when && !field.when(values)) continue;
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    activity[field.name] = value;
  }
  return activity;
}

function control(field: FieldSpec, testId: string, ruleOptions: Option[]) {
  switch (field.type) {
    case 'hours':
      return <InputNumber min={0.1} max={10000} step={0.5} precision={1} suffix="学时" style={{ width: 200 }} data-testid={testId} />;
    case 'integer':
      return <InputNumber min={field.min} max={field.max} precision={0} style={{ width: 200 }} data-testid={testId} />;
    case 'choice':
      return <Select options={field.options} placeholder="请选择" style={{ maxWidth: 360 }} data-testid={testId} />;
    case 'radio':
      return <Radio.Group options={field.options} optionType="button" buttonStyle="solid" data-testid={testId} />;
    case 'switch':
      return <Switch checkedChildren="是" unCheckedChildren="否" data-testid={testId} />;
    case 'text':
      return ruleOptions.length > 0 && field.name === 'ruleCode'
        ? <Select options={ruleOptions} placeholder="请选择地方规定" style={{ maxWidth: 360 }} data-testid={testId} />
        : <Input maxLength={64} style={{ maxWidth: 360 }} data-testid={testId} />;
  }
}

// Art. 7(13): a local rule may fix the hours and the category itself.
const optional = (kind: ActivityKind, name: string) => kind === 'other' && (name === 'hours' || name === 'category');

/** The form items of one kind. `localRules`: the version's Art. 7(13) rules for the `other` kind. */
export function ActivityFields({ kind, localRules }: { kind: ActivityKind; localRules: Option[] }) {
  return (
    <>
      {activityFields[kind].map((field) => {
        const item = (
          <Form.Item
            key={field.name}
            name={field.name}
            label={field.label}
            extra={field.extra}
            valuePropName={field.type === 'switch' ? 'checked' : 'value'}
            rules={field.type === 'switch' || optional(kind, field.name) ? [] : [{ required: true, message: `请填写${field.label}` }]}
          >
            {control(field, `calc-${field.name}`, localRules)}
          </Form.Item>
        );
        if (!field.when) return item;
        const when = field.when;
        return (
          <Form.Item key={field.name} noStyle shouldUpdate={(a, b) => a.level !== b.level}>
            {({ getFieldsValue }) => (when(getFieldsValue() as Values) ? item : null)}
          </Form.Item>
        );
      })}
    </>
  );
}
