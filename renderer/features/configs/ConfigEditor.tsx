/**
 * The configuration editor (engineers). Every change is checked by main shortly after it is made
 * and each problem's sentence appears under its field; what no field shows goes to the summary at
 * the top with the count of problems that block saving. When the PAI fixes the VID (and PID), those
 * fields are filled from it and locked. Saving is explicit (Enter in a field never saves) and only
 * possible when main's last check of exactly this draft found nothing blocking.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AppErrorInfo, ConfigDraft, ConfigProblemView, DraftCheck } from '../../../preload/contract';
import type { StoredFile } from '../../../preload/contract/files';
import type { ConfigurationSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { settle, station } from '../../station';
import { EditorContext, type EditorContextValue } from './editorContext';
import { AttestationSection, CommissioningSection, LabelSection, MatterSection, ProductSection, SecuritySection, StorageSection } from './EditorSections';
import { EditorSummary, SaveBar } from './EditorSummary';
import { blockingCount, getAt, normalizePath, placeProblems, setAt, shownInputs } from './draftModel';

type PaiScope = DraftCheck['paiScope'];
import { useDraftCheck } from './useDraftCheck';

export const PAI_LOCK_NOTE = 'Fixed by the PAI.';

interface ConfigEditorProps {
  readonly title: string;
  readonly initialDraft: ConfigDraft;
  /** What an import could not take over, shown above the form. */
  readonly notes: readonly string[] | null;
  readonly onSaved: (summary: ConfigurationSummary, created: boolean) => void;
  readonly onCancel: () => void;
}

const noProblems: readonly ConfigProblemView[] = [];

function sameScope(a: PaiScope, b: PaiScope): boolean {
  return a === b || (a !== null && b !== null && a.vendorId === b.vendorId && a.productId === b.productId);
}

function withPaiScope(draft: ConfigDraft, scope: PaiScope): ConfigDraft {
  if (scope === null) return draft;
  let next = draft;
  if (getAt(next, 'matter.vendorId') !== scope.vendorId) next = setAt(next, 'matter.vendorId', scope.vendorId);
  if (scope.productId !== null && getAt(next, 'matter.productId') !== scope.productId) next = setAt(next, 'matter.productId', scope.productId);
  return next;
}

export function ConfigEditor({ title, initialDraft, notes, onSaved, onCancel }: ConfigEditorProps) {
  const [edited, setEdited] = useState<ConfigDraft>(initialDraft);
  const [scope, setScope] = useState<PaiScope>(null);
  // The PAI decides the VID (and the PID when it names one): the draft checked and saved carries them.
  const draft = useMemo(() => withPaiScope(edited, scope), [edited, scope]);
  const [uploaded, setUploaded] = useState<ReadonlyMap<string, StoredFile>>(new Map());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorInfo | null>(null);
  const checkState = useDraftCheck(draft);
  const { check } = checkState;
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  // Kept as its own state so an answer naming the same scope leaves the draft as it is (no new check).
  const answeredScope = check?.paiScope ?? null;
  if (!sameScope(answeredScope, scope)) setScope(answeredScope);

  const problems = check?.problems ?? noProblems;
  const placed = useMemo(() => placeProblems(problems, shownInputs(draft, problems)), [problems, draft]);

  const set = useCallback((path: string, value: unknown) => {
    setSaveError(null);
    setEdited((current) => setAt(current, path, value));
  }, []);
  const rememberFile = useCallback((file: StoredFile) => setUploaded((current) => new Map(current).set(file.id, file)), []);

  const context = useMemo<EditorContextValue>(() => {
    const locked = new Map<string, string>();
    if (scope !== null) {
      locked.set('matter.vendorId', PAI_LOCK_NOTE);
      if (scope.productId !== null) locked.set('matter.productId', PAI_LOCK_NOTE);
    }
    const files = check?.files ?? {};
    return {
      draft,
      set,
      problems,
      problemsFor: (path) => placed.byField.get(path) ?? noProblems,
      locked,
      fileFor: (path, id) => {
        const named = Object.entries(files).find(([field, file]) => normalizePath(field) === path && file.id === id)?.[1];
        return named ?? uploaded.get(id) ?? Object.values(files).find((file) => file.id === id) ?? null;
      },
      rememberFile,
    };
  }, [draft, set, problems, placed, scope, check, uploaded, rememberFile]);

  const blocking = blockingCount(check);
  const canSave = checkState.current && check !== null && check.valid && !saving;

  const focusFirstProblem = () => {
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field !== null && field !== undefined) field.focus();
    else summaryRef.current?.focus();
  };

  const save = async () => {
    if (saving) return;
    if (!canSave) {
      focusFirstProblem();
      return;
    }
    setSaving(true);
    const result = await settle(() => station().configs.save({ draft }));
    setSaving(false);
    if (result.ok) {
      onSaved(result.value.summary, result.value.created);
      return;
    }
    setSaveError(result.error);
    // Main refused: its problems name the fields; the next check marks them, then focus goes there.
    requestAnimationFrame(focusFirstProblem);
  };

  return (
    <EditorContext.Provider value={context}>
      <section className="config-editor" aria-labelledby="config-editor-title" data-testid="config-editor">
        <div className="config-view-header">
          <h2 id="config-editor-title" className="section-heading config-view-title" tabIndex={-1} ref={headingRef}>
            {title}
          </h2>
          <button type="button" className="button" data-testid="config-editor-cancel" onClick={onCancel}>
            Back to the list
          </button>
        </div>
        {notes !== null && notes.length > 0 && (
          <div className="panel config-notes" data-testid="config-import-notes">
            <h3 className="config-notes-title">What the import did not take over</h3>
            <ul>
              {notes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ul>
          </div>
        )}
        <EditorSummary state={checkState} blocking={blocking} unplaced={placed.unplaced} summaryRef={summaryRef} />
        <form className="config-form" ref={formRef} noValidate data-testid="config-form" onSubmit={(event: FormEvent) => event.preventDefault()}>
          <ProductSection />
          <StorageSection />
          <MatterSection />
          <CommissioningSection />
          <AttestationSection />
          <SecuritySection />
          <LabelSection />
        </form>
        <SaveBar state={checkState} blocking={blocking} canSave={canSave} saving={saving} onSave={() => void save()} />
        {saveError !== null && <ErrorPanel error={saveError} />}
      </section>
    </EditorContext.Provider>
  );
}
