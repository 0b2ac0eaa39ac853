/** The label every passed device gets: QR code, manual pairing code and serial, at this size and printer resolution. */
import { useId, useState, type FormEvent } from 'react';
import type { LabelTemplate, StationSettings } from '../../../preload/contract/settings';
import { Field } from '../../components/Field';
import { station } from '../../station';
import { ChangeOutcome, ReadOnlyNote } from './ChangeOutcome';
import { millimetreProblem } from './settingsModel';
import { useSettingsChange } from './useSettingsChange';

const DPI_CHOICES: readonly LabelTemplate['dpi'][] = [203, 300, 600];

interface LabelTemplateSectionProps {
  readonly template: LabelTemplate;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

export function LabelTemplateSection({ template, canChange, onChanged }: LabelTemplateSectionProps) {
  const change = useSettingsChange(onChanged);
  const [width, setWidth] = useState(String(template.widthMm));
  const [height, setHeight] = useState(String(template.heightMm));
  const [dpi, setDpi] = useState<LabelTemplate['dpi']>(template.dpi);
  const [problems, setProblems] = useState<{ width: string | null; height: string | null }>({ width: null, height: null });
  const dpiId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = { width: millimetreProblem(width, 15, 150), height: millimetreProblem(height, 10, 150) };
    setProblems(found);
    if (found.width !== null || found.height !== null) return;
    const next: LabelTemplate = { template: 'qr-manual-serial', widthMm: Number(width.trim()), heightMm: Number(height.trim()), dpi };
    await change.run(() => station().settings.setLabelTemplate(next), (settings) => `Labels are now ${describe(settings.labelTemplate)}.`);
  };

  return (
    <section aria-labelledby="settings-label-title" data-testid="settings-label">
      <h2 id="settings-label-title" className="section-heading">
        Label template
      </h2>
      <p className="settings-current">
        Now: <span data-testid="settings-label-now">{describe(template)}</span> — QR code, manual pairing code and serial number.
      </p>
      {canChange ? (
        <div className="settings-form-row">
          <form className="panel settings-form" data-testid="label-form" noValidate onSubmit={(event) => void submit(event)}>
            <Field label="Width (mm)" testId="label-width" inputMode="decimal" maxLength={6} value={width} onChange={setWidth} problem={problems.width} hint="15 to 150." />
            <Field label="Height (mm)" testId="label-height" inputMode="decimal" maxLength={6} value={height} onChange={setHeight} problem={problems.height} hint="10 to 150." />
            <div className="field settings-select-field">
              <label className="field-label" htmlFor={dpiId}>
                Printer resolution
              </label>
              <select id={dpiId} className="field-input field-select" data-testid="label-dpi" value={dpi} onChange={(event) => setDpi(Number(event.target.value) as LabelTemplate['dpi'])}>
                {DPI_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {`${choice} dpi`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-primary" data-testid="label-save" aria-disabled={change.busy}>
              Save label template
            </button>
          </form>
          <ChangeOutcome change={change} testId="label" />
        </div>
      ) : (
        <ReadOnlyNote>Only an engineer can change the label template.</ReadOnlyNote>
      )}
    </section>
  );
}

function describe(template: LabelTemplate): string {
  return `${template.widthMm} × ${template.heightMm} mm at ${template.dpi} dpi`;
}
