/**
 * The Matter factory data a Silicon Labs device keeps: the values, by name, independent of how one
 * firmware generation stores them (NVM3 keys, the single-page layout). Every field is optional: a
 * device may lack any of them (the firmware then falls back to build-time defaults).
 */

export interface FactoryData {
  readonly serialNumber?: string;
  readonly vendorId?: number;
  readonly vendorName?: string;
  readonly productId?: number;
  readonly productName?: string;
  readonly productLabel?: string;
  readonly productUrl?: string;
  readonly partNumber?: string;
  readonly hardwareVersion?: number;
  readonly hardwareVersionString?: string;
  readonly softwareVersionString?: string;
  /** `YYYY-MM-DD`, as the provision tool sends it (a suffix is allowed; the firmware splits it off). */
  readonly manufacturingDate?: string;
  /** Rotating-device-ID unique id, 1..16 bytes (normally 16). */
  readonly uniqueId?: Uint8Array;
  readonly discriminator?: number;
  /** Stored only inside the setup-payload bitset (0x087205), never on its own. */
  readonly passcode?: number;
  /** In the bitset only: 0 standard, 1 user intent, 2 custom. */
  readonly commissioningFlow?: number;
  /** In the bitset only: 0x01 SoftAP, 0x02 BLE, 0x04 on network. */
  readonly discoveryCapabilities?: number;
  readonly spake2pIterations?: number;
  /** Base64 text of the 16..32-byte salt: the firmware stores the text, not the bytes. */
  readonly spake2pSalt?: string;
  /** Base64 text of the 97-byte verifier (w0 ‖ L). */
  readonly spake2pVerifier?: string;
  /** PSA key id of the DAC private key (default 2 in Silicon Labs' firmware). */
  readonly keyId?: number;
  /** Absolute address of the credentials page. */
  readonly credentialsBaseAddress?: number;
  /** Offsets (from the credentials base) and sizes of the DER files in the credentials page. */
  readonly dacOffset?: number;
  readonly dacSize?: number;
  readonly paiOffset?: number;
  readonly paiSize?: number;
  readonly cdOffset?: number;
  readonly cdSize?: number;
  /** 1 puts Silicon Labs' example apps into provisioning mode at boot. */
  readonly provisionRequest?: boolean;
  readonly provisionVersion?: string;
  readonly otaTlvEncryptionKeyId?: number;
  readonly testEventTriggerKey?: Uint8Array;
}

export type FactoryField = keyof FactoryData;

export type FactoryWarningCode =
  | 'unknown-key' // an NVM3 key the key map does not know
  | 'reserved-key' // a legacy key the firmware no longer reads
  | 'value-size' // wrong length for its type: the firmware refuses the value, so it is left out
  | 'value-type' // a counter where data was expected (or the reverse): left out
  | 'value-invalid' // the right size but not a valid value (bad UTF-8, bad base64, out of range)
  | 'setup-payload-mismatch'; // the bitset's VID, PID or discriminator differs from the separate key

export interface FactoryWarning {
  readonly code: FactoryWarningCode;
  readonly message: string;
  readonly key?: number;
  readonly field?: FactoryField;
}
