/** The verification record of a device recognised on a board, from what the station recorded for it. */
import type { DeviceRecordExpectation } from '../verify';
import type { RecognisedDevice } from './types';


/** What the station recorded for a recognised device; values it never recorded are not compared. */
export function recordFromRecognised(device: RecognisedDevice): DeviceRecordExpectation {
  return {
    serialNumber: device.serialNumber,
    discriminator: device.discriminator ?? -1,
    iterations: device.iterations ?? -1,
    saltBase64: device.saltBase64 ?? '',
    ...(device.dacDer === null ? {} : { dacDer: device.dacDer }),
    ...(device.passcode === null ? {} : { passcode: device.passcode }),
    ...(device.uniqueIdSha256 === null ? {} : { uniqueIdSha256: device.uniqueIdSha256 }),
    ...(device.qrPayload === null ? {} : { qrPayload: device.qrPayload }),
    ...(device.manualCode === null ? {} : { manualCode: device.manualCode }),
  };
}
