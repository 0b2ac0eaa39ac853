/**
 * A device's label as it prints (QR code, manual pairing code, serial number), drawn by main from
 * the values recorded when the device passed, with Save PNG, Save PDF and Save ZPL. The PNG is
 * rasterised here from the same SVG at the printer's resolution; PDF and ZPL come from main.
 * The image box has a fixed size, so loading, the label and a problem all take the same room.
 * Used under a PASS on the Station screen and in a device's history.
 */
import { useEffect, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { LabelPreview as LabelPreviewValue } from '../../../preload/contract/labels';
import { downloadBlob, saveDownload } from '../../files';
import { settle, station } from '../../station';
import './labels.css';

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly preview: LabelPreviewValue } | { readonly phase: 'failed'; readonly error: AppErrorInfo };
/** What main answered, for which device: an answer for another device reads as still loading. */
type Answer = { readonly deviceId: number; readonly loaded: Loaded };
type Format = 'png' | 'pdf' | 'zpl';
type Outcome = { readonly kind: 'saved'; readonly fileName: string } | { readonly kind: 'failed'; readonly error: AppErrorInfo } | null;

function svgDataUrl(svg: string): string {
  // btoa takes Latin-1 only: encode the document's UTF-8 bytes first (a serial may be non-ASCII).
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** The label as a PNG at its real size in printer dots (mm / 25.4 × dpi), on white. */
async function labelPng(preview: LabelPreviewValue): Promise<Blob> {
  const { dpi } = preview;
  const image = new Image();
  image.src = svgDataUrl(preview.svg);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((preview.widthMm / 25.4) * dpi);
  canvas.height = Math.round((preview.heightMm / 25.4) * dpi);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('the window could not draw the label (no 2D canvas)');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob === null ? reject(new Error('the window could not encode the label as PNG')) : resolve(blob)), 'image/png');
  });
}

function fileNamePart(serialNumber: string): string {
  return serialNumber.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function LabelPreview({ deviceId }: { readonly deviceId: number }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  const [saved, setSaved] = useState<{ readonly deviceId: number; readonly outcome: Outcome } | null>(null);

  useEffect(() => {
    let current = true;
    void settle(() => station().labels.preview({ deviceId })).then((result) => {
      if (current) setAnswer({ deviceId, loaded: result.ok ? { phase: 'ready', preview: result.value } : { phase: 'failed', error: result.error } });
    });
    return () => {
      current = false;
    };
  }, [deviceId]);

  const loaded: Loaded = answer?.deviceId === deviceId ? answer.loaded : { phase: 'loading' };
  const outcome: Outcome = saved?.deviceId === deviceId ? saved.outcome : null;
  const setOutcome = (next: Outcome) => setSaved({ deviceId, outcome: next });
  const preview = loaded.phase === 'ready' ? loaded.preview : null;

  const save = async (format: Format) => {
    if (preview === null || busy !== null) return;
    setBusy(format);
    setOutcome(null);
    if (format === 'png') {
      const fileName = `label-${fileNamePart(preview.serialNumber)}.png`;
      try {
        downloadBlob(await labelPng(preview), fileName);
        setOutcome({ kind: 'saved', fileName });
      } catch (error) {
        setOutcome({ kind: 'failed', error: { code: 'INTERNAL', message: 'The label could not be saved as PNG.', fix: 'Save it as PDF instead, and report the detail.', detail: error instanceof Error ? error.message : String(error) } });
      }
    } else {
      const result = await settle(() => station().labels.export({ deviceId, format }));
      if (result.ok) {
        saveDownload(result.value);
        setOutcome({ kind: 'saved', fileName: result.value.fileName });
      } else {
        setOutcome({ kind: 'failed', error: result.error });
      }
    }
    setBusy(null);
  };

  const name = preview?.serialNumber ?? `device ${deviceId}`;
  const disabled = preview === null || busy !== null;
  return (
    <section className="label-preview" aria-label={`Label for ${name}`} data-testid="label-preview" data-state={loaded.phase}>
      <div className="label-preview-image">
        {loaded.phase === 'loading' && <p className="label-preview-note muted">Drawing the label…</p>}
        {loaded.phase === 'failed' && (
          <p className="label-preview-note label-preview-problem" role="alert" data-testid="label-preview-error" data-code={loaded.error.code}>
            {`${loaded.error.message} ${loaded.error.fix}`}
          </p>
        )}
        {preview !== null && (
          <img
            src={svgDataUrl(preview.svg)}
            alt={`Label for ${preview.serialNumber}: QR code, manual code ${preview.manualCode}, serial number ${preview.serialNumber}`}
            data-testid="label-preview-image"
          />
        )}
      </div>
      <div className="label-preview-actions">
        {(['png', 'pdf', 'zpl'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button button-quiet"
            aria-disabled={disabled}
            onClick={() => void save(format)}
            data-testid={`label-save-${format}`}
          >
            {busy === format ? 'Saving…' : `Save ${format.toUpperCase()}`}
          </button>
        ))}
      </div>
      <p className={`label-preview-outcome${outcome?.kind === 'failed' ? ' label-preview-problem' : ''}`} role="status" data-testid="label-preview-outcome">
        {outcome === null ? '' : outcome.kind === 'saved' ? `Saved ${outcome.fileName}.` : `${outcome.error.message} ${outcome.error.fix}`}
      </p>
    </section>
  );
}
