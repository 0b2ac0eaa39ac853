/**
 * The run screen: choose a lot and probes and start; one panel per probe in the run with the device
 * on it, its steps and the last result as the biggest thing; cancel while it runs, retry when it has
 * ended; and the run's summary. A window opened mid-run attaches to the run going on.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { LotSummary } from '../../../preload/contract/lots';
import type { ProbeInfo } from '../../../preload/contract/station';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { settle, station } from '../../station';
import { mergeLot, sortLots } from '../lots/lotsModel';
import { BenchControls } from './BenchControls';
import { ProbePanel } from './ProbePanel';
import { RunSummary } from './RunSummary';
import { runnableLots, StartPanel } from './StartPanel';
import { emptyProbe, isLive } from './stationModel';
import { useBenchWaiting } from './useBenchWaiting';
import { useStationRun } from './useStationRun';

export function StationScreen() {
  const run = useStationRun();
  const [lots, setLots] = useState<LotSummary[]>([]);
  const [probes, setProbes] = useState<ProbeInfo[]>([]);
  const [loadError, setLoadError] = useState<AppErrorInfo | null>(null);
  const [lotId, setLotId] = useState<number | null>(null);
  const [probeIds, setProbeIds] = useState<string[]>([]);
  const [handsFree, setHandsFree] = useState(false);
  const benchWaiting = useBenchWaiting();
  const [probesRead, setProbesRead] = useState(0);

  const live = isLive(run.view);
  const finishedRunId = run.view?.finished?.runId ?? null;
  const actionsRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLDivElement>(null);

  // Starting disables the start panel and ending removes Cancel, which would drop the keyboard's
  // focus on the page; it moves to the button that acts next (Cancel, then Retry or Start).
  const shownLive = useRef(live);
  useEffect(() => {
    if (shownLive.current === live) return;
    shownLive.current = live;
    const active = document.activeElement;
    const lost = active === null || active === document.body || startRef.current?.contains(active) === true || actionsRef.current?.contains(active) === true;
    if (!lost) return;
    const next = actionsRef.current?.querySelector<HTMLElement>('button') ?? startRef.current?.querySelector<HTMLElement>('[data-testid="station-start-button"]');
    next?.focus();
  }, [live]);

  useEffect(() => station().on('lots.changed', (lot) => setLots((current) => sortLots(mergeLot(current, lot)))), []);

  useEffect(() => {
    let current = true;
    void settle(() => station().lots.list()).then((result) => {
      if (!current) return;
      if (result.ok) setLots(sortLots(result.value));
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [finishedRunId]);

  // Read again when a run starts or ends: the probes' state (busy, idle) changes with it.
  useEffect(() => {
    let current = true;
    void settle(() => station().station.probes()).then((result) => {
      if (!current) return;
      if (result.ok) setProbes(result.value);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [live, finishedRunId, probesRead]);

  // A board finished on a bench changes what the bench shows (worked on).
  useEffect(() => station().on('station.deviceFinished', () => setProbesRead((count) => count + 1)), []);
  const probeChanged = useCallback((changed: ProbeInfo) => setProbes((current) => current.map((probe) => (probe.id === changed.id ? changed : probe))), []);

  const runnable = useMemo(() => runnableLots(lots), [lots]);
  // The chosen lot, or the first that can run when none is chosen (or the chosen one cannot run any more).
  const chosenLot = runnable.find((lot) => lot.id === lotId) ?? runnable[0] ?? null;

  const problem = chosenLot === null ? 'No lot can run now: an engineer makes one on the Lots screen.' : probeIds.length === 0 ? 'Tick at least one probe to run the lot on.' : null;

  const onStart = useCallback(() => {
    if (chosenLot === null || probeIds.length === 0 || live || run.starting) return;
    void run.start(chosenLot.id, probeIds, handsFree);
  }, [chosenLot, probeIds, live, run, handsFree]);

  const shownRun = run.view?.run ?? null;
  const onRetry = () => {
    if (shownRun === null || live || run.starting) return;
    setLotId(shownRun.lotId);
    setProbeIds([...shownRun.probeIds]);
    void run.start(shownRun.lotId, shownRun.probeIds, shownRun.handsFree);
  };

  const view = run.view;
  // A run this window attached to (or started) shows its own lot and probes as the choice, so the
  // start panel says what is running and Start afterwards means the same again.
  const attachedRun = view?.run ?? null;
  const [choiceRunId, setChoiceRunId] = useState<number | null>(null);
  if (attachedRun !== null && attachedRun.runId !== choiceRunId) {
    setChoiceRunId(attachedRun.runId);
    setLotId(attachedRun.lotId);
    setProbeIds([...attachedRun.probeIds]);
  }
  const panelIds = view === null ? [] : [...new Set([...(view.run?.probeIds ?? []), ...Object.keys(view.probes)])];
  const runLotId = view?.run?.lotId ?? view?.finished?.lotId ?? null;
  const runLot = lots.find((lot) => lot.id === runLotId) ?? null;
  const lotName = view?.run?.lotName ?? runLot?.name ?? '';
  const probeLabel = (id: string) => probes.find((probe) => probe.id === id)?.label ?? id;

  return (
    <Screen id="station" title="Station">
      <p className="screen-intro">Choose a lot and the probes to run it on, then Start. Each probe shows its device, its steps and the last result.</p>
      {loadError !== null && <ErrorPanel error={loadError} />}

      <div ref={startRef}>
        <StartPanel
          lots={runnable}
          probes={probes}
          lotId={chosenLot?.id ?? null}
          probeIds={probeIds}
          onLot={setLotId}
          onProbes={setProbeIds}
          onStart={onStart}
          busy={live || run.starting}
          problem={problem}
          handsFree={handsFree}
          onHandsFree={setHandsFree}
        />
      </div>

      <BenchControls probes={probes} waiting={benchWaiting} onChanged={probeChanged} />

      <div className="station-run-actions" ref={actionsRef}>
        {live && (
          <button type="button" className="button button-reject" data-testid="station-cancel" onClick={run.cancelling ? undefined : run.cancel} aria-disabled={run.cancelling}>
            {run.cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
        {/* Retry only where it can do something: the last run ended before its lot was complete. */}
        {!live && shownRun !== null && view?.finished?.complete !== true && (
          <button type="button" className="button button-quiet station-retry" data-testid="station-retry" onClick={onRetry} aria-disabled={run.starting}>
            {`Retry lot ${shownRun.lotName} on ${shownRun.probeIds.join(', ')}`}
          </button>
        )}
      </div>

      {run.error !== null && <ErrorPanel error={run.error} />}

      <section aria-labelledby="station-run-title">
        <h2 id="station-run-title" className="section-heading">
          Run
        </h2>
        <RunSummary lotName={lotName} quantity={runLot?.quantity ?? null} finished={view?.finished ?? null} live={live} />
        <div className="probe-panels">
          {panelIds.map((id) => (
            <ProbePanel key={id} probe={view?.probes[id] ?? emptyProbe(id)} label={probeLabel(id)} />
          ))}
        </div>
      </section>
    </Screen>
  );
}
