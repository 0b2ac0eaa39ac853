/**
 * QA read-back (PRODUCT.md Workflow step 3): choose a board, read it back, and see every check, the
 * decoded credentials and the comparison with the station's record; main records the inspection.
 * QA inspectors and engineers only (main refuses anyone else). The reading line and the result keep
 * their place, so the page does not jump while a board is read.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { ReadbackProbe, ReadbackView } from '../../../preload/contract/qa';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { settle, station } from '../../station';
import { useOperatorRole } from '../lots/useOperatorRole';
import { ProbeChooser } from './ProbeChooser';
import { ReadbackResult } from './ReadbackResult';
import './qa.css';

export function QaScreen() {
  const role = useOperatorRole(undefined);
  const [probes, setProbes] = useState<ReadbackProbe[] | null>(null);
  const [probeId, setProbeId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<AppErrorInfo | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [result, setResult] = useState<{ view: ReadbackView; probe: string } | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  const mayInspect = role === 'qa' || role === 'engineer';

  useEffect(() => {
    if (!mayInspect) return;
    let current = true;
    void settle(() => station().qa.probes()).then((listed) => {
      if (!current) return;
      if (!listed.ok) {
        setLoadError(listed.error);
        return;
      }
      setLoadError(null);
      setProbes(listed.value);
      // Keep the chosen board while it is listed; otherwise the newest one.
      setProbeId((chosen) => (listed.value.some((probe) => probe.id === chosen) ? chosen : (listed.value[0]?.id ?? null)));
    });
    return () => {
      current = false;
    };
  }, [mayInspect, refreshes]);

  const labelOf = useCallback((id: string) => probes?.find((probe) => probe.id === id)?.label ?? id, [probes]);

  const readBack = useCallback(async () => {
    if (probeId === null || reading !== null) return;
    const label = labelOf(probeId);
    setReading(label);
    setError(null);
    const read = await settle(() => station().qa.readBack({ probeId }));
    setReading(null);
    if (read.ok) setResult({ view: read.value, probe: label });
    else {
      setResult(null);
      setError(read.error);
    }
  }, [probeId, reading, labelOf]);

  if (role !== null && !mayInspect) {
    return (
      <Screen id="qa" title="QA">
        <p className="screen-intro" data-testid="qa-not-allowed">
          Reading boards back for inspection is for QA inspectors and engineers. Sign in as one to use this screen.
        </p>
      </Screen>
    );
  }

  return (
    <Screen id="qa" title="QA">
      <p className="screen-intro">Choose a board and read it back: every check, the decoded credentials and the comparison with the station&apos;s record. Each read-back is recorded as an inspection.</p>
      {loadError !== null && <ErrorPanel error={loadError} />}
      <ProbeChooser probes={probes} probeId={probeId} onProbe={setProbeId} onRefresh={() => setRefreshes((n) => n + 1)} onReadBack={() => void readBack()} busy={reading !== null} />
      <p className="qa-reading" role="status" data-testid="qa-reading">
        {reading !== null ? `Reading back ${reading}… this takes a few seconds.` : result !== null ? `Read back ${result.probe}.` : ''}
      </p>
      {error !== null && <ErrorPanel error={error} />}
      {result !== null && <ReadbackResult view={result.view} />}
    </Screen>
  );
}
