import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Divider, Form, Input, Result, Row, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError, describeError } from '../../api/client.ts';
import { orgApi } from '../../api/organisations.ts';
import { mobilePattern } from '../../auth/residentId.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { lastRegion, RegionCascader } from '../../components/RegionCascader.tsx';
import { PasswordFields } from './PasswordFields.tsx';
import { PublicShell } from './PublicShell.tsx';

type OrgForm = {
  name: string;
  uscc: string;
  regionPath: string[];
  industry?: string;
  authorityId?: string;
  address?: string;
  contactName: string;
  contactPhone: string;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
  adminPasswordConfirm: string;
};

const serverFields = [
  'name', 'uscc', 'regionCode', 'authorityId', 'address', 'contactName', 'contactPhone',
  'adminUsername', 'adminName', 'adminPassword',
] as const;

// GB 32100-2015: 18 characters from digits and capitals without I, O, Z, S, V. The check character
// is verified by the server, which names the field when it is wrong.
const usccPattern = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const texts = {
  unit: {
    title: '用人单位注册',
    intro: '用人单位注册后由所在地人社部门审核，审核通过后本单位专业技术人员即可选择本单位注册。',
    done: '单位注册已提交，等待人社部门审核',
  },
  provider: {
    title: '施教机构注册',
    intro: '继续教育基地、施教机构注册后由所在地人社部门备案，备案后可发布培训项目、登记学员学时。',
    done: '机构注册已提交，等待人社部门备案',
  },
} as const;

/** Self-registration of a unit or a training provider, with the account of its first administrator. */
export function OrgRegisterForm({ kind }: { kind: 'unit' | 'provider' }) {
  const [form] = Form.useForm<OrgForm>();
  const navigate = useNavigate();
  const regionPath = Form.useWatch('regionPath', form);
  const industry = Form.useWatch('industry', form);
  const regionCode = lastRegion(regionPath);
  const text = texts[kind];

  const industries = useQuery({
    queryKey: ['industries'],
    queryFn: ({ signal }) => orgApi.industries(signal),
    staleTime: Infinity,
    enabled: kind === 'unit',
  });
  const authorities = useQuery({
    queryKey: ['authorities', industry, regionCode],
    queryFn: ({ signal }) => orgApi.authorities({ industry, regionCode }, signal),
    enabled: kind === 'unit' && Boolean(industry),
  });

  const submit = useMutation({
    mutationFn: (values: OrgForm) => {
      const common = {
        name: values.name.trim(),
        uscc: values.uscc.trim().toUpperCase(),
        regionCode: regionCode ?? '',
        contactName: values.contactName.trim(),
        contactPhone: values.contactPhone.trim(),
        adminUsername: values.adminUsername.trim(),
        adminName: values.adminName.trim(),
        adminPassword: values.adminPassword,
      };
      if (kind === 'provider') return orgApi.registerProvider(common);
      return orgApi.registerUnit({
        ...common,
        authorityId: values.authorityId ?? '',
        address: values.address?.trim() || undefined,
      });
    },
    onError: (error) => {
      applyFieldErrors(form, error, serverFields);
      // The server names the region by its code; the form holds the cascader path.
      const regionError = error instanceof ApiError ? error.fieldErrors.find((e) => e.field.endsWith('regionCode')) : undefined;
      if (regionError) form.setFields([{ name: 'regionPath', errors: [regionError.message] }]);
    },
  });

  const onValuesChange = (changed: Partial<OrgForm>) => {
    if (changed.regionPath !== undefined || changed.industry !== undefined) form.setFieldValue('authorityId', undefined);
    if (submit.isError) submit.reset();
  };

  if (submit.isSuccess) {
    return (
      <PublicShell title={text.title} testId={`register-${kind}`}>
        <Result
          status="success"
          title={text.done}
          subTitle="请使用刚才设置的管理员用户名和密码登录平台，查看审核进度。"
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

  return (
    <PublicShell title={text.title} testId={`register-${kind}`}>
      <Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>
      {submit.isError ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={describeError(submit.error)} data-testid="register-error" />
      ) : null}
      <Form<OrgForm>
        form={form}
        layout="vertical"
        onFinish={(values) => submit.mutate(values)}
        onValuesChange={onValuesChange}
        disabled={submit.isPending}
        scrollToFirstError
      >
        <Divider titlePlacement="start" plain>
          {kind === 'unit' ? '单位信息' : '机构信息'}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={kind === 'unit' ? '单位名称' : '机构名称'} rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 100 }]}>
              <Input prefix={<BankOutlined />} data-testid="org-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label="统一社会信用代码"
              normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
              rules={[
                { required: true, message: '请输入统一社会信用代码' },
                { pattern: usccPattern, message: '统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）' },
              ]}
            >
              <Input maxLength={18} data-testid="org-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionPath" label="所在地区" extra="省直单位请选择“省直单位”" rules={[{ required: true, message: '请选择所在地区' }]}>
              <RegionCascader provinceLabel="省直单位" testId="org-region" />
            </Form.Item>
          </Col>
          {kind === 'unit' ? (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="address" label="单位地址（选填）" rules={[{ max: 200 }]}>
                  <Input data-testid="org-address" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="industry" label="所属行业" rules={[{ required: true, message: '请选择所属行业' }]}>
                  <Select
                    options={(industries.data?.items ?? []).map((i) => ({ value: i.code, label: i.name }))}
                    loading={industries.isPending}
                    placeholder="请选择"
                    data-testid="org-industry"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="authorityId" label="行业主管部门" rules={[{ required: true, message: '请选择行业主管部门' }]}>
                  <Select
                    options={(authorities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                    loading={authorities.isFetching}
                    disabled={!industry}
                    placeholder={industry ? '请选择' : '请先选择所属行业'}
                    notFoundContent="该行业暂无可选的主管部门"
                    data-testid="org-authority"
                  />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请输入联系人' }, { max: 50 }]}>
              <Input data-testid="org-contactName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={[
                { required: true, whitespace: true, message: '请输入联系电话' },
                { pattern: mobilePattern, message: '请输入11位中国大陆手机号码' },
              ]}
            >
              <Input maxLength={11} inputMode="tel" data-testid="org-contactPhone" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          管理员账号
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="adminUsername"
              label="管理员用户名"
              extra="3–32 位字母、数字、下划线、点或短横线"
              rules={[
                { required: true, message: '请输入管理员用户名' },
                { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位字母、数字、下划线、点或短横线' },
              ]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" data-testid="org-adminUsername" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="adminName" label="管理员姓名" rules={[{ required: true, whitespace: true, message: '请输入管理员姓名' }, { max: 50 }]}>
              <Input data-testid="org-adminName" />
            </Form.Item>
          </Col>
          <PasswordFields name="adminPassword" label="管理员密码" />
        </Row>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="register-submit">
            提交注册
          </Button>
        </Form.Item>
      </Form>
    </PublicShell>
  );
}
