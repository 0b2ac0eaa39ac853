import { PlannedPanel } from '../../components/PlannedPanel';
import { Screen } from '../../components/Screen';

export function HistoryScreen() {
  return (
    <Screen id="history" title="History">
      <PlannedPanel>Every device, step and decision this station records will be searchable and exportable here.</PlannedPanel>
    </Screen>
  );
}
