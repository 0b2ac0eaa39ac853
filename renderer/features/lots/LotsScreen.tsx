/**
 * Lots: every lot with its status, progress and yield (read again when the screen opens and kept
 * current by `lots.changed`), the form that makes one (engineers), and the decision on sample lots
 * awaiting QA (QA). Main refuses whatever the role may not do; this screen only hides it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorInfo, OperatorRole } from '../../../preload/contract';
import type { ConfigurationSummary, LotSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { settle, station } from '../../station';
import { CreateLotForm } from './CreateLotForm';
import { LotTable } from './LotTable';
import { awaitsDecision, mergeConfiguration, mergeLot, sortLots, statusLabel } from './lotsModel';
import { QaDecision } from './QaDecision';
import { useOperatorRole } from './useOperatorRole';

interface LotsScreenProps {
  /** The signed-in operator's role; asked from main when the frame does not pass it. */
  readonly role?: OperatorRole;
}

type Loaded<T> = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly value: T } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

export function LotsScreen({ role: givenRole }: LotsScreenProps) {
  const role = useOperatorRole(givenRole);
  const [lots, setLots] = useState<Loaded<LotSummary[]>>({ phase: 'loading' });
  const [configurations, setConfigurations] = useState<ConfigurationSummary[]>([]);
  const [configurationError, setConfigurationError] = useState<AppErrorInfo | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const decidedRef = useRef<HTMLParagraphElement>(null);

  const merge = useCallback((lot: LotSummary) => {
    setLots((current) => (current.phase === 'ready' ? { phase: 'ready', value: mergeLot(current.value, lot) } : current));
    setConfigurations((current) => mergeConfiguration(current, lot.configuration));
  }, []);

  // Subscribe first, then read: an event that lands while the list loads is merged after it.
  useEffect(() => station().on('lots.changed', merge), [merge]);

  useEffect(() => {
    let current = true;
    void settle(() => station().lots.list()).then((result) => {
      if (!current) return;
      setLots(result.ok ? { phase: 'ready', value: sortLots(result.value) } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, []);

  const engineer = role === 'engineer';
  useEffect(() => {
    if (!engineer) return;
    let current = true;
    void settle(() => station().lots.configurations()).then((result) => {
      if (!current) return;
      if (result.ok) setConfigurations(result.value);
      setConfigurationError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [engineer]);

  const onDecided = (lot: LotSummary) => {
    merge(lot);
    setDecided(`Lot ${lot.name} ${statusLabel[lot.status]}.`);
    // The decision card goes away with the lot's new status; focus moves to the sentence saying so.
    requestAnimationFrame(() => decidedRef.current?.focus());
  };

  const awaiting = lots.phase === 'ready' ? lots.value.filter(awaitsDecision) : [];

  return (
    <Screen id="lots" title="Lots">
      <p className="screen-intro">{intro(role)}</p>

      {engineer && (
        <section aria-labelledby="lots-create-title">
          <h2 id="lots-create-title" className="section-heading">
            New lot
          </h2>
          {configurationError !== null ? <ErrorPanel error={configurationError} /> : <CreateLotForm configurations={configurations} onCreated={merge} />}
        </section>
      )}

      {role === 'qa' && (
        <section aria-labelledby="lots-qa-title">
          <h2 id="lots-qa-title" className="section-heading">
            Awaiting QA decision
          </h2>
          <p className="outcome-line" role="status" tabIndex={-1} ref={decidedRef} data-testid="lot-decided">
            {decided}
          </p>
          {awaiting.length === 0 ? (
            <p className="muted" data-testid="lot-decision-none">
              No sample lot is waiting for a decision.
            </p>
          ) : (
            <div className="lot-decisions">
              {awaiting.map((lot) => (
                <QaDecision key={lot.id} lot={lot} onDecided={onDecided} />
              ))}
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="lots-list-title">
        <h2 id="lots-list-title" className="section-heading">
          All lots
        </h2>
        <LotList lots={lots} />
      </section>
    </Screen>
  );
}

function intro(role: OperatorRole | null): string {
  switch (role) {
    case 'engineer':
      return 'Make a sample lot on a new configuration for QA to approve, then production lots on the approved one.';
    case 'qa':
      return 'Approve or reject sample lots once they have run; approving freezes their configuration.';
    default:
      return 'The lots on this station, with their progress and yield.';
  }
}

function LotList({ lots }: { readonly lots: Loaded<LotSummary[]> }) {
  switch (lots.phase) {
    case 'loading':
      return (
        <p className="muted" role="status" data-testid="lots-loading">
          Reading the lots…
        </p>
      );
    case 'failed':
      return <ErrorPanel error={lots.error} />;
    case 'ready':
      return lots.value.length === 0 ? (
        <p className="panel empty-state" data-testid="lots-empty">
          No lots yet. An engineer makes the first one: a sample lot on a saved configuration.
        </p>
      ) : (
        <LotTable lots={lots.value} />
      );
  }
}
