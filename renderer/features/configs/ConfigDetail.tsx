/**
 * One saved configuration, read-only: its facts, the full content hash (what QA approval froze),
 * main's problems if any, and every field of its content with the files by name. An approved
 * configuration is frozen; an engineer starts a new version from it, which QA approves again.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorInfo, ConfigDetail as Detail, ConfigDraft } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { settle, station } from '../../station';
import { hex16 } from '../lots/lotsModel';
import { ConfigStatus } from './ConfigList';
import { ProblemLine } from './DraftInputs';
import { fileSize, normalizePath } from './draftModel';

export const FROZEN_NOTE = 'Approved configurations are frozen; start a new version to change it.';

interface ConfigDetailProps {
  readonly id: number;
  readonly engineer: boolean;
  readonly onNewVersion: (detail: Detail) => void;
  readonly onBack: () => void;
}

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly value: Detail } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

export function ConfigDetail({ id, engineer, onNewVersion, onBack }: ConfigDetailProps) {
  const [detail, setDetail] = useState<Loaded>({ phase: 'loading' });
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    void settle(() => station().configs.get({ id })).then((result) => {
      if (current) setDetail(result.ok ? { phase: 'ready', value: result.value } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [id]);

  useEffect(() => headingRef.current?.focus(), []);

  const title = detail.phase === 'ready' ? `${detail.value.summary.name} v${detail.value.summary.version}` : 'Configuration';
  return (
    <section className="config-detail" aria-labelledby="config-detail-title" data-testid="config-detail">
      <div className="config-view-header">
        <h2 id="config-detail-title" className="section-heading config-view-title" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        <button type="button" className="button" data-testid="config-detail-back" onClick={onBack}>
          Back to the list
        </button>
      </div>
      {detail.phase === 'loading' && (
        <p className="muted" role="status">
          Reading the configuration…
        </p>
      )}
      {detail.phase === 'failed' && <ErrorPanel error={detail.error} />}
      {detail.phase === 'ready' && <DetailBody detail={detail.value} engineer={engineer} onNewVersion={onNewVersion} />}
    </section>
  );
}

function DetailBody({ detail, engineer, onNewVersion }: { readonly detail: Detail; readonly engineer: boolean; readonly onNewVersion: (detail: Detail) => void }) {
  const { summary, check } = detail;
  return (
    <>
      <div className="panel config-detail-facts">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <ConfigStatus status={summary.status} />
          </dd>
          <dt>Part</dt>
          <dd>{summary.partNumber}</dd>
          <dt>VID / PID</dt>
          <dd>
            {hex16(summary.vendorId)} / {hex16(summary.productId)}
          </dd>
          <dt>Saved</dt>
          <dd>{detail.createdAt}</dd>
          {detail.approvedAt !== null && (
            <>
              <dt>Approved</dt>
              <dd>{detail.approvedAt}</dd>
            </>
          )}
          <dt>Content hash</dt>
          <dd>
            <code className="config-full-hash" data-testid="config-detail-hash">
              {summary.contentHash}
            </code>
          </dd>
        </dl>
        {detail.frozen && (
          <p className="config-frozen-note" data-testid="config-frozen-note">
            {FROZEN_NOTE}
          </p>
        )}
        {engineer && (
          <button type="button" className="button button-primary" data-testid="config-new-version" onClick={() => onNewVersion(detail)}>
            {detail.frozen ? 'New version from this' : 'Edit as a new version'}
          </button>
        )}
      </div>
      {check.problems.length > 0 && (
        <div className="panel config-detail-problems" data-testid="config-detail-problems">
          <h3 className="config-notes-title">Problems found now</h3>
          {check.problems.map((problem, index) => (
            <ProblemLine key={`${problem.code}-${index}`} problem={problem} />
          ))}
        </div>
      )}
      <div className="panel">
        <h3 className="config-notes-title">Content</h3>
        <dl className="facts config-content" data-testid="config-detail-content">
          {contentRows(detail.draft, check.files).map(([field, value]) => (
            <div key={field} className="config-content-row">
              <dt>
                <code>{field}</code>
              </dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  );
}

const HEX_FIELDS = new Set(['matter.vendorId', 'matter.productId']);

/** Every leaf of the draft as "field path → shown value", stored files by their picked name. */
function contentRows(draft: ConfigDraft, files: Detail['check']['files']): [string, string][] {
  const byPath = new Map(Object.entries(files).map(([field, file]) => [normalizePath(field), file]));
  const rows: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    const file = byPath.get(path);
    if (file !== undefined) rows.push([path, `${file.name} (${fileSize(file.size)})`]);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}.${index}`));
    else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([key, child]) => walk(child, path === '' ? key : `${path}.${key}`));
    else rows.push([path, typeof value === 'number' && HEX_FIELDS.has(path) ? hex16(value) : value === null ? 'none' : String(value)]);
  };
  walk(draft, '');
  return rows;
}
