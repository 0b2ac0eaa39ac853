/**
 * The onboarding payload: the fields a Matter device's QR code, manual pairing code and the Silabs
 * setup-payload bitset carry (research/matter-credentials.md §4). One plain value type shared by
 * every codec in this folder, so a label, a read-back and a product configuration compare field by field.
 */

/** How a commissioner should start commissioning (2-bit field; 3 is reserved). */
export const CommissioningFlow = { Standard: 0, UserIntent: 1, Custom: 2 } as const;

/** Discovery ("rendezvous") capability bits of the 8-bit field (SetupPayload.h). */
export const DiscoveryCapability = { SoftAP: 0x01, BLE: 0x02, OnNetwork: 0x04 } as const;

/**
 * The capability bits the station produces. Newer SDKs also define WiFiPAF, NFC and Thread flags, but
 * the fact sheet did not confirm their bit positions, so they are refused when producing a code and
 * this mask is a parameter (`knownCapabilities`) rather than a guess.
 */
export const KNOWN_DISCOVERY_CAPABILITIES = DiscoveryCapability.SoftAP | DiscoveryCapability.BLE | DiscoveryCapability.OnNetwork;

export interface SetupPayload {
  /** Always 0 (3 bits). */
  readonly version: number;
  readonly vendorId: number;
  readonly productId: number;
  /** 0 standard, 1 user intent, 2 custom (CommissioningFlow). */
  readonly flow: number;
  /** Bitmask of DiscoveryCapability. */
  readonly capabilities: number;
  /** The long, 12-bit discriminator. */
  readonly discriminator: number;
  readonly passcode: number;
}

/** The "short" discriminator a manual pairing code carries: the upper 4 of the 12 bits. */
export function shortDiscriminator(discriminator: number): number {
  return (discriminator >> 8) & 0xf;
}
