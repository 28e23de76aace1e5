import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';

// Camera scan with the browser's own BarcodeDetector (Chrome on Android, Edge, …): no scanning
// library is shipped. Where the API or a camera is missing, the 扫码 button is not shown at all.
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect: (source: HTMLVideoElement) => Promise<DetectedBarcode[]> };
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | undefined {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return typeof ctor === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? ctor : undefined;
}

export function useScannerAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (!detectorClass()) return;
    let live = true;
    // A camera must exist too (desktops without one, headless browsers).
    navigator.mediaDevices.enumerateDevices()
      .then((devices) => { if (live) setAvailable(devices.some((d) => d.kind === 'videoinput')); })
      .catch(() => undefined);
    return () => { live = false; };
  }, []);
  return available;
}

export function ScanButton({ onScan }: { onScan: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ScanOutlined />} onClick={() => setOpen(true)} data-testid="verify-scan">
        扫码
      </Button>
      {open ? (
        <ScanModal
          onClose={() => setOpen(false)}
          onScan={(text) => {
            setOpen(false);
            onScan(text);
          }}
        />
      ) : null}
    </>
  );
}

function ScanModal({ onClose, onScan }: { onClose: () => void; onScan: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });

    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const codes = await detector.detect(video.current);
        const hit = codes.find((c) => c.rawValue.trim() !== '');
        if (hit && !stopped) {
          onScanRef.current(hit.rawValue.trim());
          return;
        }
      } catch {
        // A frame not ready yet: try the next one.
      }
      timer = window.setTimeout(() => void tick(), 250);
    };

    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setError('无法打开摄像头，请允许本页使用摄像头，或直接粘贴二维码内容、输入证书号码。'));

    return () => {
      stopped = true;
      if (timer !== undefined) window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <Modal open title="扫描证书二维码" footer={null} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <video ref={video} muted playsInline style={{ width: '100%', background: '#000', borderRadius: 8 }} />
      <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>将证书右下角的二维码置于取景框内，识别后自动核验。</div>
    </Modal>
  );
}
