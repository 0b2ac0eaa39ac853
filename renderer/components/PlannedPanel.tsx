/** An honest placeholder for a section that a later version builds: what will live there, no fake data. */
interface PlannedPanelProps {
  readonly children: string;
}

export function PlannedPanel({ children }: PlannedPanelProps) {
  return (
    <div className="panel planned-panel" data-testid="planned-panel">
      <p className="planned-text">{children}</p>
      <p className="planned-note">Not available in this version yet.</p>
    </div>
  );
}
