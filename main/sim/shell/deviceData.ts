/**
 * What the simulated firmware's Matter shell reports, read from the simulated board's flash the way
 * the Silicon Labs firmware reads it: the NVM3 region of the part (main/silabs/parts) decoded with the
 * factory key map, falling back to the example build's compile-time values when a key is missing
 * (matter-shell.md §3.3). An erased or unreadable NVM3 region means "not provisioned".
 */
import { encodeBase38 } from '../../matter/onboarding';
import { decodeFactoryData, type FactoryData } from '../../silabs/factoryData';
import { nvm3GeometryOf } from '../../silabs/image';
import { readNvm3 } from '../../silabs/nvm3';
import type { SimulatedEfr32 } from '../efr32';

/** The NVM3 key of the 11-byte setup-payload bitset the boot log prints as `SetupQRCode: [MT:…]`. */
export const SETUP_PAYLOAD_KEY = 0x087205;

/** The example build's compile-time values (CHIPProjectConfig.h of the Silabs lighting example). */
export interface ShellBuildDefaults {
  readonly vendorId: number;
  readonly productId: number;
  readonly hardwareVersion: number;
  readonly discriminator: number;
  /** CHIP_DEVICE_CONFIG_USE_TEST_SETUP_PIN_CODE: what `onboardingcodes` uses, since the storage has no passcode (P2). */
  readonly testPasscode: number;
  /** `version` prints `CHIP <sdkVersion>`. */
  readonly sdkVersion: string;
  /** BLE_DEV_NAME, printed in the boot banner. */
  readonly deviceName: string;
  readonly softwareVersion: number;
  readonly softwareVersionString: string;
  /** CHIP_DEVICE_CONFIG_DEVICE_TYPE (boot log only). */
  readonly deviceType: number;
}

export const EXAMPLE_BUILD_DEFAULTS: ShellBuildDefaults = {
  vendorId: 0xfff1,
  productId: 0x8005,
  hardwareVersion: 1,
  discriminator: 0xf00,
  testPasscode: 20202021,
  sdkVersion: 'v1.3.0.0',
  deviceName: 'SL-lighting',
  softwareVersion: 1,
  softwareVersionString: '1.0',
  deviceType: 0x0101,
};

/** The test bitset the firmware base-38 encodes when NVM3 has no setup payload: `MT:6FCJ142C00KA0648G00`. */
export const TEST_SETUP_PAYLOAD_BITSET = Uint8Array.of(0x88, 0xff, 0x2f, 0x00, 0x44, 0x00, 0xe0, 0x4b, 0x84, 0x68, 0x02);

export interface ShellDeviceData {
  /** True when NVM3 holds any factory key. */
  readonly provisioned: boolean;
  /** The decoded factory data (empty when not provisioned). */
  readonly factory: FactoryData;
  /** Provider values with the build fallbacks applied, as `config` reports them. */
  readonly vendorId: number;
  readonly productId: number;
  readonly hardwareVersion: number;
  readonly discriminator: number;
  /** `MT:…` of the stored bitset, or of the test bitset (boot log, P3). */
  readonly setupQrCode: string;
  /** True when the boot QR is the test bitset's. */
  readonly testSetupPayload: boolean;
}

export function readShellDeviceData(chip: SimulatedEfr32, defaults: ShellBuildDefaults = EXAMPLE_BUILD_DEFAULTS): ShellDeviceData {
  const geometry = nvm3GeometryOf(chip.part);
  const image = chip.mainFlash.read(geometry.baseAddress, geometry.pageSize * geometry.pageCount);
  const contents = readNvm3(image, geometry);
  let factory: FactoryData = {};
  let bitset: Uint8Array | null = null;
  if (contents.ok) {
    const decoded = decodeFactoryData(contents.value.objects);
    if (decoded.ok) factory = decoded.value.factoryData;
    const stored = contents.value.objects.get(SETUP_PAYLOAD_KEY);
    if (stored?.type === 'data' && stored.value.length === TEST_SETUP_PAYLOAD_BITSET.length) bitset = stored.value;
  }
  return {
    provisioned: Object.keys(factory).length > 0,
    factory,
    vendorId: factory.vendorId ?? defaults.vendorId,
    productId: factory.productId ?? defaults.productId,
    hardwareVersion: factory.hardwareVersion ?? defaults.hardwareVersion,
    discriminator: factory.discriminator ?? defaults.discriminator,
    setupQrCode: `MT:${encodeBase38(bitset ?? TEST_SETUP_PAYLOAD_BITSET)}`,
    testSetupPayload: bitset === null,
  };
}
