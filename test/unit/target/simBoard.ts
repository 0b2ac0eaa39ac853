// Builds a real simulated board (main/sim) for the target-sequence tests, and lists the catalogue's parts.
import { SimulatedDebugPort, type SimConfig } from '../../../main/sim/index';
import { familyLayout, SUPPORTED_FAMILIES } from '../../../main/silabs/parts';

export function board(config: SimConfig): SimulatedDebugPort {
  const created = SimulatedDebugPort.create(config);
  if (!created.ok) throw new Error(`${created.error.code}: ${created.error.detail ?? ''}`);
  return created.value;
}

/** One orderable part number per family, flash size and feature letter the catalogue knows. */
export function cataloguePartNumbers(): string[] {
  const parts: string[] = [];
  for (const family of SUPPORTED_FAMILIES) {
    const layout = familyLayout(family);
    for (const kib of layout.flashSizesKiB) {
      for (const letter of Object.keys(layout.featureLetters)) {
        parts.push(layout.series === 2 ? `EFR32${family}${letter}210F${kib}IM48` : `EFR32${family}${letter}332F${kib}GL125`);
      }
    }
  }
  return parts;
}
