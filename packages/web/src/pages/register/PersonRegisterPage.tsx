import { IdcardOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Col, DatePicker, Divider, Form, Input, Radio, Result, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, describeError } from '../../api/client.ts';
import { peopleApi, type Sex } from '../../api/people.ts';
import { mobilePattern, normaliseResidentId, parseResidentId } from '../../auth/residentId.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { educationOptions, titleLevelOptions, titleSeriesOptions } from '../../components/options.ts';
import { lastRegion, RegionCascader } from '../../components/RegionCascader.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { PasswordFields } from './PasswordFields.tsx';
import { PublicShell } from './PublicShell.tsx';

type RegisterForm = {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: Dayjs;
  phone: string;
  email?: string;
  education: string;
  major: string;
  titleSeries: string;
  titleLevel: string;
  regionPath: string[];
  unitId: string;
  department?: string;
  password: string;
  passwordConfirm: string;
};

const serverFields = [
  'idNumber', 'name', 'sex', 'birthDate', 'phone', 'email', 'education', 'major',
  'titleSeries', 'titleLevel', 'unitId', 'department', 'password',
] as const;

const optional = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/** Art. 13, SPEC "Registration": a person registers with their unit, which approves it. */
export default function PersonRegisterPage() {
  const [form] = Form.useForm<RegisterForm>();
  const navigate = useNavigate();
  const regionPath = Form.useWatch('regionPath', form);

  const register = useMutation({
    mutationFn: (values: RegisterForm) =>
      peopleApi.register({
        idNumber: normaliseResidentId(values.idNumber),
        name: values.name.trim(),
        sex: values.sex,
        birthDate: values.birthDate.format('YYYY-MM-DD'),
        phone: values.phone.trim(),
        email: optional(values.email),
        education: values.education,
        major: values.major.trim(),
        titleSeries: values.titleSeries.trim(),
        titleLevel: values.titleLevel,
        unitId: values.unitId,
        department: optional(values.department),
        password: values.password,
      }),
    onError: (error) => applyFieldErrors(form, error, serverFields),
  });

  // Sex and birth date are written in the ID number (GB 11643): fill them in, the person may still correct them.
  const onValuesChange = (changed: Partial<RegisterForm>) => {
    if (changed.idNumber !== undefined) {
      const parsed = parseResidentId(changed.idNumber);
      if (parsed.ok) form.setFieldsValue({ sex: parsed.value.sex, birthDate: dayjs(parsed.value.birthDate) });
    }
    if (changed.regionPath !== undefined) form.setFieldValue('unitId', undefined);
    if (register.isError) register.reset();
  };

  if (register.isSuccess) {
    return (
      <PublicShell title="专业技术人员注册" testId="register-person">
        <Result
          status="success"
          title="注册信息已提交，等待单位审核"
          subTitle="请使用本人居民身份证号码作为用户名、刚才设置的密码登录平台，在“注册进度”中查看审核情况。审核通过后，系统将生成您的证书管理号码。"
          extra={
            <Button type="primary" onClick={() => void navigate('/login')} data-testid="register-success-login">
              去登录
            </Button>
          }
          data-testid="register-success"
        />
      </PublicShell>
    );
  }

  const conflict = register.error instanceof ApiError && register.error.status === 409;

  return (
    <PublicShell title="专业技术人员注册" testId="register-person">
      <Typography.Paragraph type="secondary">
        注册后由所在单位审核；审核通过后生成证书管理号码（《河南省专业技术人员继续教育证书管理办法》第十三条）。姓名、身份证号注册后不可修改，工作单位变更须办理调动。
      </Typography.Paragraph>
      {register.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={conflict ? '该身份证号码已注册，请直接登录' : describeError(register.error)}
          action={conflict ? <Link to="/login">去登录</Link> : undefined}
          data-testid="register-error"
        />
      ) : null}
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        onFinish={(values) => register.mutate(values)}
        onValuesChange={onValuesChange}
        disabled={register.isPending}
        scrollToFirstError
      >
        <Divider titlePlacement="start" plain>
          基本信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label="居民身份证号码"
              extra="将作为登录用户名，注册后不可修改"
              rules={[
                { required: true, whitespace: true, message: '请输入身份证号码' },
                {
                  validator: async (_rule, value: string | undefined) => {
                    if (!value) return;
                    const parsed = parseResidentId(value);
                    if (!parsed.ok) throw new Error(parsed.message);
                  },
                },
              ]}
            >
              <Input prefix={<IdcardOutlined />} maxLength={18} autoComplete="off" data-testid="reg-idNumber" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
              <Input autoComplete="name" data-testid="reg-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sex" label="性别" extra="根据身份证号码自动填写" rules={[{ required: true, message: '请选择性别' }]}>
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
                data-testid="reg-sex"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="birthDate" label="出生日期" extra="根据身份证号码自动填写" rules={[{ required: true, message: '请选择出生日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="reg-birthDate" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label="手机号码"
              rules={[
                { required: true, whitespace: true, message: '请输入手机号码' },
                { pattern: mobilePattern, message: '请输入11位中国大陆手机号码' },
              ]}
            >
              <Input maxLength={11} inputMode="tel" autoComplete="tel" data-testid="reg-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label="电子邮箱（选填）" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input autoComplete="email" data-testid="reg-email" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          学历与职称
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
              <Select options={educationOptions} placeholder="请选择" data-testid="reg-education" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="major" label="所学专业" rules={[{ required: true, whitespace: true, message: '请输入所学专业' }]}>
              <Input data-testid="reg-major" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="titleSeries" label="职称系列" rules={[{ required: true, whitespace: true, message: '请选择或输入职称系列' }]}>
              <AutoComplete
                options={titleSeriesOptions}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                placeholder="请选择或输入"
                data-testid="reg-titleSeries"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="titleLevel" label="职称级别" rules={[{ required: true, message: '请选择职称级别' }]}>
              <Select options={titleLevelOptions} placeholder="请选择" data-testid="reg-titleLevel" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          工作单位
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="regionPath" label="单位所在地区" rules={[{ required: true, message: '请选择单位所在地区' }]}>
              <RegionCascader provinceLabel="省直单位" testId="reg-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label="工作单位"
              extra="找不到所在单位时，请联系单位先行注册"
              rules={[{ required: true, message: '请选择工作单位' }]}
            >
              <UnitPicker regionCode={lastRegion(regionPath)} testId="reg-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="department" label="所在科室 / 部门（选填）" rules={[{ max: 100 }]}>
              <Input data-testid="reg-department" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          设置密码
        </Divider>
        <Row gutter={16}>
          <PasswordFields />
        </Row>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={register.isPending} data-testid="register-submit">
            提交注册
          </Button>
        </Form.Item>
      </Form>
    </PublicShell>
  );
}
