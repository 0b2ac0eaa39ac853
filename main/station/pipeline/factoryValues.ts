/**
 * The factory data written to one device: the configuration's Matter fields plus the device's
 * allocated values, and the SPAKE2+ verifier derived from them (PBKDF2 on libuv's thread pool).
 */
import { success, type Result } from '../../../preload/contract/errors';
import { computeSpake2pVerifier } from '../../matter/spake2p';
import type { FactoryData } from '../../silabs/factoryData';
import type { ProductConfig } from '../config/schema';
import type { Allocation } from './types';

export function manufacturingDateOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function factoryDataFor(config: ProductConfig, allocation: Allocation, now: Date): Promise<Result<FactoryData>> {
  const verifier = await computeSpake2pVerifier({ passcode: allocation.passcode, salt: allocation.salt, iterations: allocation.iterations });
  if (!verifier.ok) return verifier;
  const { matter } = config;
  return success({
    serialNumber: allocation.serialNumber,
    vendorId: matter.vendorId,
    vendorName: matter.vendorName,
    productId: matter.productId,
    productName: matter.productName,
    ...(matter.productLabel === undefined ? {} : { productLabel: matter.productLabel }),
    ...(matter.productUrl === undefined ? {} : { productUrl: matter.productUrl }),
    ...(matter.partNumber === undefined ? {} : { partNumber: matter.partNumber }),
    hardwareVersion: matter.hardwareVersion,
    hardwareVersionString: matter.hardwareVersionString,
    manufacturingDate: manufacturingDateOf(now),
    uniqueId: allocation.uniqueId,
    discriminator: allocation.discriminator,
    passcode: allocation.passcode,
    commissioningFlow: matter.commissioningFlow,
    discoveryCapabilities: matter.discoveryCapabilities,
    spake2pIterations: allocation.iterations,
    spake2pSalt: Buffer.from(allocation.salt).toString('base64'),
    spake2pVerifier: Buffer.from(verifier.value.verifier).toString('base64'),
  });
}
