import { LoginOutlined, ReloadOutlined, SafetyCertificateOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Divider, Input, Layout, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/client.ts';
import { formatInstant } from '../../components/time.ts';
import { checkCertificateNumber } from './crypto.ts';
import { cachedKeys, fetchKeys, type KeySet } from './keys.ts';
import { ScanButton, useScannerAvailable } from './Scanner.tsx';
import { VerdictView } from './VerdictView.tsx';
import { verifyNumber, verifyQr, type Outcome } from './verify.ts';

// 证书核验: public, no login (Art. 15). A number is looked up and its signed payload checked here
// against the bureau's published key; a QR code is checked offline with the cached keys, then its
// revocation status is fetched when online. `?n=<number>` verifies a number on opening.

const platformName = '河南省专业技术人员继续教育证书管理平台';

type Mode = 'number' | 'qr';

export default function VerifyPage() {
  const [params, setParams] = useSearchParams();
  const [number, setNumber] = useState(params.get('n') ?? '');
  const [qr, setQr] = useState('');
  const [mode, setMode] = useState<Mode>('number');
  const [keys, setKeys] = useState<KeySet | undefined>(() => cachedKeys());
  const [keysError, setKeysError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const scanner = useScannerAvailable();
  // The latest run wins: an earlier, slower answer must not overwrite a later verdict.
  const run = useRef(0);

  const refreshKeys = useCallback(async () => {
    setRefreshing(true);
    try {
      setKeys(await fetchKeys());
      setKeysError(null);
    } catch (error) {
      setKeysError(describeError(error));
    } finally {
      setRefreshing(false);
    }
  }, []);

  // Fresh keys on every opening (new bureaus, rotated keys); the cached ones serve while offline.
  useEffect(() => {
    void refreshKeys();
  }, [refreshKeys]);

  const verify = useCallback(async (what: Mode, text: string) => {
    const id = ++run.current;
    setBusy(true);
    setOutcome(null);
    try {
      const result = what === 'qr' ? await verifyQr(text, keys) : await verifyNumber(text, keys);
      if (id !== run.current) return;
      if (result.keys && result.keys !== keys) setKeys(result.keys);
      setOutcome(result.outcome);
    } finally {
      if (id === run.current) setBusy(false);
    }
  }, [keys]);

  // Opened as /verify?n=…: verify at once (links from the PDF, a reload after a check).
  const initial = useRef(params.get('n'));
  useEffect(() => {
    if (initial.current) void verify('number', initial.current);
    initial.current = null;
  }, [verify]);

  const submit = () => {
    if (mode === 'qr' && qr.trim() !== '') {
      void verify('qr', qr);
      return;
    }
    const checked = checkCertificateNumber(number);
    if (checked.ok) setParams({ n: checked.number }, { replace: true });
    void verify('number', number);
  };

  const onScan = (text: string) => {
    if (text.startsWith('JX1.')) {
      setQr(text);
      setNumber('');
      setMode('qr');
      void verify('qr', text);
    } else {
      setNumber(text);
      setQr('');
      setMode('number');
      void verify('number', text);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="jixu-header">
        <Link to="/verify" className="jixu-brand">
          <SafetyCertificateOutlined className="jixu-brand-icon" />
          <span className="jixu-brand-name">{platformName}</span>
        </Link>
        <Link to="/login">
          <Button icon={<LoginOutlined />}>登录</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, width: '100%', maxWidth: 1200, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <SafetyOutlined /> 证书核验
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          输入证书管理号码，或粘贴、扫描证书上的二维码，核验继续教育证书的真伪与状态。电子印章签名在您的浏览器中用签发机构公布的 SM2
          公钥核验，不依赖服务器的答复；二维码在公钥加载过一次后可离线核验。无需登录。
        </Typography.Paragraph>
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={9}>
            <Card title="核验方式">
              <Typography.Text strong>证书管理号码</Typography.Text>
              <Input
                size="large"
                value={number}
                onChange={(e) => {
                  setNumber(e.target.value);
                  setMode('number');
                  if (qr) setQr('');
                }}
                onPressEnter={submit}
                placeholder="16 位数字，如 4101 0500 0000 0010"
                inputMode="numeric"
                maxLength={24}
                allowClear
                style={{ marginTop: 8 }}
                data-testid="verify-number"
              />
              <Divider plain>或</Divider>
              <Typography.Text strong>二维码内容</Typography.Text>
              <Input.TextArea
                value={qr}
                onChange={(e) => {
                  setQr(e.target.value);
                  setMode('qr');
                  if (number) setNumber('');
                }}
                placeholder="粘贴以 JX1. 开头的二维码内容"
                autoSize={{ minRows: 3, maxRows: 6 }}
                style={{ marginTop: 8, fontFamily: 'monospace' }}
                data-testid="verify-qr"
              />
              <Space style={{ marginTop: 16 }} wrap>
                <Button type="primary" size="large" icon={<SafetyOutlined />} loading={busy} onClick={submit} data-testid="verify-submit">
                  核验
                </Button>
                {scanner ? <ScanButton onScan={onScan} /> : null}
              </Space>
              <Divider />
              <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="verify-keys">
                <Typography.Text type="secondary">
                  {keys
                    ? `已保存 ${keys.keys.length} 个签发机构公钥，获取于 ${formatInstant(keys.fetchedAt)}`
                    : '尚未获取签发机构公钥'}
                </Typography.Text>
                {keysError ? (
                  <Typography.Text type="warning">{keys ? '当前无法更新公钥，将使用本机保存的公钥。' : keysError}</Typography.Text>
                ) : null}
                <Button size="small" icon={<ReloadOutlined />} loading={refreshing} onClick={() => void refreshKeys()}>
                  更新公钥
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card title="核验结果" data-testid="verify-result">
              {outcome ? (
                <VerdictView outcome={outcome} />
              ) : busy ? (
                <Typography.Text type="secondary">正在核验…</Typography.Text>
              ) : (
                <Alert type="info" showIcon title="请输入证书管理号码或二维码内容，然后点击“核验”。" />
              )}
            </Card>
          </Col>
        </Row>
      </Layout.Content>
      <Layout.Footer className="jixu-footer">
        <Typography.Text type="secondary">{platformName} · 依据《河南省专业技术人员继续教育证书管理办法》第十五条</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
