/**
 * The run this window shows: subscribes to the station's pushed events first, then asks main
 * whether a run is already going on (a window opened mid-run attaches to it), and offers start and
 * cancel. Every answer is a Result; a refused start or cancel is kept as the error to show.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import { settle, station } from '../../station';
import { applyEvent, isLive, withRun, type RunView, type StationEvent } from './stationModel';

export interface StationRun {
  readonly view: RunView | null;
  /** True from pressing Start until main answers. */
  readonly starting: boolean;
  readonly cancelling: boolean;
  readonly error: AppErrorInfo | null;
  readonly start: (lotId: number, probeIds: readonly string[], handsFree?: boolean) => Promise<boolean>;
  readonly cancel: () => void;
}

export function useStationRun(): StationRun {
  const [view, setView] = useState<RunView | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);

  // Subscribe first, then read: an event that lands while `current` is answered is not lost.
  useEffect(() => {
    const api = station();
    const apply = (event: StationEvent) => setView((current) => applyEvent(current, event));
    const unsubscribe = [
      api.on('station.deviceStarted', (payload) => apply({ kind: 'deviceStarted', ...payload })),
      api.on('station.step', (payload) => apply({ kind: 'step', ...payload })),
      api.on('station.progress', (payload) => apply({ kind: 'progress', ...payload })),
      api.on('station.deviceFinished', (payload) => apply({ kind: 'deviceFinished', ...payload })),
      api.on('station.runFinished', (payload) => {
        apply({ kind: 'runFinished', ...payload });
        setCancelling(false);
      }),
    ];
    let current = true;
    void settle(() => api.station.current()).then((result) => {
      if (!current) return;
      if (!result.ok) setError(result.error);
      else if (result.value !== null) {
        const run = result.value;
        setView((shown) => withRun(shown, run));
      }
    });
    return () => {
      current = false;
      for (const off of unsubscribe) off();
    };
  }, []);

  const start = useCallback(async (lotId: number, probeIds: readonly string[], handsFree = false) => {
    setStarting(true);
    setError(null);
    const result = await settle(() => station().station.start({ lotId, probeIds: [...probeIds], handsFree }));
    setStarting(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const run = result.value;
    setView((shown) => withRun(shown !== null && shown.runId === run.runId ? shown : null, run));
    return true;
  }, []);

  const runId = view !== null && isLive(view) ? view.runId : null;
  const cancel = useCallback(() => {
    if (runId === null) return;
    setCancelling(true);
    void settle(() => station().station.cancel({ runId })).then((result) => {
      if (!result.ok) {
        setError(result.error);
        setCancelling(false);
      }
    });
  }, [runId]);

  return { view, starting, cancelling, error, start, cancel };
}
