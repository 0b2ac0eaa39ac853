import { PlannedPanel } from '../../components/PlannedPanel';
import { Screen } from '../../components/Screen';

export function StationScreen() {
  return (
    <Screen id="station" title="Station">
      <PlannedPanel>Devices will be programmed, verified and labelled here, one panel per probe.</PlannedPanel>
    </Screen>
  );
}
