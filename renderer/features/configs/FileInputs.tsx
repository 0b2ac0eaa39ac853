/**
 * File fields: the engineer picks a file, the window sends its bytes to main (configs.upload), and
 * the draft keeps the stored file's id; the field then shows the file's name and size. Lists (trust
 * store, CD signers) take several files, each with its own Remove button.
 */
import { useId, useState, type ChangeEvent } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { StoredFile } from '../../../preload/contract/files';
import { ErrorPanel } from '../../components/ErrorPanel';
import { fileForUpload } from '../../files';
import { settle, station } from '../../station';
import { useEditor } from './editorContext';
import { FieldHeading, ProblemLines } from './DraftInputs';
import { asString, asStringList, fieldTestId, fileSize, getAt } from './draftModel';

type UploadOutcome = { readonly ok: true; readonly files: StoredFile[] } | { readonly ok: false; readonly error: AppErrorInfo };

async function uploadAll(files: readonly File[]): Promise<UploadOutcome> {
  const stored: StoredFile[] = [];
  for (const file of files) {
    const upload = await fileForUpload(file);
    const result = await settle(() => station().configs.upload(upload));
    if (!result.ok) return { ok: false, error: result.error };
    stored.push(result.value);
  }
  return { ok: true, files: stored };
}

function useUpload(onStored: (files: StoredFile[]) => void) {
  const { rememberFile } = useEditor();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    setBusy(true);
    void uploadAll(files).then((outcome) => {
      setBusy(false);
      // Cleared so picking the same file again (after removing it) is a change again.
      input.value = '';
      if (!outcome.ok) {
        setError(outcome.error);
        return;
      }
      setError(null);
      outcome.files.forEach(rememberFile);
      onStored(outcome.files);
    });
  };
  return { busy, error, pick };
}

function FileFacts({ file, id }: { readonly file: StoredFile | null; readonly id: string }) {
  if (file === null) return <span className="config-file-name">stored file {id.slice(0, 12)}</span>;
  return (
    <>
      <span className="config-file-name" data-testid="config-file-name">
        {file.name}
      </span>
      <span className="config-file-size">{fileSize(file.size)}</span>
    </>
  );
}

interface PickButtonProps {
  readonly id: string;
  readonly testId: string;
  readonly accept: string | undefined;
  readonly multiple: boolean;
  readonly text: string;
  readonly invalid: boolean;
  readonly describedBy: string;
  readonly onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/**
 * The browser's own file input says "No file chosen" once a file is stored (the input is cleared
 * for the next pick), which contradicts the file shown above it; so the input is kept for keyboard
 * and screen readers (named by the field's label) and a button-like label shows instead.
 */
function PickButton({ id, testId, accept, multiple, text, invalid, describedBy, onChange }: PickButtonProps) {
  return (
    <span className="config-file-pick">
      <input
        id={id}
        className="visually-hidden config-file-input"
        type="file"
        multiple={multiple}
        accept={accept}
        data-testid={`${testId}-file`}
        aria-labelledby={`${id}-label`}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      <label htmlFor={id} className="button button-quiet config-file-button" aria-hidden="true">
        {text}
      </label>
    </span>
  );
}

interface FileInputProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  /** File types offered first in the picker, e.g. ".pem,.der,.crt". */
  readonly accept?: string;
}

export function FileInput({ path, label, hint, accept }: FileInputProps) {
  const { draft, set, problemsFor, fileFor } = useEditor();
  const id = useId();
  const testId = fieldTestId(path);
  const current = asString(getAt(draft, path));
  const upload = useUpload((files) => {
    const last = files.at(-1);
    if (last !== undefined) set(path, last.id);
  });
  const problems = problemsFor(path);
  return (
    <div className="field config-field config-file-field" data-field={path}>
      <FieldHeading id={id} label={label} hint={hint} />
      <p className="config-file-current" id={`${id}-current`} data-testid={`${testId}-current`}>
        {current === '' ? <span className="muted">No file chosen yet.</span> : <FileFacts file={fileFor(path, current)} id={current} />}
        {upload.busy && <span className="muted"> Sending the file…</span>}
      </p>
      <PickButton
        id={id}
        testId={testId}
        accept={accept}
        multiple={false}
        text={current === '' ? 'Choose file…' : 'Replace file…'}
        invalid={problems.some((problem) => problem.severity === 'error')}
        describedBy={[hint !== undefined ? `${id}-hint` : null, `${id}-current`, `${id}-problem`].filter((part) => part !== null).join(' ')}
        onChange={upload.pick}
      />
      {upload.error !== null && <ErrorPanel error={upload.error} />}
      <ProblemLines id={`${id}-problem`} problems={problems} testId={testId} />
    </div>
  );
}

export function FileListInput({ path, label, hint, accept }: FileInputProps) {
  const { draft, set, problemsFor, fileFor } = useEditor();
  const id = useId();
  const testId = fieldTestId(path);
  const ids = asStringList(getAt(draft, path));
  const upload = useUpload((files) => {
    const added = files.map((file) => file.id).filter((fileId) => !ids.includes(fileId));
    set(path, [...ids, ...added]);
  });
  const problems = problemsFor(path);
  return (
    <div className="field config-field config-file-field" data-field={path}>
      <FieldHeading id={id} label={label} hint={hint} />
      {ids.length === 0 ? (
        <p className="config-file-current muted" id={`${id}-current`} data-testid={`${testId}-current`}>
          No file chosen yet.
        </p>
      ) : (
        <ul className="config-file-list" id={`${id}-current`} data-testid={`${testId}-current`}>
          {ids.map((fileId, index) => {
            const file = fileFor(`${path}.${index}`, fileId);
            const name = file?.name ?? `stored file ${fileId.slice(0, 12)}`;
            return (
              <li key={fileId} className="config-file-item">
                <FileFacts file={file} id={fileId} />
                <button
                  type="button"
                  className="button button-quiet config-file-remove"
                  aria-label={`Remove ${name}`}
                  data-testid={`${testId}-remove-${index}`}
                  onClick={() => set(path, ids.filter((other) => other !== fileId))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <PickButton
        id={id}
        testId={testId}
        accept={accept}
        multiple
        text="Add files…"
        invalid={problems.some((problem) => problem.severity === 'error')}
        describedBy={[hint !== undefined ? `${id}-hint` : null, `${id}-current`, `${id}-problem`].filter((part) => part !== null).join(' ')}
        onChange={upload.pick}
      />
      {upload.busy && <p className="muted">Sending the files…</p>}
      {upload.error !== null && <ErrorPanel error={upload.error} />}
      <ProblemLines id={`${id}-problem`} problems={problems} testId={testId} />
    </div>
  );
}
