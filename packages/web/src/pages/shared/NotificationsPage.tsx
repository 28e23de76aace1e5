import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Segmented, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { describeError } from '../../api/client.ts';
import { peopleApi, type Notification } from '../../api/people.ts';
import { CursorTable } from '../../components/CursorTable.tsx';
import { notificationsKey } from '../../components/NotificationBell.tsx';
import { formatInstant } from '../../components/time.ts';

const pageSize = 20;

const kindLabels: Record<string, string> = {
  'registration.overdue': '注册超期',
  'registration.approved': '注册审核',
  'registration.rejected': '注册审核',
  'transfer.requested': '调入申请',
  'transfer.completed': '人员调出',
  'transfer.accepted': '调动办结',
  'transfer.rejected': '调动办结',
};

/** 消息: the account's notifications, newest first; opening one marks it read. */
export default function NotificationsPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const markRead = useMutation({
    mutationFn: peopleApi.markRead,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
    onError: (error) => void message.error(describeError(error)),
  });

  const columns: ColumnsType<Notification> = [
    { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => formatInstant(v) },
    { title: '类别', dataIndex: 'kind', width: 110, render: (v: string) => <Tag>{kindLabels[v] ?? '通知'}</Tag> },
    {
      title: '内容',
      key: 'content',
      render: (_, n) => (
        <div>
          <div>{n.title}</div>
          <Typography.Text type="secondary">{n.body}</Typography.Text>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'read',
      width: 90,
      render: (read: boolean) => (read ? <Tag>已读</Tag> : <Tag color="processing">未读</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, n) =>
        n.read ? null : (
          <Button
            type="link"
            size="small"
            icon={<CheckOutlined />}
            loading={markRead.isPending && markRead.variables === n.id}
            onClick={() => markRead.mutate(n.id)}
            data-testid="notification-read"
          >
            标为已读
          </Button>
        ),
    },
  ];

  return (
    <Card
      title="消息"
      extra={
        <Segmented<'all' | 'unread'>
          value={filter}
          onChange={(value) => setFilter(value)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
          data-testid="notifications-filter"
        />
      }
    >
      <CursorTable<Notification>
        key={filter}
        queryKey={[...notificationsKey, 'page', filter]}
        fetchPage={(cursor, signal) => peopleApi.notifications({ limit: pageSize, cursor, unread: filter === 'unread' }, signal)}
        columns={columns}
        rowKey="id"
        testId="notifications-table"
        emptyText={filter === 'unread' ? '没有未读消息' : '暂无消息'}
        scrollX={800}
        tableProps={{ rowClassName: (n) => (n.read ? '' : 'jixu-unread') }}
      />
    </Card>
  );
}
