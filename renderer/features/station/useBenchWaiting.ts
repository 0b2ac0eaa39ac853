/**
 * What each bench probe of a hands-free run waits for: the next board, or the finished one to be
 * taken off. Cleared when a device starts on the probe or the run ends.
 */
import { useEffect, useState } from 'react';
import { station } from '../../station';

export type BenchWait = 'board' | 'removal';

export function useBenchWaiting(): Readonly<Record<string, BenchWait>> {
  const [waiting, setWaiting] = useState<Readonly<Record<string, BenchWait>>>({});
  useEffect(() => {
    const api = station();
    const clear = (probeId: string) =>
      setWaiting((current) => {
        if (!(probeId in current)) return current;
        const next = { ...current };
        delete next[probeId];
        return next;
      });
    const offs = [
      api.on('station.waiting', ({ probeId, waitingFor }) => setWaiting((current) => ({ ...current, [probeId]: waitingFor }))),
      api.on('station.deviceStarted', ({ probeId }) => clear(probeId)),
      api.on('station.runFinished', () => setWaiting({})),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, []);
  return waiting;
}
