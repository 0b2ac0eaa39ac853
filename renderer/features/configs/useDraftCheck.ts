/**
 * Main's check of the draft being edited: asked ~300 ms after the last change, one request at a
 * time (a change made while one is out waits for it, and only the newest waiting draft is sent),
 * and an answer for an older draft is dropped, so the problems shown always belong to what is on
 * screen. `current` is false while the draft on screen has not been checked yet: saving waits.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorInfo, ConfigDraft, DraftCheck } from '../../../preload/contract';
import { settle, station } from '../../station';

const DEBOUNCE_MS = 300;

export interface DraftCheckState {
  readonly check: DraftCheck | null;
  /** The check answers the draft now on screen. */
  readonly current: boolean;
  readonly error: AppErrorInfo | null;
}

interface Answer {
  readonly check: DraftCheck | null;
  /** The draft the check answers (by identity); null after a failed check. */
  readonly checked: ConfigDraft | null;
  readonly error: AppErrorInfo | null;
}

export function useDraftCheck(draft: ConfigDraft): DraftCheckState {
  const [answer, setAnswer] = useState<Answer>({ check: null, checked: null, error: null });
  const latest = useRef(0);
  const inFlight = useRef(false);
  const waiting = useRef<{ draft: ConfigDraft; sequence: number } | null>(null);
  const mounted = useRef(true);

  const drain = useCallback(async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    for (let next = waiting.current; next !== null; next = waiting.current) {
      waiting.current = null;
      const { draft: checked, sequence } = next;
      const result = await settle(() => station().configs.check({ draft: checked }));
      if (!mounted.current) break;
      if (sequence !== latest.current) continue;
      setAnswer((previous) => (result.ok ? { check: result.value, checked, error: null } : { check: previous.check, checked: null, error: result.error }));
    }
    inFlight.current = false;
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    latest.current += 1;
    const sequence = latest.current;
    const timer = setTimeout(() => {
      waiting.current = { draft, sequence };
      void drain();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, drain]);

  return { check: answer.check, current: answer.checked === draft, error: answer.error };
}
