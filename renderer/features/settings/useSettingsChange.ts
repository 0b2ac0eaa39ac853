/**
 * One engineer's change in Settings: sends it once (a second press while it runs does nothing),
 * hands the settings main answers with to the screen, and keeps the sentence saying it is done or
 * main's refusal for the section to show in the room it keeps for them.
 */
import { useState } from 'react';
import type { AppErrorInfo, Result } from '../../../preload/contract';
import type { StationSettings } from '../../../preload/contract/settings';
import { settle } from '../../station';

export interface SettingsChange {
  readonly busy: boolean;
  readonly error: AppErrorInfo | null;
  readonly done: string | null;
  /** True when main accepted it. */
  run(call: () => Promise<Result<StationSettings>>, doneText: (settings: StationSettings) => string): Promise<boolean>;
  clear(): void;
}

export function useSettingsChange(onChanged: (settings: StationSettings) => void): SettingsChange {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    done,
    async run(call, doneText) {
      if (busy) return false;
      setBusy(true);
      setDone(null);
      const result = await settle(call);
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      setError(null);
      setDone(doneText(result.value));
      onChanged(result.value);
      return true;
    },
    clear() {
      setError(null);
      setDone(null);
    },
  };
}
