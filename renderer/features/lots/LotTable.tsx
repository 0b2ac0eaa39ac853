/**
 * Every lot, newest first: what it is, where it stands (status by word and colour), what it is made
 * on (and, once QA approved it, the frozen configuration's hash), how far it got and its yield.
 */
import type { LotSummary } from '../../../preload/contract/lots';
import { ProgressBar } from '../../components/ProgressBar';
import { LotStatusBadge } from './LotStatusBadge';
import { configurationName, progressText, shortHash, yieldText } from './lotsModel';

interface LotTableProps {
  readonly lots: readonly LotSummary[];
}

export function LotTable({ lots }: LotTableProps) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="lots-table-caption" tabIndex={0}>
      <table className="data-table lot-table" data-testid="lot-table">
        <caption id="lots-table-caption" className="visually-hidden">
          Lots, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Lot</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Configuration</th>
            <th scope="col">Passed</th>
            <th scope="col" className="numeric">
              Failed
            </th>
            <th scope="col" className="numeric">
              Yield
            </th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <LotRow key={lot.id} lot={lot} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LotRow({ lot }: { readonly lot: LotSummary }) {
  const { configuration } = lot;
  return (
    <tr data-testid={`lot-row-${lot.name}`} data-status={lot.status}>
      <th scope="row" className="lot-name">
        <span data-testid="lot-name">{lot.name}</span>
        {lot.notes !== null && lot.notes !== '' && <span className="cell-note">{lot.notes}</span>}
      </th>
      <td data-testid="lot-kind">{lot.kind}</td>
      <td>
        <LotStatusBadge status={lot.status} />
        {lot.decision !== null && (
          <span className="cell-note" data-testid="lot-decision">
            {`by ${lot.decision.operator}`}
            {lot.decision.reason !== null && lot.decision.reason !== '' && `: ${lot.decision.reason}`}
          </span>
        )}
      </td>
      <td data-testid="lot-configuration">
        <span>{configurationName(configuration)}</span>
        <span className={`cell-note config-state config-state-${configuration.status}`} data-testid="lot-configuration-state">
          {configuration.status === 'approved' ? (
            <>
              approved · frozen <code title={configuration.contentHash}>{shortHash(configuration.contentHash)}</code>
            </>
          ) : (
            configuration.status
          )}
        </span>
      </td>
      <td className="lot-progress">
        <span className="lot-progress-text" data-testid="lot-progress">
          {progressText(lot)}
        </span>
        <ProgressBar value={lot.passed} failed={lot.failed} max={lot.quantity} label={`Lot ${lot.name}: devices passed`} />
        {lot.inProgress > 0 && <span className="cell-note">{`${lot.inProgress} in progress`}</span>}
      </td>
      <td className="numeric" data-testid="lot-failed">
        {lot.failed}
      </td>
      <td className="numeric" data-testid="lot-yield">
        {yieldText(lot.yield)}
      </td>
    </tr>
  );
}
