/**
 * The last device's result, the biggest thing in its probe's panel: PASS with the serial, QR payload
 * and manual code, or FAIL with the catalogue's one sentence and the reason, the rest (what to do,
 * code, step, device state) one click away. The box keeps its room before a result arrives, so
 * nothing below it moves. Under it, the room of the label preview, filled after a PASS with that
 * device's label (QR, manual code, serial) and its Save PNG / PDF / ZPL buttons.
 */
import { LabelPreview } from '../labels/LabelPreview';
import type { LastResult } from './stationModel';
import { durationText, stepLabel } from './stationModel';

export function DeviceResult({ last, probeId }: { readonly last: LastResult | null; readonly probeId: string }) {
  const label =
    last?.outcome.result === 'pass' ? (
      <LabelPreview key={last.deviceId} deviceId={last.deviceId} />
    ) : (
      <p className="device-label-slot-note">{last === null ? 'The label of a device that passes shows here.' : `No label: ${last.serialNumber} did not pass.`}</p>
    );
  return (
    <div className="device-result-area">
      <ResultBox last={last} probeId={probeId} />
      <div className="device-label-slot" data-testid="device-label-slot">
        {label}
      </div>
    </div>
  );
}

function ResultBox({ last, probeId }: { readonly last: LastResult | null; readonly probeId: string }) {
  if (last === null) {
    return (
      <div className="device-result device-result-none" data-testid="device-result" data-result="none" role="status" aria-label={`${probeId}: last result`}>
        <p className="device-result-word">—</p>
        <p className="device-result-line muted">No device finished on this probe yet.</p>
      </div>
    );
  }
  const { outcome } = last;
  switch (outcome.result) {
    case 'pass':
      return (
        <div className="device-result device-result-pass" data-testid="device-result" data-result="pass" role="status" aria-label={`${probeId}: last result`}>
          <p className="device-result-word">
            <span aria-hidden="true">✓ </span>PASS
          </p>
          <dl className="device-result-facts">
            <dt>Serial</dt>
            <dd data-testid="device-result-serial">{last.serialNumber}</dd>
            <dt>QR payload</dt>
            <dd>
              <code data-testid="device-result-qr">{outcome.qrPayload}</code>
            </dd>
            <dt>Manual code</dt>
            <dd>
              <code data-testid="device-result-manual">{outcome.manualCode}</code>
            </dd>
          </dl>
          <p className="device-result-line muted">{`Done in ${durationText(last.ms)}.`}</p>
        </div>
      );
    case 'fail':
      return (
        <div className="device-result device-result-fail" data-testid="device-result" data-result="fail" data-code={outcome.code} role="alert">
          <p className="device-result-word">
            <span aria-hidden="true">✕ </span>FAIL
          </p>
          <p className="device-result-message" data-testid="device-result-message">
            {outcome.message}
          </p>
          <p className="device-result-line" data-testid="device-result-reason">
            {`${last.serialNumber} failed at “${stepLabel[outcome.step]}” (${outcome.step}): ${outcome.reason}`}
          </p>
          <details className="detail-toggle">
            <summary>Show detail</summary>
            <dl className="detail-list" data-testid="device-result-detail">
              <dt>What to do</dt>
              <dd data-testid="device-result-fix">{outcome.fix}</dd>
              <dt>Error code</dt>
              <dd>
                <code>{outcome.code}</code>
              </dd>
              <dt>Step</dt>
              <dd>{outcome.step}</dd>
              <dt>Device state</dt>
              <dd>{outcome.deviceState}</dd>
            </dl>
          </details>
        </div>
      );
    case 'cancelled':
      return (
        <div className="device-result device-result-cancelled" data-testid="device-result" data-result="cancelled" role="status" aria-label={`${probeId}: last result`}>
          <p className="device-result-word">CANCELLED</p>
          <p className="device-result-line" data-testid="device-result-reason">
            {`${last.serialNumber} was stopped at “${stepLabel[outcome.step]}”. Device state: ${outcome.deviceState}.`}
          </p>
        </div>
      );
  }
}
