/** One click: the station's logs, versions and audit head in a zip, saved through the browser's download. */
import { useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { saveDownload } from '../../files';
import { settle, station } from '../../station';

export function LogsSection() {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);

  const exportLogs = async () => {
    if (busy) return;
    setBusy(true);
    setSaved(null);
    const result = await settle(() => station().settings.exportLogs());
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    saveDownload(result.value);
    setSaved(`Saved ${result.value.fileName}.`);
  };

  return (
    <section aria-labelledby="settings-logs-title" data-testid="settings-logs">
      <h2 id="settings-logs-title" className="section-heading">
        Logs
      </h2>
      <p className="muted">The station&apos;s log files, the software versions and the audit trail&apos;s head hash, zipped, to attach to a report.</p>
      <button type="button" className="button button-primary" data-testid="export-logs" aria-disabled={busy} onClick={() => void exportLogs()}>
        {busy ? 'Exporting…' : 'Export logs'}
      </button>
      <div className="settings-outcome">
        <p className="outcome-line" role="status" data-testid="export-logs-done">
          {saved}
        </p>
        {error !== null && <ErrorPanel error={error} />}
      </div>
    </section>
  );
}
