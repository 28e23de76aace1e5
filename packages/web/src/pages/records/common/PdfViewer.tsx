import { DownloadOutlined, ExportOutlined, LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tooltip, Typography } from 'antd';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type * as PdfJsModule from './pdfjs.ts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

// An evidence PDF drawn page by page onto a <canvas> with pdf.js: the document never runs as active
// content in the page and nothing depends on the browser's PDF plugin (which Chrome refuses to run in
// a sandboxed frame). pdf.js is loaded on first use (./pdfjs.ts, its own chunks), with eval off, no
// XFA, no scripting, and no text, form or annotation layers: only the canvas. Annotation appearances
// (stamps, seals, filled form values) are painted onto it as pictures.

type PdfJs = typeof PdfJsModule;
let pdfJs: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfJs ??= import('./pdfjs.ts').catch((error: unknown) => {
    pdfJs = null; // a failed chunk load (network) is tried again next time
    throw error;
  });
  return pdfJs;
}

type Failure = 'load' | 'invalid' | 'password' | 'render';

const failureText: Record<Failure, string> = {
  load: '预览组件加载失败，请检查网络后重试，或下载后查看。',
  invalid: '该文件已损坏或不是有效的 PDF，无法预览，请下载后查看。',
  password: '该 PDF 已加密（需要密码），无法在此预览，请下载后查看。',
  render: '该页面无法显示，请下载后查看。',
};

function failureOf(error: unknown): Failure {
  if (!(error instanceof Error)) return 'invalid';
  if (error.name === 'PasswordException') return 'password';
  // The worker could not start (its chunk did not load): not the file's fault.
  if (/fake worker|worker.*(failed|error)/i.test(error.message)) return 'load';
  return 'invalid';
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** Above this many device pixels a page canvas is drawn at a lower resolution (memory). */
const MAX_CANVAS_PIXELS = 16_777_216;

export type PdfViewerProps = {
  /** The file's bytes (fetched with the session). */
  data: Blob;
  fileName: string;
  /** The download route of the file (an attachment). */
  downloadUrl: string;
  /** Opens the file in the browser's own viewer in a new tab, when one is available. */
  onOpenInNewWindow?: () => void;
  /** CSS height of the scrolling page area. */
  height?: string;
};

export function PdfViewer({ data, fileName, downloadUrl, onOpenInNewWindow, height = '70vh' }: PdfViewerProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  // 1 fits the page to the width of the area; other values zoom that width.
  const [zoom, setZoom] = useState<number>(1);
  const [rendering, setRendering] = useState(true);
  const [rendered, setRendered] = useState<number | null>(null);
  const [areaWidth, setAreaWidth] = useState(0);
  const areaRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [attempt, setAttempt] = useState(0);

  // Load the document (the bytes are copied: pdf.js hands its buffer over to the worker).
  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    let destroy: (() => Promise<void>) | null = null;
    setDoc(null);
    setFailure(null);
    setPageNumber(1);
    setRendered(null);
    setRendering(true);
    void (async () => {
      let lib: PdfJs;
      try {
        lib = await loadPdfJs();
      } catch {
        if (!cancelled) setFailure('load');
        return;
      }
      try {
        const bytes = new Uint8Array(await data.arrayBuffer());
        if (cancelled) return;
        const task = lib.openPdf(bytes);
        destroy = () => task.destroy();
        loaded = await task.promise;
        if (cancelled) return;
        setDoc(loaded);
      } catch (error) {
        if (!cancelled) {
          setFailure(failureOf(error));
          setRendering(false);
        }
      }
    })();
    return () => {
      cancelled = true;
      if (destroy) void destroy().catch(() => undefined);
      else if (loaded) void loaded.destroy().catch(() => undefined);
    };
  }, [data, attempt]);

  // The width available to a page follows the area (the modal, the pane beside the queue).
  useLayoutEffect(() => {
    const area = areaRef.current;
    if (!area) return undefined;
    const measure = () => setAreaWidth(Math.max(0, area.clientWidth - 32));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    return () => observer.disconnect();
  }, [failure]);

  // Draw the current page at the device's pixel ratio.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!doc || !canvas || areaWidth <= 0) return undefined;
    let cancelled = false;
    let task: RenderTask | null = null;
    setRendering(true);
    setFailure((f) => (f === 'render' ? null : f));
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        if (cancelled) return;
        const natural = page.getViewport({ scale: 1 });
        const cssScale = (areaWidth / natural.width) * zoom;
        const css = page.getViewport({ scale: cssScale });
        const ratio = window.devicePixelRatio || 1;
        const outputScale = Math.min(ratio, Math.sqrt(MAX_CANVAS_PIXELS / (css.width * css.height)));
        const viewport = page.getViewport({ scale: cssScale * outputScale });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(css.width)}px`;
        canvas.style.height = `${Math.floor(css.height)}px`;
        task = page.render({ canvas, viewport });
        await task.promise;
        if (cancelled) return;
        setRendered(pageNumber);
        setRendering(false);
      } catch (error) {
        if (cancelled || (error instanceof Error && error.name === 'RenderingCancelledException')) return;
        setFailure('render');
        setRendering(false);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, zoom, areaWidth]);

  const numPages = doc?.numPages ?? 0;
  const go = useCallback((delta: number) => setPageNumber((n) => Math.min(Math.max(1, n + delta), Math.max(1, numPages))), [numPages]);
  const zoomIndex = ZOOMS.findIndex((z) => z === zoom);
  const zoomBy = (step: number) => setZoom(ZOOMS[Math.min(Math.max(0, zoomIndex + step), ZOOMS.length - 1)] ?? 1);

  const fallbacks: ReactNode = (
    <Space size={4} wrap>
      {onOpenInNewWindow ? (
        <Button size="small" icon={<ExportOutlined />} onClick={onOpenInNewWindow} data-testid="evidence-pdf-open">在新窗口打开</Button>
      ) : null}
      <Button size="small" icon={<DownloadOutlined />} href={downloadUrl} download={fileName} data-testid="evidence-pdf-download">下载</Button>
    </Space>
  );

  if (failure && failure !== 'render') {
    return (
      <Alert
        type={failure === 'load' ? 'warning' : 'error'}
        showIcon
        title="无法预览该 PDF"
        description={failureText[failure]}
        action={
          <Space orientation="vertical" size={4}>
            {failure === 'load' ? <Button size="small" onClick={() => setAttempt((n) => n + 1)}>重试</Button> : null}
            {fallbacks}
          </Space>
        }
        data-testid="evidence-pdf-error"
      />
    );
  }

  return (
    <div data-testid="evidence-pdf-viewer">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
        <Space size={4} wrap>
          <Tooltip title="上一页">
            <Button size="small" icon={<LeftOutlined />} disabled={!doc || pageNumber <= 1} onClick={() => go(-1)} aria-label="上一页" data-testid="pdf-prev" />
          </Tooltip>
          <Typography.Text data-testid="pdf-page">
            {doc ? `第 ${pageNumber} / ${numPages} 页` : '正在打开…'}
          </Typography.Text>
          <Tooltip title="下一页">
            <Button size="small" icon={<RightOutlined />} disabled={!doc || pageNumber >= numPages} onClick={() => go(1)} aria-label="下一页" data-testid="pdf-next" />
          </Tooltip>
        </Space>
        <Space size={4} wrap>
          <Tooltip title="缩小">
            <Button size="small" icon={<ZoomOutOutlined />} disabled={!doc || zoomIndex <= 0} onClick={() => zoomBy(-1)} aria-label="缩小" data-testid="pdf-zoom-out" />
          </Tooltip>
          <Tooltip title="适合宽度">
            <Button size="small" disabled={!doc || zoom === 1} onClick={() => setZoom(1)} style={{ minWidth: 64 }} data-testid="pdf-zoom">
              {`${Math.round(zoom * 100)}%`}
            </Button>
          </Tooltip>
          <Tooltip title="放大">
            <Button size="small" icon={<ZoomInOutlined />} disabled={!doc || zoomIndex >= ZOOMS.length - 1} onClick={() => zoomBy(1)} aria-label="放大" data-testid="pdf-zoom-in" />
          </Tooltip>
          {fallbacks}
        </Space>
      </div>
      {failure === 'render' ? (
        <Alert type="error" showIcon title={`第 ${pageNumber} 页无法显示`} description={failureText.render} style={{ marginBottom: 8 }} data-testid="evidence-pdf-error" />
      ) : null}
      <div
        ref={areaRef}
        style={{ height, overflow: 'auto', background: '#f0f2f5', border: '1px solid #f0f0f0', borderRadius: 4, padding: 16, position: 'relative', scrollbarGutter: 'stable' }}
        data-testid="pdf-area"
      >
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`${fileName}，第 ${pageNumber} 页`}
          style={{ display: 'block', margin: '0 auto', background: '#fff', boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}
          data-testid="pdf-canvas"
          data-rendered-page={rendered ?? ''}
        />
        {rendering ? (
          <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Spin />
          </div>
        ) : null}
      </div>
    </div>
  );
}
