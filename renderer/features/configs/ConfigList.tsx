/**
 * Every saved configuration, newest first: name, version, status (word, symbol and colour), part,
 * VID/PID and the short content hash, each opening its read-only view. Engineers also get "New
 * configuration" and the Silicon Labs import.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { AppErrorInfo, ConfigDraft } from '../../../preload/contract';
import type { ConfigurationSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ToneBadge, type Tone } from '../../components/ToneBadge';
import { fileForUpload } from '../../files';
import { settle, station } from '../../station';
import { hex16, shortHash } from '../lots/lotsModel';

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly value: ConfigurationSummary[] } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

const statusSymbol: Record<ConfigurationSummary['status'], string> = { draft: '✎', approved: '✓', retired: '■' };
const statusTone: Record<ConfigurationSummary['status'], Tone> = { draft: 'warn', approved: 'pass', retired: 'neutral' };

export function ConfigStatus({ status }: { readonly status: ConfigurationSummary['status'] }) {
  return (
    <ToneBadge tone={statusTone[status]} symbol={statusSymbol[status]} text={status === 'approved' ? 'approved · frozen' : status} status={status} testId="config-status" />
  );
}

function newestFirst(configurations: readonly ConfigurationSummary[]): ConfigurationSummary[] {
  return [...configurations].sort((a, b) => b.id - a.id);
}

interface ConfigListProps {
  readonly engineer: boolean;
  /** The outcome of the last save, shown above the list. */
  readonly message: string | null;
  /** Back from another view: the focus goes to the outcome sentence, or else to the list's heading. */
  readonly returned: boolean;
  readonly onOpen: (id: number) => void;
  readonly onNew: () => void;
  readonly onImported: (draft: ConfigDraft, notes: string[], fileName: string) => void;
}

export function ConfigList({ engineer, message, returned, onOpen, onNew, onImported }: ConfigListProps) {
  const [list, setList] = useState<Loaded>({ phase: 'loading' });
  const messageRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    void settle(() => station().configs.list()).then((result) => {
      if (current) setList(result.ok ? { phase: 'ready', value: newestFirst(result.value) } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (message !== null) messageRef.current?.focus();
    else if (returned) headingRef.current?.focus();
  }, [message, returned]);

  return (
    <div className="config-list-view" data-testid="config-list-view">
      <p className="outcome-line" role="status" tabIndex={-1} ref={messageRef} data-testid="config-saved">
        {message}
      </p>
      {engineer && (
        <div className="config-toolbar">
          <button type="button" className="button button-primary" data-testid="config-new" onClick={onNew}>
            New configuration
          </button>
          <SilabsImport onImported={onImported} />
        </div>
      )}
      <h2 id="config-list-title" className="section-heading config-view-title" tabIndex={-1} ref={headingRef}>
        Saved configurations
      </h2>
      {list.phase === 'loading' && (
        <p className="muted" role="status">
          Reading the configurations…
        </p>
      )}
      {list.phase === 'failed' && <ErrorPanel error={list.error} />}
      {list.phase === 'ready' &&
        (list.value.length === 0 ? (
          <p className="panel empty-state" data-testid="config-list-empty">
            No configuration saved yet.
          </p>
        ) : (
          <ConfigTable configurations={list.value} onOpen={onOpen} />
        ))}
    </div>
  );
}

function ConfigTable({ configurations, onOpen }: { readonly configurations: readonly ConfigurationSummary[]; readonly onOpen: (id: number) => void }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="config-list-title" tabIndex={0}>
      <table className="data-table config-table" data-testid="config-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Part</th>
            <th scope="col">VID / PID</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {configurations.map((configuration) => (
            <tr key={configuration.id} data-testid={`config-row-${configuration.name}-v${configuration.version}`} data-status={configuration.status}>
              <th scope="row">
                <button type="button" className="button-link" data-testid="config-open" onClick={() => onOpen(configuration.id)}>
                  {configuration.name}
                </button>
              </th>
              <td data-testid="config-version">v{configuration.version}</td>
              <td>
                <ConfigStatus status={configuration.status} />
              </td>
              <td data-testid="config-part">{configuration.partNumber}</td>
              <td data-testid="config-vid-pid">
                {hex16(configuration.vendorId)} / {hex16(configuration.productId)}
              </td>
              <td>
                <code title={configuration.contentHash} data-testid="config-hash">
                  {shortHash(configuration.contentHash)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Picks a latest.json / cpms.json, stores it in main, and asks main for a draft made from it. */
function SilabsImport({ onImported }: { readonly onImported: ConfigListProps['onImported'] }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (file === undefined || busy) return;
    setBusy(true);
    setError(null);
    const upload = await fileForUpload(file);
    const stored = await settle(() => station().configs.upload(upload));
    const imported = stored.ok ? await settle(() => station().configs.importSilabs({ fileId: stored.value.id })) : stored;
    setBusy(false);
    input.value = '';
    if (!imported.ok) {
      setError(imported.error);
      return;
    }
    onImported(imported.value.draft, imported.value.notes, file.name);
  };

  return (
    <div className="config-import">
      <label className="field-label" htmlFor={id}>
        Import Silicon Labs JSON
      </label>
      <span className="field-hint" id={`${id}-hint`}>
        The provision tool&apos;s latest.json or cpms.json.
      </span>
      <input id={id} type="file" accept=".json,application/json" data-testid="config-import-file" aria-describedby={`${id}-hint`} onChange={(event) => void pick(event)} />
      {busy && (
        <p className="muted" role="status">
          Importing…
        </p>
      )}
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}
