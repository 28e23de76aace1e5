import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, TreeSelect, Typography } from 'antd';
import { describeError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { orgApi, type OrgNode } from '../../api/organisations.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { applyFieldErrors } from '../../components/forms.ts';
import { orgKindLabels } from './orgLabels.tsx';

type CreateForm = { kind: 'org' | 'admin'; username: string; name: string; orgId?: string };

type TreeOption = { value: string; title: string; children: TreeOption[] };

const toOption = (node: OrgNode): TreeOption => ({
  value: node.id,
  title: `${node.name}（${orgKindLabels[node.kind] ?? node.kind}）`,
  children: node.children.map(toOption),
});

/**
 * New staff account of an organisation in the caller's scope; the role follows the organisation's
 * kind. Bureaus and the admin choose the organisation from their tree; others create for their own.
 */
export function CreateAccountModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (temporaryPassword: string, name: string) => Promise<void>;
}) {
  const { user } = useCurrentSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form);
  const choosesOrg = user.role === 'bureau' || user.role === 'admin';

  const tree = useQuery({
    queryKey: ['org-tree'],
    queryFn: ({ signal }) => orgApi.tree(signal),
    enabled: open && choosesOrg,
  });

  const create = useMutation({
    mutationFn: (values: CreateForm) =>
      api.createAccount({
        username: values.username.trim(),
        name: values.name.trim(),
        orgId: values.kind === 'admin' ? null : choosesOrg ? (values.orgId ?? null) : (user.scope.orgId ?? null),
      }),
    onSuccess: async (result, values) => {
      form.resetFields();
      await onCreated(result.temporaryPassword, values.name.trim());
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ['username', 'name', 'orgId'])) void message.error(describeError(error));
    },
  });

  return (
    <Modal
      open={open}
      title="新建账户"
      okText="创建"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'account-create-ok' }}
      destroyOnHidden
      data-testid="account-create-modal"
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'org', orgId: user.role === 'bureau' ? user.scope.orgId : undefined }}
        onFinish={(values) => create.mutate(values)}
        disabled={create.isPending}
      >
        {user.role === 'admin' ? (
          <Form.Item name="kind" label="账户类型">
            <Radio.Group
              options={[
                { value: 'org', label: '机构账户' },
                { value: 'admin', label: '系统管理员' },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="username"
          label="用户名"
          extra="3–32 位字母、数字、下划线、点或短横线，创建后不可修改"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位字母、数字、下划线、点或短横线' },
          ]}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input data-testid="account-name" />
        </Form.Item>
        {choosesOrg && kind !== 'admin' ? (
          <Form.Item name="orgId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
            <TreeSelect
              treeData={tree.data ? [toOption(tree.data.root)] : []}
              loading={tree.isPending}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandedKeys={tree.data ? [tree.data.root.id] : []}
              placeholder="请选择"
              data-testid="account-org"
            />
          </Form.Item>
        ) : null}
        {!choosesOrg ? (
          <Typography.Paragraph type="secondary">
            所属机构：{user.scope.orgName ?? '本机构'}
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          创建后系统生成临时密码（只显示一次），新账户首次登录须修改密码。
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
