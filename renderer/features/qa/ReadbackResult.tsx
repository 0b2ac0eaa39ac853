/**
 * One read-back, as an inspector reads it: PASS or FAIL as the biggest thing, every check with its
 * result by word, symbol and colour, the record compared field by field (a mismatch marked in words
 * too), the decoded DAC, PAI and CD, the commissioning values, the onboarding codes and the lock, and
 * which inspection was recorded. Approving the lot stays on the Lots screen.
 */
import { Fragment } from 'react';
import type { ReadbackView } from '../../../preload/contract/qa';
import { sectionHref } from '../../router';
import { checkCounts, checkLabel, checkStatusText, localTime } from './qaModel';

type Row = ReadbackView['dac'][number];

function Facts({ title, rows, testId }: { readonly title: string; readonly rows: readonly Row[]; readonly testId: string }) {
  const id = `qa-${testId}-title`;
  return (
    <section className="panel qa-facts" aria-labelledby={id} data-testid={`qa-${testId}`}>
      <h3 id={id} className="qa-facts-title">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="empty-state">Nothing could be read.</p>
      ) : (
        <dl className="facts">
          {rows.map((row) => (
            <Fragment key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

export function ReadbackResult({ view }: { readonly view: ReadbackView }) {
  const { record, inspection } = view;
  const mismatches = record.comparison.filter((row) => !row.match).length;
  return (
    <div className="qa-result" data-testid="qa-result">
      <div className={`device-result qa-verdict ${view.passed ? 'device-result-pass' : 'device-result-fail'}`} data-testid="qa-verdict" data-result={view.passed ? 'pass' : 'fail'} role="status">
        <p className="device-result-word">
          <span aria-hidden="true">{view.passed ? '✓ ' : '✕ '}</span>
          {view.passed ? 'PASS' : 'FAIL'}
        </p>
        <p className="device-result-message">{`${record.serialNumber} in lot ${record.lotName}${view.eui64 === null ? '' : ` · EUI-64 ${view.eui64}`}`}</p>
        <p className="device-result-line">{`${checkCounts(view.checks)}; ${mismatches === 0 ? 'every recorded value matches' : `${mismatches} recorded value${mismatches === 1 ? '' : 's'} differ`}.`}</p>
        <p className="device-result-line" data-testid="qa-inspection">
          {inspection === null ? 'No inspection was recorded.' : `Inspection #${inspection.id} recorded at ${localTime(inspection.at)} by ${inspection.operator}.`}
        </p>
      </div>
      <p className="qa-next" data-testid="qa-next">
        {`To approve or reject sample lot ${record.lotName}, go to the `}
        <a href={sectionHref('lots')}>Lots screen</a>
        {'.'}
      </p>

      <h2 className="section-heading" id="qa-checks-title">
        Checks
      </h2>
      <div className="table-scroll">
        <table className="data-table qa-checks" data-testid="qa-checks" aria-labelledby="qa-checks-title">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">What was found</th>
            </tr>
          </thead>
          <tbody>
            {view.checks.map((check) => (
              <tr key={check.name} data-testid={`qa-check-${check.name}`} data-status={check.status}>
                <th scope="row">
                  {checkLabel(check.name)}
                  <span className="cell-note">{check.name}</span>
                </th>
                <td className={`qa-status qa-status-${check.status}`}>
                  <span aria-hidden="true">{`${checkStatusText[check.status].symbol} `}</span>
                  {checkStatusText[check.status].word}
                </td>
                <td>{check.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="section-heading" id="qa-comparison-title">
        {`Compared with the station's record (device ${record.status.replace('_', ' ')})`}
      </h2>
      <div className="table-scroll">
        <table className="data-table qa-comparison" data-testid="qa-comparison" aria-labelledby="qa-comparison-title">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Recorded</th>
              <th scope="col">On the board</th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {record.comparison.map((row) => (
              <tr key={row.field} className={row.match ? undefined : 'qa-mismatch'} data-testid="qa-comparison-row" data-match={row.match}>
                <th scope="row">{row.field}</th>
                <td className="qa-value">{row.recorded}</td>
                <td className="qa-value">{row.onBoard}</td>
                <td className={row.match ? 'qa-status qa-status-pass' : 'qa-status qa-status-fail'}>
                  <span aria-hidden="true">{row.match ? '✓ ' : '✕ '}</span>
                  {row.match ? 'matches' : 'DIFFERS'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="section-heading">Label and lock</h2>
      <div className="panel qa-facts" data-testid="qa-onboarding">
        <dl className="facts">
          <dt>QR payload</dt>
          <dd>
            <code data-testid="qa-qr">{view.onboarding.qrPayload ?? 'none on record'}</code>
          </dd>
          <dt>Manual code</dt>
          <dd>
            <code data-testid="qa-manual">{view.onboarding.manualCode ?? 'none on record'}</code>
          </dd>
          <dt>Debug lock</dt>
          <dd data-testid="qa-lock">{view.lockState}</dd>
        </dl>
      </div>

      <h2 className="section-heading">Decoded from the board</h2>
      <div className="qa-facts-grid">
        <Facts title="Device Attestation Certificate (DAC)" rows={view.dac} testId="dac" />
        <Facts title="Product Attestation Intermediate (PAI)" rows={view.pai} testId="pai" />
        <Facts title="Certification Declaration (CD)" rows={view.cd} testId="cd" />
        <Facts title="Commissioning values" rows={view.commissioning} testId="commissioning" />
      </div>
    </div>
  );
}
