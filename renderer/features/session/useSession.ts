/**
 * Who is signed in in this window, as main says: asked once on open (and again on "Try again"),
 * then changed only by what the sign-in, first-run and sign-out calls answer.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorInfo, Result, SignedInOperator } from '../../../preload/contract';
import { settle, station } from '../../station';

export type SessionState =
  | { readonly phase: 'checking' }
  | { readonly phase: 'unavailable'; readonly error: AppErrorInfo }
  | { readonly phase: 'firstRun' }
  | { readonly phase: 'signedOut' }
  | { readonly phase: 'signedIn'; readonly operator: SignedInOperator };

export interface Session {
  readonly state: SessionState;
  /** The sign-in or first-run form got an operator back from main. */
  readonly signedIn: (operator: SignedInOperator) => void;
  readonly signOut: () => Promise<Result<null>>;
  /** Ask main again, e.g. after the status could not be read. */
  readonly recheck: () => void;
}

export function useSession(connected: boolean): Session {
  const [state, setState] = useState<SessionState>({ phase: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void settle(() => station().session.status()).then((result) => {
      if (!current) return;
      if (!result.ok) setState({ phase: 'unavailable', error: result.error });
      else if (result.value.operator !== null) setState({ phase: 'signedIn', operator: result.value.operator });
      else setState({ phase: result.value.firstRun ? 'firstRun' : 'signedOut' });
    });
    return () => {
      current = false;
    };
  }, [connected, attempt]);

  const signedIn = useCallback((operator: SignedInOperator) => setState({ phase: 'signedIn', operator }), []);

  const signOut = useCallback(async () => {
    const result = await settle(() => station().session.signOut());
    if (result.ok) setState({ phase: 'signedOut' });
    return result;
  }, []);

  const recheck = useCallback(() => {
    setState({ phase: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, signedIn, signOut, recheck };
}
