/**
 * `matterline config`: product configurations (docs/product-configuration.md).
 *   config validate FILE [--now ISO]     check a configuration and the files it names
 *   config import FILE [--out OUT]       turn a Silicon Labs provision-tool JSON into a configuration
 * Exit codes: validate — 0 valid, 1 a rule is broken (each problem printed with its field), 2 the file
 * or a file it names cannot be read or is not a configuration. import — 0 written (the validation
 * that follows is reported, never fatal: the files it names often arrive later), 2 unreadable input
 * or an existing --out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { appError, type AppErrorInfo } from '../../../preload/contract/errors';
import {
  configContentHash,
  importSilabsJson,
  loadConfigFile,
  loadConfigInputs,
  parseConfigValue,
  validateConfig,
  type ConfigProblem,
  type ConfigValidation,
  type ProductConfig,
} from '../../station/config';
import { parseInstant, readInputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

const MAX_IMPORT_BYTES = 1024 * 1024;

interface ValidateOptions {
  now?: Date;
}

interface ImportOptions {
  out?: string;
}

/** The JSON document of `config validate`. */
export interface ConfigValidateJson {
  file: string;
  valid: boolean;
  contentHash: string;
  vendorId: number;
  productId: number;
  problems: ConfigProblem[];
}

export const registerConfigCommand: RegisterCommand = (program, context) => {
  const config = program.command('config').description('product configurations: validate one, or import a Silicon Labs provision-tool JSON');
  config
    .command('validate')
    .description('check a product configuration and every file it names; prints each problem with its field')
    .argument('<file>', 'the configuration (JSON)')
    .addOption(new Option('--now <iso>', 'check certificate validity at this instant instead of now').argParser(parseInstant('--now')))
    .action((file: string, options: ValidateOptions) => validate(context, file, options));
  config
    .command('import')
    .description('write a Matterline configuration from the provision tool\'s latest.json or cpms.json; prints what was not imported')
    .argument('<file>', 'the Silicon Labs JSON')
    .option('--out <file>', 'where to write the configuration (default: <file name>.matterline.json next to the input); never overwritten')
    .action((file: string, options: ImportOptions) => importJson(context, file, options));
};

function fail(context: CliContext, error: AppErrorInfo, code = EXIT_BAD_INPUT): void {
  printError(context.output, error);
  context.setExitCode(code);
}

function problemLines(problems: readonly ConfigProblem[]): string[] {
  return problems.map((problem) => {
    const tag = problem.severity === 'error' ? 'ERROR' : problem.acknowledged === true ? 'WARN (acknowledged)' : problem.acknowledged === false ? 'WARN (needs acknowledgement)' : 'WARN';
    return `  ${tag} ${problem.code}: ${problem.message}`;
  });
}

function summary(validation: ConfigValidation): string {
  const errors = validation.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = validation.problems.length - errors;
  return `${validation.valid ? 'valid' : 'INVALID'} (${errors} error(s), ${warnings} warning(s))`;
}

async function validate(context: CliContext, file: string, options: ValidateOptions): Promise<void> {
  const loaded = loadConfigFile(file);
  if (!loaded.ok) return fail(context, loaded.error);
  const { config, baseDir } = loaded.value;
  const inputs = loadConfigInputs(config, baseDir);
  if (!inputs.ok) return fail(context, inputs.error);
  const validation = await validateConfig(config, inputs.value, { now: options.now ?? new Date() });
  const contentHash = configContentHash(config, inputs.value.fileDigests);

  if (context.output.json) {
    const document: ConfigValidateJson = { file, valid: validation.valid, contentHash, vendorId: config.matter.vendorId, productId: config.matter.productId, problems: [...validation.problems] };
    printJson(context.output, document);
  } else {
    const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
    context.output.write(
      [
        `Product configuration ${file} ("${config.name}"): ${summary(validation)}`,
        `  part ${config.part}, vendor ${hex(config.matter.vendorId)}, product ${hex(config.matter.productId)}, ${config.attestation.dcl} DCL`,
        `  content hash ${contentHash}`,
        ...problemLines(validation.problems),
      ].join('\n'),
    );
  }
  context.setExitCode(validation.valid ? EXIT_OK : EXIT_FAILED);
}

async function importJson(context: CliContext, file: string, options: ImportOptions): Promise<void> {
  const { output } = context;
  const out = options.out ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.matterline.json`);
  if (fs.existsSync(out)) return fail(context, appError('CONFIG_OUTPUT_EXISTS', out));
  const read = readInputFile(file, 'Silicon Labs provisioning JSON', MAX_IMPORT_BYTES);
  if (!read.ok) return fail(context, read.error);
  const imported = importSilabsJson(read.value, { baseDir: path.dirname(path.resolve(file)), outputDir: path.dirname(path.resolve(out)) });
  if (!imported.ok) return fail(context, appError(imported.error.code, `${file}: ${imported.error.detail ?? ''}`));
  const { config, notes } = imported.value;

  // Written with 'wx' so a file created meanwhile is not overwritten either.
  try {
    fs.writeFileSync(out, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail(context, appError('CONFIG_OUTPUT_EXISTS', out));
    return fail(context, appError('FILE_NOT_WRITABLE', `product configuration ${out}: ${error instanceof Error ? error.message : String(error)}`));
  }

  const check = await checkImported(config, out);
  if (output.json) {
    printJson(output, { file, out, schemaVersion: imported.value.schemaVersion, notes, validation: check });
  } else {
    const lines = [`Wrote product configuration ${out} from ${file} (provision-tool schema v${imported.value.schemaVersion})`, ...notes.map((note) => `  note: ${note}`)];
    if (check.status === 'validated') lines.push(`  validation: ${summary({ valid: check.valid, problems: check.problems })}`, ...problemLines(check.problems));
    else lines.push(`  validation: not run — ${check.reason}`);
    lines.push(`Check it with: matterline config validate ${out}`);
    output.write(lines.join('\n'));
  }
  context.setExitCode(EXIT_OK);
}

type ImportCheck =
  | { status: 'validated'; valid: boolean; contentHash: string; problems: ConfigProblem[] }
  | { status: 'not-validated'; reason: string; error: AppErrorInfo };

/** Validate what was written if it is a complete configuration and its files exist; otherwise say why not. */
async function checkImported(value: unknown, out: string): Promise<ImportCheck> {
  const parsed = parseConfigValue(value, out);
  if (!parsed.ok) return { status: 'not-validated', reason: parsed.error.detail ?? parsed.error.message, error: parsed.error };
  const config: ProductConfig = parsed.value;
  const inputs = loadConfigInputs(config, path.dirname(path.resolve(out)));
  if (!inputs.ok) return { status: 'not-validated', reason: `a file it names is missing (${inputs.error.detail ?? ''})`, error: inputs.error };
  const validation = await validateConfig(config, inputs.value, { now: new Date() });
  return { status: 'validated', valid: validation.valid, contentHash: configContentHash(config, inputs.value.fileDigests), problems: [...validation.problems] };
}
