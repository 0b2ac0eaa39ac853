/**
 * One probe's share of a lot: allocate, provision the board, and again, until the lot needs no more
 * devices, the probe has no next board, or the job is cancelled. It runs inside a probe worker
 * process (worker/probeWorker.ts) with an RPC ledger, or in process with the station's own.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { TrustStore } from '../../matter/certificates';
import { prepareDacIssuer } from '../../matter/dac';
import type { BoardSource } from '../boards';
import { provisionDevice, type DeviceJobResult } from './provisionDevice';
import type { DeviceJobSpec, DeviceLedger, PipelineEvent } from './types';

export interface ProbeJobOptions {
  readonly spec: DeviceJobSpec;
  readonly boards: BoardSource;
  readonly ledger: DeviceLedger;
  readonly emit: (event: PipelineEvent) => void;
  readonly signal: AbortSignal;
  readonly clock?: () => Date;
}

/** The spec's PAAs were checked when the configuration was loaded; an empty store here is a bug upstream. */
export function trustStoreOf(paas: readonly Uint8Array[]): Result<TrustStore> {
  const store = TrustStore.fromCertificates(paas);
  if (store.size === 0) return failure('STATION_STEP_CRASHED', `the job's trust store holds no usable PAA${store.rejected.length > 0 ? ` (${store.rejected.map((r) => `${r.source}: ${r.reason}`).join('; ')})` : ''}`);
  return success(store);
}

export async function runProbeJob(options: ProbeJobOptions): Promise<Result<DeviceJobResult[]>> {
  const { spec, boards, ledger } = options;
  const issuer = prepareDacIssuer(spec.paiCertificate, spec.paiKey);
  if (!issuer.ok) return issuer;
  const trustStore = trustStoreOf(spec.trustedPaas);
  if (!trustStore.ok) return trustStore;
  const results: DeviceJobResult[] = [];
  while (!options.signal.aborted && boards.hasMore()) {
    // Hands-free: nothing is allocated until a board is there, so waiting leaves no record behind.
    if (boards.waitForBoard !== undefined) {
      const more = await ledger.needsMore();
      if (!more.ok) return more;
      if (!more.value) break;
      const ready = await boards.waitForBoard(options.signal, (waitingFor) => options.emit({ type: 'waiting', probe: boards.probe, waitingFor }));
      if (!ready.ok) {
        if (options.signal.aborted) break;
        return ready;
      }
    }
    const allocation = await ledger.allocate({ probe: boards.probe });
    if (!allocation.ok) return allocation;
    if (allocation.value === null) break;
    const result = await provisionDevice(
      {
        spec,
        issuer: issuer.value,
        trustStore: trustStore.value,
        ledger,
        probe: boards.probe,
        emit: options.emit,
        signal: options.signal,
        clock: options.clock ?? (() => new Date()),
        connect: (signal, timeoutMs) => boards.connect(signal, timeoutMs),
      },
      allocation.value,
    );
    results.push(result);
  }
  return success(results);
}
