/**
 * The signed-in operator's role, for hiding what it may not do. The frame passes it when it can;
 * otherwise it is asked from main once (main checks the role on every call anyway).
 */
import { useEffect, useState } from 'react';
import type { OperatorRole } from '../../../preload/contract';
import { settle, station } from '../../station';

export function useOperatorRole(given: OperatorRole | undefined): OperatorRole | null {
  const [asked, setAsked] = useState<OperatorRole | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let current = true;
    void settle(() => station().session.status()).then((result) => {
      if (current && result.ok) setAsked(result.value.operator?.role ?? null);
    });
    return () => {
      current = false;
    };
  }, [given]);
  return given ?? asked;
}
