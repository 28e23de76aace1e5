import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/client.ts';
import { peopleApi, type Profile, type ProfileChanges } from '../../api/people.ts';
import { mobilePattern } from '../../auth/residentId.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { applyFieldErrors } from '../../components/forms.ts';
import { educationOptions, titleLevelOptions, titleSeriesOptions } from '../../components/options.ts';
import { RevealButton } from '../../components/RevealButton.tsx';
import { ErrorState, PageLoading } from '../../components/status.tsx';
import { sexLabels } from '../shared/personLabels.tsx';

export const profileKey = ['my-profile'] as const;

type EditForm = Required<Omit<ProfileChanges, 'phone'>> & { phone?: string };

const editable = ['email', 'education', 'major', 'titleSeries', 'titleLevel', 'department'] as const;

const dash = (value: string | null | undefined) => (value ? value : '—');

function EditProfile({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const save = useMutation({
    mutationFn: (values: EditForm) => {
      // Only what changed: the server audits each change.
      const changes: ProfileChanges = {};
      for (const key of editable) {
        const value = (values[key] ?? '').trim();
        if (value === (profile[key] ?? '')) continue;
        // Clearing an optional field sends null (an empty e-mail address is no address).
        if (key === 'email' || key === 'department') changes[key] = value || null;
        else changes[key] = value;
      }
      if (values.phone && values.phone.trim()) changes.phone = values.phone.trim();
      return peopleApi.updateProfile(changes);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: profileKey });
      void message.success('个人信息已保存');
      onDone();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ['phone', ...editable])) void message.error(describeError(error));
    },
  });

  return (
    <Form<EditForm>
      form={form}
      layout="vertical"
      initialValues={{
        email: profile.email ?? '',
        education: profile.education ?? '',
        major: profile.major ?? '',
        titleSeries: profile.titleSeries ?? '',
        titleLevel: profile.titleLevel ?? '',
        department: profile.department ?? '',
      }}
      onFinish={(values) => save.mutate(values)}
      disabled={save.isPending}
      data-testid="profile-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="phone"
            label="手机号码"
            extra={`当前：${dash(profile.phoneMasked)}；不更换请留空`}
            rules={[{ pattern: mobilePattern, message: '请输入11位中国大陆手机号码' }]}
          >
            <Input maxLength={11} inputMode="tel" placeholder="新手机号码" data-testid="profile-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
            <Input data-testid="profile-email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
            <Select options={educationOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="major" label="所学专业" rules={[{ required: true, whitespace: true, message: '请输入所学专业' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="titleSeries" label="职称系列" rules={[{ required: true, whitespace: true, message: '请选择或输入职称系列' }]}>
            <AutoComplete
              options={titleSeriesOptions}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="titleLevel" label="职称级别" rules={[{ required: true, message: '请选择职称级别' }]}>
            <Select options={titleLevelOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="department" label="科室 / 部门" rules={[{ max: 100 }]}>
            <Input data-testid="profile-department" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

/** 个人信息: the person's own profile; name, ID number and unit are fixed (unit changes by transfer). */
export default function ProfilePage() {
  const { user } = useCurrentSession();
  const [editing, setEditing] = useState(false);
  const profile = useQuery({ queryKey: profileKey, queryFn: ({ signal }) => peopleApi.profile(signal) });

  if (profile.isPending) return <PageLoading />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;

  return (
    <Card
      title="个人信息"
      extra={
        editing ? null : (
          <Space>
            {user.personId ? <RevealButton personId={user.personId} personName={p.name} /> : null}
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
              修改信息
            </Button>
          </Space>
        )
      }
      data-testid="profile-card"
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: editing ? 24 : 0 }}
        items={[
          { key: 'name', label: '姓名', children: p.name },
          { key: 'idNumber', label: '身份证号', children: <Typography.Text code>{p.maskedIdNumber}</Typography.Text> },
          { key: 'sex', label: '性别', children: sexLabels[p.sex] ?? '—' },
          { key: 'birthDate', label: '出生日期', children: p.birthDate },
          { key: 'unit', label: '工作单位', children: p.unit?.name ?? '—' },
          { key: 'department', label: '科室 / 部门', children: dash(p.department) },
          {
            key: 'certificate',
            label: '证书管理号码',
            children: p.certificateNumber ? <Typography.Text copyable>{p.certificateNumber}</Typography.Text> : '暂未取得',
          },
          ...(editing
            ? []
            : [
                { key: 'phone', label: '手机号码', children: dash(p.phoneMasked) },
                { key: 'email', label: '电子邮箱', children: dash(p.email) },
                { key: 'education', label: '学历', children: dash(p.education) },
                { key: 'major', label: '所学专业', children: dash(p.major) },
                { key: 'title', label: '职称', children: [p.titleSeries, p.titleLevel].filter(Boolean).join(' · ') || '—' },
              ]),
        ]}
      />
      {editing ? <EditProfile profile={p} onDone={() => setEditing(false)} /> : null}
      <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0' }}>
        姓名、身份证号不可修改；更换工作单位请在“调动申请”中办理。
      </Typography.Paragraph>
    </Card>
  );
}
