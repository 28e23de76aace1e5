import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/client.ts';
import { peopleApi } from '../api/people.ts';
import { ReasonModal } from './ReasonModal.tsx';

/**
 * The audited reveal of a person's full ID number and phone (PIPL; docs/security.md): asks a reason
 * (at least 4 characters, recorded with the audit event), shows the answer in a modal and forgets
 * it when the modal closes. The answer never enters the query cache.
 */
export function RevealButton({ personId, personName }: { personId: string; personName: string }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const reveal = useMutation({
    mutationFn: (reason: string) => peopleApi.reveal(personId, reason),
    onSuccess: () => setAsking(false),
    onError: (error) => void message.error(describeError(error)),
  });

  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="reveal-open">
        查看完整信息
      </Button>
      <ReasonModal
        open={asking}
        title={`查看“${personName}”的完整身份证号和手机号`}
        description="查看完整个人信息将被记入审计日志，请如实填写查看事由。"
        label="查看事由"
        okText="查看"
        minLength={4}
        maxLength={200}
        busy={reveal.isPending}
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => reveal.mutate(reason)}
        testId="reveal-reason"
      />
      <Modal
        open={reveal.isSuccess}
        title="完整个人信息"
        onCancel={() => reveal.reset()}
        onOk={() => reveal.reset()}
        okText="关闭"
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
        data-testid="reveal-result"
      >
        <Alert type="info" showIcon title="本次查看已记入审计日志，请勿截屏、复制或外传。" style={{ marginBottom: 16 }} />
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'name', label: '姓名', children: personName },
            {
              key: 'idNumber',
              label: '身份证号',
              children: <Typography.Text code data-testid="reveal-id-number">{reveal.data?.idNumber ?? ''}</Typography.Text>,
            },
            { key: 'phone', label: '手机号', children: reveal.data?.phone ?? '—' },
          ]}
        />
      </Modal>
    </>
  );
}
