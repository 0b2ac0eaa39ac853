/**
 * One device as the station recorded it: its values, its label when it passed, every attempt with
 * its steps (state in words, symbol and colour, and time), and QA's inspections. Its heading takes
 * focus when a device opens, so keyboard and screen-reader users land on what they asked for. The
 * parent keys it by device, so opening another device starts it afresh (loading).
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { DeviceDetail } from '../../../preload/contract/history';
import { ErrorPanel } from '../../components/ErrorPanel';
import { settle, station } from '../../station';
import { LabelPreview } from '../labels/LabelPreview';
import { durationText, hexId, resultLook, stepName, timeText } from './historyModel';
import { ResultBadge } from './ResultBadge';

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly value: DeviceDetail } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

export function DeviceDetailPanel({ deviceId }: { readonly deviceId: number }) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    void settle(() => station().history.device({ id: deviceId })).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { phase: 'ready', value: result.value } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [deviceId]);

  return (
    <div className="panel history-detail" data-testid="history-detail">
      {loaded.phase === 'loading' && (
        <p className="muted" role="status">
          Reading the device’s records…
        </p>
      )}
      {loaded.phase === 'failed' && <ErrorPanel error={loaded.error} />}
      {loaded.phase === 'ready' && <Detail detail={loaded.value} />}
    </div>
  );
}

function Detail({ detail }: { readonly detail: DeviceDetail }) {
  const { device } = detail;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Once, when the device's records have arrived.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <>
      <h3 className="history-detail-title" tabIndex={-1} ref={headingRef} data-testid="history-detail-title">
        {`Device ${device.serialNumber}`} <ResultBadge result={device.status} testId="history-detail-status" />
      </h3>
      <dl className="history-facts" data-testid="history-detail-facts">
        <Fact term="Lot" value={device.lotName} />
        <Fact term="EUI-64" value={device.eui64} code />
        <Fact term="DAC serial" value={device.dacSerial} code />
        <Fact term="QR payload" value={device.qrPayload} code />
        <Fact term="Manual code" value={device.manualCode} code />
        <Fact term="Discriminator" value={device.discriminator === null ? null : String(device.discriminator)} />
        <Fact term="VID / PID" value={`${hexId(device.vendorId)} / ${hexId(device.productId)}`} />
        <Fact term="Created" value={timeText(device.createdAt)} />
        <Fact term="Updated" value={timeText(device.updatedAt)} />
      </dl>
      {device.status === 'passed' && (
        <div className="history-label">
          <LabelPreview deviceId={device.id} />
        </div>
      )}

      <h4 className="history-subheading">Attempts</h4>
      {detail.attempts.length === 0 ? (
        <p className="muted">No attempt has started on this device.</p>
      ) : (
        <ol className="history-attempts" data-testid="history-attempts">
          {detail.attempts.map((attempt, index) => (
            <li key={attempt.id} className="history-attempt" data-testid="history-attempt" data-result={attempt.result}>
              <p className="history-attempt-head">
                <strong>{`Attempt ${index + 1}`}</strong> <ResultBadge result={attempt.result} testId="history-attempt-result" />
                <span className="cell-note">
                  {`${timeText(attempt.startedAt)} · probe ${attempt.probe} · ${attempt.operator ?? 'no operator (command line)'}`}
                </span>
              </p>
              {attempt.reason !== null && (
                <p className="history-attempt-reason" data-testid="history-attempt-reason">
                  {attempt.reason}
                </p>
              )}
              <ol className="step-list" aria-label={`Attempt ${index + 1}: steps`} data-testid="history-steps">
                {attempt.steps.map((step, stepIndex) => {
                  const look = resultLook(step.result);
                  return (
                    <li key={`${stepIndex}-${step.step}`} className={`step step-${step.result}`} data-testid={`history-step-${step.step}`} data-state={step.result}>
                      <span className="step-symbol" aria-hidden="true">
                        {look.symbol}
                      </span>
                      <span className="step-name">
                        {stepName(step.step)}
                        {step.detail !== null && step.detail !== '' && <span className="cell-note">{step.detail}</span>}
                      </span>
                      <span className="step-state">{look.text}</span>
                      <span className="step-ms">{durationText(step.ms)}</span>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      )}

      <h4 className="history-subheading">Inspections</h4>
      {detail.inspections.length === 0 ? (
        <p className="muted" data-testid="history-inspections-none">
          QA has not read this device back.
        </p>
      ) : (
        <ul className="history-inspections" data-testid="history-inspections">
          {detail.inspections.map((inspection) => (
            <li key={inspection.id}>
              <ResultBadge result={inspection.result} /> {`${timeText(inspection.at)} · probe ${inspection.probe} · ${inspection.operator ?? 'no operator'}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Fact({ term, value, code = false }: { readonly term: string; readonly value: string | null; readonly code?: boolean }) {
  return (
    <div className="history-fact">
      <dt>{term}</dt>
      <dd>{value === null ? '—' : code ? <code>{value}</code> : value}</dd>
    </div>
  );
}
