/** Where SEGGER's J-Link library is, when the station cannot find it by itself; Clear goes back to the default search. */
import { useState, type FormEvent } from 'react';
import type { StationSettings } from '../../../preload/contract/settings';
import { Field } from '../../components/Field';
import { station } from '../../station';
import { ChangeOutcome, ReadOnlyNote } from './ChangeOutcome';
import { JLINK_RULE } from './settingsModel';
import { useSettingsChange } from './useSettingsChange';

interface JlinkSectionProps {
  readonly path: string | null;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

export function JlinkSection({ path, canChange, onChanged }: JlinkSectionProps) {
  const change = useSettingsChange(onChanged);
  const [value, setValue] = useState(path ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = value.trim();
    setProblem(trimmed === '' ? 'Type the library\'s full path, or use Clear for the default search.' : null);
    if (trimmed === '') return;
    await change.run(() => station().settings.setJlinkLibraryPath({ path: trimmed }), () => 'J-Link library path saved.');
  };

  const clear = async () => {
    setProblem(null);
    const cleared = await change.run(() => station().settings.setJlinkLibraryPath({ path: null }), () => 'J-Link library path cleared: the station searches the usual places.');
    if (cleared) setValue('');
  };

  return (
    <section aria-labelledby="settings-jlink-title" data-testid="settings-jlink">
      <h2 id="settings-jlink-title" className="section-heading">
        J-Link library
      </h2>
      <p className="settings-current">
        Now: <span data-testid="settings-jlink-path">{path === null ? 'not set (the station searches the usual install folders)' : <code>{path}</code>}</span>
      </p>
      {canChange ? (
        <div className="settings-form-row">
          <form className="panel settings-form" data-testid="jlink-form" noValidate onSubmit={(event) => void save(event)}>
            <Field label="J-Link library file" testId="jlink-path" value={value} onChange={setValue} problem={problem} maxLength={1000} hint={JLINK_RULE} />
            <div className="settings-buttons">
              <button type="submit" className="button button-primary" data-testid="jlink-save" aria-disabled={change.busy}>
                Save
              </button>
              <button type="button" className="button button-quiet" data-testid="jlink-clear" aria-disabled={change.busy} onClick={() => void clear()}>
                Clear
              </button>
            </div>
          </form>
          <ChangeOutcome change={change} testId="jlink" />
        </div>
      ) : (
        <ReadOnlyNote>Only an engineer can change the J-Link library path.</ReadOnlyNote>
      )}
    </section>
  );
}
