import { PlannedPanel } from '../../components/PlannedPanel';
import { Screen } from '../../components/Screen';

export function LotsScreen() {
  return (
    <Screen id="lots" title="Lots">
      <PlannedPanel>Sample and production lots will be created and tracked here.</PlannedPanel>
    </Screen>
  );
}
