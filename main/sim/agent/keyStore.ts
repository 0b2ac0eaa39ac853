/**
 * The chip's persistent key store: what PSA Crypto keeps for a persistent key id (plaintext in PSA ITS
 * inside NVM3, or wrapped by the Secure Engine on Secure Vault High parts; silabs-provisioning.md §3.4).
 * On hardware such a key survives resets and the flashing of a new application, and is lost with a
 * device erase. Here it lives in a JavaScript private field of the chip, never in simulated flash or
 * SRAM, so no debug read can reach it, and saveState() never writes it to a file. Callers can sign
 * with a key and read its public half; the private key never leaves this object.
 */
import { sign } from 'node:crypto';
import type { P256KeyPair } from '../../matter/certificates/keys';

export class SimKeyStore {
  readonly #keys = new Map<number, P256KeyPair>();

  /** psa_generate_key / psa_import_key with a persistent id: replaces a key already under that id. */
  put(id: number, key: P256KeyPair): void {
    this.#keys.set(id, key);
  }

  has(id: number): boolean {
    return this.#keys.has(id);
  }

  /** SubjectPublicKeyInfo DER of the key under `id`; null when there is none. */
  publicKey(id: number): Uint8Array | null {
    return this.#keys.get(id)?.spki.slice() ?? null;
  }

  /** ECDSA-SHA256 (DER signature), as psa_sign_message does for the DAC key; null when there is no key. */
  sign(id: number, message: Uint8Array): Uint8Array | null {
    const key = this.#keys.get(id);
    return key === undefined ? null : new Uint8Array(sign('sha256', message, { key: key.privateKey, dsaEncoding: 'der' }));
  }

  delete(id: number): void {
    this.#keys.delete(id);
  }

  /** A device erase wipes the key store with the rest of flash. */
  clear(): void {
    this.#keys.clear();
  }
}
