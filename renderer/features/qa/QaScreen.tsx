import { PlannedPanel } from '../../components/PlannedPanel';
import { Screen } from '../../components/Screen';

export function QaScreen() {
  return (
    <Screen id="qa" title="QA">
      <PlannedPanel>Sample devices will be read back and inspected here, and sample lots approved or rejected.</PlannedPanel>
    </Screen>
  );
}
