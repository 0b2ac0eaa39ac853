/**
 * A configuration's content hash: what QA approval freezes and a lot records. It covers the
 * configuration (after defaults) and the sha256 of every file it names, so replacing the PAI, the CD
 * or a firmware image behind the same path changes the hash:
 *
 *   sha256_hex( canonicalJson({ config, files: fileDigests }) )
 *
 * canonicalJson (main/store/canonicalJson.ts) sorts keys and drops whitespace, so anyone can
 * recompute it with a JSON library that sorts keys.
 */
import { canonicalJson, sha256Hex } from '../../store/canonicalJson';
import type { ProductConfig } from './schema';

export function configContentHash(config: ProductConfig, fileDigests: Readonly<Record<string, string>>): string {
  return sha256Hex(canonicalJson({ config, files: fileDigests }));
}
