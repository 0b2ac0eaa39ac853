/**
 * `matterline image`: Matter provisioning images for Silicon Labs EFR32 (docs/factory-image.md).
 *   image build --layout nvm3|single-page --part OPN --data FILE.json --out FILE(.bin|.hex|.s37)
 *   image parse FILE --part OPN [--nvm3-base ADDR] [--base ADDR] [--json]
 * Exit codes: 0 ok (warnings included); 2 unusable input — a data file with wrong or missing values,
 * a certificate, CD or key file that cannot be read, an image without provisioning data — reported
 * with the catalogue error naming the file and the problem.
 */
import { Option } from 'commander';
import { parseInteger } from '../../arguments';
import type { RegisterCommand } from '../../context';
import { build, type BuildOptions } from './build';
import { parse, type ParseOptions } from './parse';

export const registerImageCommand: RegisterCommand = (program, context) => {
  const image = program.command('image').description('Matter provisioning images for Silicon Labs EFR32: NVM3 factory data + credentials page, or the single page');
  const address = (option: string) => parseInteger(option, 0, 0xffff_ffff);
  image
    .command('build')
    .description('write the factory data, DAC, PAI and CD (and for single-page the DAC key) at the part\'s real addresses')
    .addOption(new Option('--layout <layout>', 'nvm3 (factory data in NVM3 + credentials page) or single-page (matter_provision_flash)').choices(['nvm3', 'single-page']).makeOptionMandatory())
    .addOption(new Option('--part <opn>', 'orderable part number, e.g. EFR32MG24B210F1536IM48').makeOptionMandatory())
    .addOption(new Option('--data <file>', 'factory data JSON (names in docs/factory-image.md); certificate and key paths are relative to it').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'output image: .bin (starts at the lowest address written), .hex or .s37').makeOptionMandatory())
    .addOption(new Option('--nvm3-base <addr>', 'NVM3 region base when the firmware places it elsewhere (its map file: linker_nvm_begin)').argParser(address('--nvm3-base')))
    .addOption(new Option('--creds-address <addr>', 'credentials page address (default: the last flash page)').argParser(address('--creds-address')))
    .action((options: BuildOptions) => build(context, options));

  image
    .command('parse')
    .description('read a provisioning image back: layout, factory values, certificates, NVM3 statistics, warnings')
    .argument('<file>', 'the image: .hex, .s37 or .bin')
    .addOption(new Option('--part <opn>', 'orderable part number, e.g. EFR32MG24B210F1536IM48').makeOptionMandatory())
    .addOption(new Option('--nvm3-base <addr>', 'NVM3 region base (default: the part\'s, or a run of NVM3 pages found in the image)').argParser(address('--nvm3-base')))
    .addOption(new Option('--creds-address <addr>', 'credentials page address (default: the last flash page)').argParser(address('--creds-address')))
    .addOption(new Option('--base <addr>', 'address of the first byte of a .bin file (default: the lowest address `image build` writes)').argParser(address('--base')))
    .addOption(new Option('--layout <layout>', 'read as this layout instead of detecting it').choices(['nvm3', 'single-page']))
    .action((file: string, options: ParseOptions) => parse(context, file, options));
};
