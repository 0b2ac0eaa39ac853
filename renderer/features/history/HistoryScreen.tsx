/**
 * History: find a device by any identifier printed on it or read from it and see everything the
 * station recorded about it; save a lot's report; throughput and yield at a glance. Every role may
 * look; nothing here changes a record (saving a report is recorded in the audit trail by main).
 */
import { useState } from 'react';
import { Screen } from '../../components/Screen';
import { DeviceDetailPanel } from './DeviceDetailPanel';
import { DeviceSearch } from './DeviceSearch';
import { LotReports } from './LotReports';
import './history.css';

export function HistoryScreen() {
  const [openedId, setOpenedId] = useState<number | null>(null);

  return (
    <Screen id="history" title="History">
      <p className="screen-intro">Find a device by its serial number, EUI-64, DAC serial or QR payload; save a lot’s report; see throughput and yield.</p>

      <section aria-labelledby="history-search-title">
        <h2 id="history-search-title" className="section-heading">
          Find a device
        </h2>
        <div className="history-find">
          <div className="history-find-list">
            <DeviceSearch openedId={openedId} onOpen={setOpenedId} />
          </div>
          <div className="history-find-detail">
            {openedId === null ? (
              <p className="panel empty-state history-detail" data-testid="history-detail-none">
                Open a device from the results to see its attempts, steps and inspections.
              </p>
            ) : (
              <DeviceDetailPanel key={openedId} deviceId={openedId} />
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="history-lots-title">
        <h2 id="history-lots-title" className="section-heading">
          Lot reports and charts
        </h2>
        <LotReports />
      </section>
    </Screen>
  );
}
