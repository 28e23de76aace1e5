import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, StopFilled } from '@ant-design/icons';
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { describeError } from '../../api/client.ts';
import { formatInstant } from '../../components/time.ts';
import type { Details, Outcome, YearRow } from './verify.ts';

// The verdict, plain and big (Art. 15: anyone checks a certificate): 有效, 已撤销, 伪造或被篡改,
// 未找到, 号码有误. Only the masked name is ever shown.
const green = '#389e0d';
const red = '#cf1322';
const grey = '#8c8c8c';

function Banner({ color, icon, title, children }: { color: string; icon: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div
      data-testid="verify-verdict"
      role="status"
      style={{ border: `2px solid ${color}`, borderRadius: 12, padding: '20px 24px', background: `${color}0d`, marginBottom: 16 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, color, fontSize: 40, fontWeight: 700, lineHeight: 1.2 }}>
        {icon}
        <span>{title}</span>
      </div>
      {children ? <div style={{ marginTop: 10, fontSize: 16 }}>{children}</div> : null}
    </div>
  );
}

/** Dates in the payload are ISO instants (issuedAt) or plain dates (the QR code's d). */
const dateOf = (value: string) => (value.length > 10 ? formatInstant(value).slice(0, 10) : value);

export function VerdictView({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'bad-number':
      return <Banner color={red} icon={<ExclamationCircleFilled />} title="号码有误">{outcome.message}</Banner>;
    case 'not-found':
      return (
        <Banner color={grey} icon={<QuestionCircleFilled />} title="未找到">
          平台上没有号码为 {outcome.number} 的证书，或证书尚未签发。请核对号码，或向签发机构咨询。
        </Banner>
      );
    case 'forged':
      return (
        <Banner color={red} icon={<CloseCircleFilled />} title="伪造或被篡改">
          {outcome.reason}请勿采信该证书，可向签发机构或人力资源社会保障部门举报。
        </Banner>
      );
    case 'unverifiable':
      return <Banner color={grey} icon={<QuestionCircleFilled />} title="暂无法核验">{outcome.reason}</Banner>;
    case 'error':
      return <Banner color={grey} icon={<QuestionCircleFilled />} title="暂无法核验">{describeError(outcome.error)}</Banner>;
    case 'valid':
      return (
        <>
          <Banner color={green} icon={<CheckCircleFilled />} title="有效">
            该证书由 <strong>{outcome.details.issuer}</strong> 签发，电子印章签名核验通过（印章所有者：{outcome.details.key.owner}）。
          </Banner>
          <DetailsView details={outcome.details} />
        </>
      );
    case 'revoked':
      return (
        <>
          <Banner color={red} icon={<StopFilled />} title="已撤销">
            该证书已于 {formatInstant(outcome.revokedAt)} 被签发机构撤销，原因：{outcome.reason || '未说明'}。
          </Banner>
          <DetailsView details={outcome.details} />
        </>
      );
  }
}

function DetailsView({ details }: { details: Details }) {
  const revokedYears = details.years.filter((y) => y.revoked);
  return (
    <>
      {details.statusUnknown ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="离线核验：二维码签名真实，但当前无法联网查询证书是否已被撤销，请联网后再次核验。" />
      ) : null}
      {details.superseded ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="该证书已按最新学时重新签发，此二维码为旧版本，学时以证书号码查询结果为准。" />
      ) : null}
      {revokedYears.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`以下年度已被撤销：${revokedYears.map((y) => `${y.year}年度（${y.revoked!.reason}）`).join('；')}`}
          data-testid="verify-revoked-years"
        />
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} data-testid="verify-details">
        <Descriptions.Item label="证书管理号码">{details.number}</Descriptions.Item>
        <Descriptions.Item label="持证人">{details.maskedName}</Descriptions.Item>
        <Descriptions.Item label="签发机构">{details.issuer}</Descriptions.Item>
        <Descriptions.Item label="签发日期">{dateOf(details.issuedAt)}</Descriptions.Item>
        {details.unit ? <Descriptions.Item label="工作单位">{details.unit}</Descriptions.Item> : null}
        <Descriptions.Item label="印章密钥">
          <Typography.Text code>{details.key.keyId}</Typography.Text> SM2-SM3
        </Descriptions.Item>
        <Descriptions.Item label="核验来源">{details.source === 'qr' ? '二维码（离线签名核验）' : '证书号码（平台签名数据）'}</Descriptions.Item>
        {details.ledger ? (
          <Descriptions.Item label="透明账本">
            第 {details.ledger.leafIndex} 条（账本共 {details.ledger.treeSize} 条）
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <YearsTable rows={details.years} full={details.source === 'number'} />
    </>
  );
}

const hours = (n: number | undefined) => (n === undefined ? '—' : n % 1 === 0 ? String(n) : n.toFixed(1));

function YearsTable({ rows, full }: { rows: YearRow[]; full: boolean }) {
  return (
    <Table<YearRow>
      data-testid="verify-years"
      rowKey="year"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '证书中暂无年度学时记录' }}
      columns={[
        { title: '年度', dataIndex: 'year', width: 90 },
        {
          title: '完成情况',
          key: 'complete',
          render: (_, row) => (
            <>
              {row.complete ? <Tag color="success">已完成</Tag> : <Tag>未完成</Tag>}
              {row.fullYear ? <Tag color="blue">视为完成</Tag> : null}
              {row.revoked ? <Tag color="error">已撤销</Tag> : null}
            </>
          ),
        },
        { title: '已获学时', key: 'earned', render: (_, row) => hours(row.earned) },
        ...(full
          ? [
              { title: '公需科目', key: 'public', render: (_: unknown, row: YearRow) => hours(row.public) },
              { title: '专业科目', key: 'professional', render: (_: unknown, row: YearRow) => hours(row.professional) },
              { title: '应修学时', key: 'required', render: (_: unknown, row: YearRow) => hours(row.required) },
              { title: '政策版本', dataIndex: 'policyVersion' },
            ]
          : []),
      ]}
      onRow={(row) => (row.revoked ? { style: { background: '#fff1f0' } } : {})}
    />
  );
}
