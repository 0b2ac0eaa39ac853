/**
 * The device-side rules of a product configuration: the part, storage layout vs key mode vs agent,
 * Secure Vault and debug-lock warnings, firmware images against the part's flash map, the
 * serial-number pattern and the 32-byte Matter text fields. Pure.
 */
import { hexAddress, imageBounds, type FirmwareImage } from '../../firmware';
import { parseOrderablePartNumber, type PartInfo } from '../../silabs/parts';
import type { ConfigInputs, LoadedFirmware } from './inputs';
import { error, warning, type ConfigProblem } from './problems';
import type { ProductConfig } from './schema';
import { checkSerialPattern } from './serialNumber';

/** Basic Information strings and what the device stores for them: 32 bytes each. */
export const MATTER_TEXT_MAX_BYTES = 32;
const MATTER_TEXT_FIELDS = ['vendorName', 'productName', 'productLabel', 'productUrl', 'partNumber', 'hardwareVersionString'] as const;

export function checkDeviceRules(config: ProductConfig, inputs: ConfigInputs): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const part = parseOrderablePartNumber(config.part);
  if (!part.ok) problems.push(error('part', 'CONFIG_PART_UNKNOWN', `${part.error.detail ?? config.part}; use the full orderable part number, e.g. EFR32MG24B210F1536IM48`));

  if (config.storage === 'single-page' && config.keyMode !== 'host') {
    problems.push(error('keyMode', 'CONFIG_STORAGE_CONFLICT', 'single-page storage keeps the DAC key in the flash page, so the key must be made on the host; set keyMode to "host" or storage to "nvm3"'));
  }
  if (config.storage === 'nvm3' && config.agent.source === 'none') {
    problems.push(error('agent.source', 'CONFIG_STORAGE_CONFLICT', 'NVM3 storage is written by a provisioning agent running on the chip; set agent.source to "firmware" or "image", or storage to "single-page"'));
  }
  if (part.ok && config.keyMode === 'host' && part.value.security === 'secure-vault') {
    const acknowledged = config.security.acknowledgeHostKeyOnSecureVault;
    problems.push(
      warning(
        'keyMode',
        'CONFIG_HOST_KEY_ON_SECURE_VAULT',
        `${part.value.orderablePartNumber} is a Secure Vault part, and a host-generated DAC key existed outside the chip; use keyMode "on-chip", or set security.acknowledgeHostKeyOnSecureVault to true to accept it`,
        acknowledged,
      ),
    );
  }

  if (config.security.debugLock === 'none' && config.attestation.dcl === 'production') {
    problems.push(warning('security.debugLock', 'CONFIG_DEBUG_LOCK_NOTICE', 'production devices will leave the station with the debug port open, so anyone can read the flash; choose "standard", "permanent" or "secure" unless this is intended'));
  }
  if (config.security.debugLock === 'secure') {
    problems.push(warning('security.debugLock', 'CONFIG_DEBUG_LOCK_NOTICE', 'secure debug lock needs a public command key installed on each chip (checked on the device before locking); install it first, or the device cannot be locked'));
  }

  if (part.ok) {
    for (const firmware of [inputs.agentImage, inputs.productionFirmware]) {
      if (firmware !== null) problems.push(...checkFirmware(firmware, part.value));
    }
  } else {
    for (const firmware of [inputs.agentImage, inputs.productionFirmware]) {
      if (firmware !== null && !firmware.image.ok) problems.push(unreadable(firmware));
    }
  }

  const serial = checkSerialPattern(config.commissioning.serialNumberPattern);
  for (const reason of serial.problems) {
    problems.push(error('commissioning.serialNumberPattern', 'CONFIG_SERIAL_PATTERN_INVALID', `"${config.commissioning.serialNumberPattern}": ${reason}; use e.g. "{station}-{lot}-{seq:6}"`));
  }

  const encoder = new TextEncoder();
  for (const name of MATTER_TEXT_FIELDS) {
    const value = config.matter[name];
    if (value === undefined) continue;
    const bytes = encoder.encode(value).length;
    if (bytes > MATTER_TEXT_MAX_BYTES) {
      problems.push(error(`matter.${name}`, 'CONFIG_TEXT_TOO_LONG', `"${value}" is ${bytes} bytes in UTF-8 but the device stores at most ${MATTER_TEXT_MAX_BYTES}; shorten it`));
    }
  }
  return problems;
}

function unreadable(firmware: LoadedFirmware): ConfigProblem {
  const reason = firmware.image.ok ? '' : (firmware.image.error.detail ?? firmware.image.error.message);
  return error(firmware.field, 'CONFIG_FIRMWARE_INVALID', `${firmware.path} cannot be read as firmware (${reason}); give an Intel HEX, S37 or binary image (binary with baseAddress)`);
}

/** Inside the flash, clear of NVM3 and the credentials page (both hold what provisioning writes). */
function checkFirmware(firmware: LoadedFirmware, part: PartInfo): ConfigProblem[] {
  if (!firmware.image.ok) return [unreadable(firmware)];
  const image: FirmwareImage = firmware.image.value;
  const bounds = imageBounds(image);
  if (bounds === null) return [error(firmware.field, 'CONFIG_FIRMWARE_INVALID', `${firmware.path} holds no data; give the built image`)];
  const { flashBase, flashSize, nvm3, credentialsPage, pageSize } = part.memory;
  const flashEnd = flashBase + flashSize;
  const problems: ConfigProblem[] = [];
  const outside = image.segments.find((segment) => segment.address < flashBase || segment.address + segment.bytes.length > flashEnd);
  if (outside !== undefined) {
    problems.push(
      error(
        firmware.field,
        'CONFIG_FIRMWARE_LAYOUT',
        `${firmware.path} has data at ${hexAddress(outside.address)}–${hexAddress(outside.address + outside.bytes.length - 1)}, outside the flash of ${part.orderablePartNumber} (${hexAddress(flashBase)}–${hexAddress(flashEnd - 1)}); build it for this part`,
      ),
    );
  }
  const regions = [
    { name: 'the NVM3 region', start: nvm3.base, end: nvm3.base + nvm3.size },
    { name: 'the credentials page', start: credentialsPage, end: credentialsPage + pageSize },
  ];
  for (const region of regions) {
    const hit = image.segments.find((segment) => segment.address < region.end && region.start < segment.address + segment.bytes.length);
    if (hit === undefined) continue;
    const from = Math.max(hit.address, region.start);
    problems.push(
      error(
        firmware.field,
        'CONFIG_FIRMWARE_LAYOUT',
        `${firmware.path} writes ${hexAddress(from)}, inside ${region.name} ${hexAddress(region.start)}–${hexAddress(region.end - 1)} where the factory data lives; end the image below ${hexAddress(nvm3.base)}`,
      ),
    );
  }
  return problems;
}
