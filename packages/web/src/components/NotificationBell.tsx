import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { peopleApi } from '../api/people.ts';
import type { Role } from '../api/types.ts';
import { formatInstant } from './time.ts';

export const notificationsKey = ['notifications'] as const;

/** The header bell: unread count (polled every minute) and the latest unread notices. */
export function NotificationBell({ role, enabled }: { role: Role; enabled: boolean }) {
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: [...notificationsKey, 'bell'],
    queryFn: ({ signal }) => peopleApi.notifications({ unread: true, limit: 5 }, signal),
    enabled,
    refetchInterval: 60_000,
    retry: false,
  });

  const count = unread.data?.unreadCount ?? 0;
  const items = unread.data?.items ?? [];
  const listUrl = `/${role}/notifications`;

  const content = (
    <div style={{ width: 320 }} data-testid="notification-popover">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unread.isError ? '消息暂不可用' : '暂无未读消息'} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item key={item.id}>
              <List.Item.Meta
                title={item.title}
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {item.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatInstant(item.at)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'center', borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
        <Link to={listUrl} onClick={() => setOpen(false)} data-testid="notification-all">
          查看全部消息
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} title="未读消息" trigger="click" open={open && enabled} onOpenChange={setOpen} placement="bottomRight">
      <Button type="text" className="jixu-bell" aria-label={`消息，${count} 条未读`} disabled={!enabled} data-testid="notification-bell">
        <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
