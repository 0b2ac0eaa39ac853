/**
 * validateConfig: every rule of a product configuration against the files it names
 * (docs/product-configuration.md, "Rules"). Pure — the files come in as bytes (loadConfigInputs) and
 * the clock as `now` — but asynchronous, because the CD's signature is checked with WebCrypto.
 */
import { checkAttestation } from './attestationRules';
import { checkDeviceRules } from './deviceRules';
import type { ConfigInputs } from './inputs';
import { isValid, type ConfigValidation } from './problems';
import type { ProductConfig } from './schema';

export interface ValidateConfigOptions {
  /** When the certificates must be valid. */
  readonly now: Date;
}

export async function validateConfig(config: ProductConfig, inputs: ConfigInputs, options: ValidateConfigOptions): Promise<ConfigValidation> {
  const problems = [...checkDeviceRules(config, inputs), ...(await checkAttestation(config, inputs, options.now))];
  return { valid: isValid(problems), problems };
}
