/** The station id: it goes into serial numbers, attempts and reports from now on (devices made keep theirs). */
import { useState, type FormEvent } from 'react';
import type { StationSettings } from '../../../preload/contract/settings';
import { Field } from '../../components/Field';
import { station } from '../../station';
import { ChangeOutcome, ReadOnlyNote } from './ChangeOutcome';
import { stationIdProblem } from './settingsModel';
import { useSettingsChange } from './useSettingsChange';

interface StationIdSectionProps {
  readonly stationId: string;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

export function StationIdSection({ stationId, canChange, onChanged }: StationIdSectionProps) {
  const change = useSettingsChange(onChanged);
  const [value, setValue] = useState(stationId);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = stationIdProblem(value);
    setProblem(found);
    if (found !== null) return;
    await change.run(() => station().settings.setStationId({ stationId: value.trim() }), (settings) => `Station id is now ${settings.stationId}.`);
  };

  return (
    <section aria-labelledby="settings-station-title" data-testid="settings-station">
      <h2 id="settings-station-title" className="section-heading">
        Station
      </h2>
      <p className="settings-current">
        Station id: <strong data-testid="settings-station-id">{stationId}</strong>
      </p>
      {canChange ? (
        <div className="settings-form-row">
          <form className="panel settings-form" data-testid="station-id-form" noValidate onSubmit={(event) => void submit(event)}>
            <Field label="Station id" testId="station-id-input" value={value} onChange={setValue} problem={problem} maxLength={16} hint="Letters, digits and hyphens; used in new serial numbers and reports." />
            <button type="submit" className="button button-primary" data-testid="station-id-save" aria-disabled={change.busy}>
              Save station id
            </button>
          </form>
          <ChangeOutcome change={change} testId="station-id" />
        </div>
      ) : (
        <ReadOnlyNote>Only an engineer can change the station id.</ReadOnlyNote>
      )}
    </section>
  );
}
