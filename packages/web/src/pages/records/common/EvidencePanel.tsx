import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_TYPE_LABELS, isEvidenceType } from '@jixu/domain/evidence';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Image, List, Modal, Popconfirm, Progress, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../../../api/client.ts';
import { evidenceUrl, recordsApi, type EvidenceItem } from '../../../api/records.ts';
import { formatInstant } from '../../../components/time.ts';
import { PdfViewer } from './PdfViewer.tsx';

// Art. 10: the evidence files of a record. The declarer uploads them while the record is a draft or
// returned (the raw file as application/octet-stream, its role chosen from the documents the activity
// needs, or 其他); everyone who may see the record lists, previews (images, PDF) and downloads them.
// The download route answers an attachment under a sandbox CSP, so previews fetch the bytes with the
// session: images show an object URL (freed on unmount), PDFs are drawn onto canvases by pdf.js
// (PdfViewer: no plugin, no active content), OFD downloads.

type Requirement = { type: string; label: string };

const OTHER: Requirement = { type: 'other', label: EVIDENCE_TYPE_LABELS.other };

/** The Chinese name of an evidence type (the domain's list; the server's label or the code otherwise). */
const evidenceTypeLabel = (type: string, fallback?: string): string =>
  isEvidenceType(type) ? EVIDENCE_TYPE_LABELS[type] : (fallback ?? type);

const MAX_FILES = 10;
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

const fileTypeLabels: Record<EvidenceItem['type'], string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', ofd: 'OFD' };

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An object URL of the file's bytes, freed when the component using it goes away. */
function useEvidenceObjectUrl(evidenceId: string, mime: string | null) {
  const query = useQuery({
    queryKey: ['evidence-blob', evidenceId],
    queryFn: ({ signal }) => recordsApi.downloadEvidence(evidenceId, signal),
    staleTime: Infinity,
    gcTime: 60_000,
    enabled: mime !== null,
  });
  const [url, setUrl] = useState<string | null>(null);
  const blob = query.data;
  useEffect(() => {
    if (!blob || mime === null) return undefined;
    // The bytes typed as the server detected them (the stored type, never the file's name).
    const objectUrl = URL.createObjectURL(new Blob([blob], { type: mime }));
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [blob, mime]);
  return { url, blob: query.data, error: query.error, loading: query.isPending && mime !== null };
}

function Thumbnail({ item }: { item: EvidenceItem }) {
  const { url, error } = useEvidenceObjectUrl(item.id, item.type === 'png' ? 'image/png' : 'image/jpeg');
  if (error) return <FileOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />;
  if (!url) return <Skeleton.Image active style={{ width: 64, height: 64 }} />;
  return (
    <Image
      src={url}
      alt={item.fileName}
      width={64}
      height={64}
      style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
      preview={{ mask: '查看大图' }}
      data-testid="evidence-thumbnail"
    />
  );
}

function PdfPreview({ item }: { item: EvidenceItem }) {
  const { url, blob, error } = useEvidenceObjectUrl(item.id, 'application/pdf');
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title="预览加载失败"
        description={describeError(error)}
        action={<Button size="small" icon={<DownloadOutlined />} href={evidenceUrl(item.id)} download={item.fileName}>下载</Button>}
        data-testid="evidence-pdf-error"
      />
    );
  }
  if (!url || !blob) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <PdfViewer
      data={blob}
      fileName={item.fileName}
      downloadUrl={evidenceUrl(item.id)}
      // The browser's own viewer in a tab of its own (a top-level document, not a sandboxed frame).
      onOpenInNewWindow={() => window.open(url, '_blank', 'noopener')}
    />
  );
}

type Uploading = { uid: string; name: string; percent: number };

export function EvidencePanel({ recordId, editable, requiredEvidence }: {
  recordId: string;
  editable: boolean;
  requiredEvidence?: { type: string; label: string }[];
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const listKey = useMemo(() => ['record-evidence', recordId] as const, [recordId]);
  const evidence = useQuery({ queryKey: listKey, queryFn: ({ signal }) => recordsApi.evidence(recordId, signal) });
  const items = useMemo(() => evidence.data?.items ?? [], [evidence.data]);

  const required = useMemo(
    () => (requiredEvidence ?? []).map((r) => ({ type: r.type, label: evidenceTypeLabel(r.type, r.label) })),
    [requiredEvidence],
  );
  const choices = useMemo(() => [...required.filter((r) => r.type !== OTHER.type), OTHER], [required]);
  const labelOf = (type: string) => evidenceTypeLabel(type, choices.find((c) => c.type === type)?.label);
  const provided = useMemo(() => new Set(items.map((i) => i.evidenceType)), [items]);
  const missing = required.filter((r) => !provided.has(r.type));

  const [chosen, setChosen] = useState<string | undefined>(undefined);
  // By default, the first document still missing (else 其他).
  const evidenceType = chosen && choices.some((c) => c.type === chosen) ? chosen : (missing[0]?.type ?? OTHER.type);

  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<EvidenceItem | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: listKey });
    // The record's allowed actions do not change, but lists showing evidence counts may.
    await queryClient.invalidateQueries({ queryKey: ['record', recordId] });
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    const uid = (file as File & { uid?: string }).uid ?? `${Date.now()}`;
    const type = evidenceType;
    setUploadError(null);
    setUploading((list) => [...list, { uid, name: file.name, percent: 0 }]);
    const progress = (percent: number) => setUploading((list) => list.map((u) => (u.uid === uid ? { ...u, percent } : u)));
    recordsApi.uploadEvidence(recordId, file, { evidenceType: type, name: file.name, onProgress: progress })
      .then(async (added) => {
        options.onSuccess?.(added);
        void message.success(`已上传：${added.fileName}`);
        setChosen(undefined);
        await refresh();
      })
      .catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        setUploadError(`${file.name}：${describeError(error)}`);
      })
      .finally(() => setUploading((list) => list.filter((u) => u.uid !== uid)));
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size > MAX_BYTES) {
      setUploadError(`${file.name}：文件超过 20MB，请压缩或分拆后上传`);
      return Upload.LIST_IGNORE;
    }
    if (items.length + uploading.length >= MAX_FILES) {
      setUploadError(`每条登记最多上传 ${MAX_FILES} 个证明材料`);
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const remove = async (item: EvidenceItem) => {
    setDeleting(item.id);
    try {
      await recordsApi.removeEvidence(item.id);
      void message.success(`已删除：${item.fileName}`);
      await refresh();
    } catch (error) {
      void message.error(describeError(error));
    } finally {
      setDeleting(null);
    }
  };

  const preview = (item: EvidenceItem) => {
    if (item.type === 'jpeg' || item.type === 'png') return <Thumbnail item={item} />;
    if (item.type === 'pdf') return <FilePdfOutlined style={{ fontSize: 40, color: '#cf1322' }} />;
    return <FileOutlined style={{ fontSize: 40, color: '#8c8c8c' }} />;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="evidence-panel">
      {required.length > 0 ? (
        <div data-testid="evidence-required">
          <Typography.Text type="secondary">所需证明材料：</Typography.Text>
          <Space size={[4, 4]} wrap>
            {required.map((r) => (
              <Tag key={r.type} color={provided.has(r.type) ? 'success' : 'warning'} data-testid={`evidence-required-${r.type}`}>
                {provided.has(r.type) ? '✓ ' : ''}{r.label}
              </Tag>
            ))}
          </Space>
        </div>
      ) : null}
      {editable && missing.length > 0 && !evidence.isPending ? (
        <Alert
          type="warning"
          showIcon
          title={`还需上传：${missing.map((m) => m.label).join('、')}`}
          description="提交前须上传上述证明材料；支持 PDF、JPEG、PNG、OFD 格式，单个文件不超过 20MB。"
          data-testid="evidence-missing"
        />
      ) : null}

      {editable ? (
        <Space wrap align="center" data-testid="evidence-upload">
          <Typography.Text>材料类型</Typography.Text>
          <Select
            value={evidenceType}
            onChange={setChosen}
            style={{ minWidth: 220 }}
            options={choices.map((c) => ({ value: c.type, label: `${c.label}${provided.has(c.type) && c.type !== OTHER.type ? '（已上传）' : ''}` }))}
            data-testid="evidence-type"
          />
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={beforeUpload}
            customRequest={customRequest}
            data-testid="evidence-upload-input"
          >
            <Button icon={<UploadOutlined />} type="primary" ghost disabled={items.length >= MAX_FILES} data-testid="evidence-upload-button">
              选择文件上传
            </Button>
          </Upload>
          <Typography.Text type="secondary">{items.length}/{MAX_FILES} 个文件</Typography.Text>
        </Space>
      ) : null}

      {uploading.map((u) => (
        <div key={u.uid} data-testid="evidence-progress">
          <Typography.Text>{u.name}</Typography.Text>
          <Progress percent={u.percent} size="small" status="active" />
        </div>
      ))}
      {uploadError ? (
        <Alert type="error" showIcon closable={{ onClose: () => setUploadError(null) }} title="上传失败" description={uploadError} data-testid="evidence-error" />
      ) : null}

      {evidence.isError ? (
        <Alert type="warning" showIcon title="证明材料加载失败" description={describeError(evidence.error)} />
      ) : (
        <List<EvidenceItem>
          loading={evidence.isPending}
          dataSource={items}
          locale={{ emptyText: editable ? '尚未上传证明材料' : '无证明材料' }}
          bordered
          size="small"
          data-testid="evidence-list"
          renderItem={(item) => (
            <List.Item
              data-testid="evidence-item"
              data-evidence-type={item.evidenceType}
              actions={[
                ...(item.type === 'pdf'
                  ? [<Button key="view" type="link" size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(item)} data-testid="evidence-preview">预览</Button>]
                  : []),
                <a key="download" href={evidenceUrl(item.id)} download={item.fileName} data-testid="evidence-download">
                  <DownloadOutlined /> 下载
                </a>,
                ...(editable
                  ? [
                      <Popconfirm key="delete" title={`删除“${item.fileName}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(item)}>
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={deleting === item.id} data-testid="evidence-delete">
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={preview(item)}
                title={<Space wrap size={6}><Tag color="blue">{labelOf(item.evidenceType)}</Tag><span>{item.fileName}</span></Space>}
                description={`${fileTypeLabels[item.type]} · ${formatSize(item.size)} · ${formatInstant(item.createdAt)}${item.type === 'ofd' ? ' · OFD 文件请下载后用版式阅读器查看' : ''}`}
              />
            </List.Item>
          )}
        />
      )}

      <Modal
        open={previewing !== null}
        title={previewing?.fileName}
        onCancel={() => setPreviewing(null)}
        footer={null}
        width={900}
        destroyOnHidden
        data-testid="evidence-pdf-modal"
      >
        {previewing ? <PdfPreview item={previewing} /> : null}
      </Modal>
    </Space>
  );
}
