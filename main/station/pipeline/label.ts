/** The label's onboarding codes (QR payload, manual pairing code) from a device's values. */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { encodeManualCode, encodeQrCode } from '../../matter/onboarding';
import type { DeviceLabel } from './types';

export interface LabelValues {
  readonly serialNumber: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly commissioningFlow: number;
  readonly discoveryCapabilities: number;
  readonly discriminator: number;
  readonly passcode: number;
}

export function labelFor(values: LabelValues): Result<DeviceLabel> {
  const payload = {
    version: 0,
    vendorId: values.vendorId,
    productId: values.productId,
    flow: values.commissioningFlow,
    capabilities: values.discoveryCapabilities,
    discriminator: values.discriminator,
    passcode: values.passcode,
  };
  const qr = encodeQrCode(payload);
  if (!qr.ok) return failure('STATION_LABEL_INVALID', `QR payload: ${qr.error.detail ?? qr.error.message}`);
  const manual = encodeManualCode(payload);
  if (!manual.ok) return failure('STATION_LABEL_INVALID', `manual code: ${manual.error.detail ?? manual.error.message}`);
  return success({ serialNumber: values.serialNumber, qrPayload: qr.value, manualCode: manual.value });
}
