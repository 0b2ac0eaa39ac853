/**
 * `matterline lot`: lots on probes (PRODUCT.md Workflow 2–5; docs/station.md).
 *   lot create --config FILE --name NAME --kind sample|production --quantity N   save the configuration, make the lot
 *   lot list
 *   lot run LOT --probe P [--probe P …] [--max-failures N]                       provision until the lot is complete
 *   lot approve LOT --operator NAME --pin PIN                                    QA: approve a sample lot (freezes its configuration)
 *   lot reject LOT --operator NAME --pin PIN --reason TEXT
 *   lot report LOT [--format csv|json] [--out FILE] [--dac-bundle DIR]
 * LOT is a lot's id or name. Exit codes: 0 ok; 1 a device failed, the lot is incomplete, or a rule
 * refused the request (unapproved configuration, wrong PIN); 2 bad input.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { failure, success, type AppErrorInfo, type ErrorCode, type Result } from '../../../preload/contract/errors';
import { readJlinkLibraryPath } from '../../services/stationSettings';
import { buildDacBundle, buildLotReport, reportCsv, reportJson, writeDacBundle } from '../../station/records';
import { saveConfigurationFile } from '../../station/productConfigs';
import { recoverInterruptedAttempts } from '../../station/recovery';
import { runLot } from '../../station/runLot';
import type { StationDatabase } from '../../store/database';
import { signIn } from '../../store/repositories/operatorPins';
import type { Lot } from '../../store/repositories/lots';
import { parseInteger, writeOutputFile } from '../arguments';
import { cancelOnSignal } from '../cancelOnSignal';
import { resolvePin } from '../pinArgument';
import type { CliContext, RegisterCommand } from '../context';
import { DeviceCollector, printRun, summarise } from '../lotRunOutput';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';
import { withStationDatabase } from '../stationDatabase';

const BAD_INPUT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CLI_BAD_ARGUMENT', 'FILE_UNREADABLE', 'CONFIG_MALFORMED', 'CONFIG_FILE_MISSING', 'PROBE_ADDRESS_INVALID', 'PROBE_ADDRESS_UNAVAILABLE', 'NOT_FOUND', 'FILE_NOT_WRITABLE']);
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(BAD_INPUT.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILED);
}

export function findLot(db: StationDatabase, reference: string): Result<Lot> {
  if (/^[0-9]+$/.test(reference)) {
    const byId = db.lots.get(Number(reference));
    if (byId.ok) return byId;
  }
  const byName = db.lots.list().find((lot) => lot.name === reference);
  return byName === undefined ? failure('NOT_FOUND', `lot "${reference}": no lot has this id or name (matterline lot list)`) : success(byName);
}

function describeLot(db: StationDatabase, lot: Lot): Record<string, unknown> {
  return { id: lot.id, name: lot.name, kind: lot.kind, status: lot.status, quantity: lot.quantity, configId: lot.configId, configHash: lot.configHash, stationId: lot.stationId, counts: db.lots.counts(lot.id) };
}

interface CreateOptions {
  config: string;
  name: string;
  kind: 'sample' | 'production';
  quantity: number;
  notes?: string;
}

async function create(context: CliContext, command: Command, options: CreateOptions): Promise<void> {
  await withStationDatabase(context, command, async (db) => {
    const saved = await saveConfigurationFile(db, options.config, { now: new Date() });
    if (!saved.ok) return fail(context, saved.error);
    const lot = db.lots.create({ name: options.name, kind: options.kind, configId: saved.value.record.id, quantity: options.quantity, ...(options.notes === undefined ? {} : { notes: options.notes }) });
    if (!lot.ok) return fail(context, lot.error);
    const config = saved.value.record;
    if (context.output.json) printJson(context.output, { lot: describeLot(db, lot.value), config: { id: config.id, name: config.name, version: config.version, status: config.status, contentHash: config.contentHash } });
    else {
      context.output.write(`lot ${lot.value.id} "${lot.value.name}" (${lot.value.kind}, ${lot.value.quantity} devices) on configuration "${config.name}" v${config.version} (${config.status})`);
      for (const problem of saved.value.validation.problems) context.output.write(`  ${problem.severity}: ${problem.message}`);
    }
    context.setExitCode(EXIT_OK);
  });
}

async function list(context: CliContext, command: Command): Promise<void> {
  await withStationDatabase(context, command, (db) => {
    const lots = db.lots.list().map((lot) => describeLot(db, lot));
    if (context.output.json) printJson(context.output, { lots });
    else if (lots.length === 0) context.output.write('no lots yet: matterline lot create --config FILE --name NAME --kind sample --quantity N');
    else for (const lot of db.lots.list()) context.output.write(`${String(lot.id).padStart(4)}  ${lot.kind.padEnd(10)}  ${lot.status.padEnd(11)}  ${db.lots.counts(lot.id).passed}/${lot.quantity}  ${lot.name}`);
    context.setExitCode(EXIT_OK);
  });
}

interface RunOptions {
  probe?: string[];
  maxFailures?: number;
  jlinkLib?: string;
}

async function run(context: CliContext, command: Command, reference: string, options: RunOptions): Promise<void> {
  const probes = options.probe ?? [];
  if (probes.length === 0) return fail(context, { code: 'CLI_BAD_ARGUMENT', message: 'give at least one --probe', fix: 'For example --probe sim:EFR32MG24B210F1536IM48' });
  await withStationDatabase(context, command, async (db) => {
    const lot = findLot(db, reference);
    if (!lot.ok) return fail(context, lot.error);
    const recovered = await recoverInterruptedAttempts(db, { now: new Date(), actor: 'cli' });
    if (!recovered.ok) return fail(context, recovered.error);
    const collector = new DeviceCollector(db, context.output);
    const started = performance.now();
    const cancel = cancelOnSignal();
    // --jlink-lib wins over the station settings' path; both are searched before MATTERLINE_JLINK_LIB.
    const jlinkLibraryPath = options.jlinkLib ?? readJlinkLibraryPath(db);
    const ran = await runLot({
      db,
      lotId: lot.value.id,
      probes,
      actor: 'cli',
      onEvent: collector.onEvent,
      signal: cancel.signal,
      jlinkLibraryPath,
      ...(options.maxFailures === undefined ? {} : { maxFailures: options.maxFailures }),
    });
    cancel.dispose();
    if (!ran.ok) return fail(context, ran.error);
    const summary = summarise(collector.devices, ran.value, (performance.now() - started) / 1000, recovered.value);
    printRun(context.output, ran.value, collector.devices, summary, recovered.value.length > 0 ? { recovered: recovered.value } : {});
    context.setExitCode(ran.value.complete && summary.failed === 0 ? EXIT_OK : EXIT_FAILED);
  });
}

async function decide(context: CliContext, command: Command, reference: string, decision: 'approved' | 'rejected', options: { operator: string; pin: string; reason?: string }): Promise<void> {
  await withStationDatabase(context, command, (db) => {
    const lot = findLot(db, reference);
    if (!lot.ok) return fail(context, lot.error);
    const operator = signIn(db.operators, options.operator, resolvePin(options.pin));
    if (!operator.ok) return fail(context, operator.error);
    const decided = db.lotDecisions.decide({ lotId: lot.value.id, decision, operatorId: operator.value.id, reason: options.reason ?? null });
    if (!decided.ok) return fail(context, decided.error);
    const after = db.lots.get(lot.value.id);
    const config = db.configs.get(lot.value.configId);
    if (context.output.json) printJson(context.output, { decision: decided.value, lot: after.ok ? describeLot(db, after.value) : null, config: config.ok ? { id: config.value.id, status: config.value.status, contentHash: config.value.contentHash } : null });
    else context.output.write(`lot "${lot.value.name}" ${decision} by ${operator.value.name}${decision === 'approved' && config.ok ? `; configuration "${config.value.name}" v${config.value.version} is approved and frozen (${config.value.contentHash})` : ''}`);
    context.setExitCode(EXIT_OK);
  });
}

async function report(context: CliContext, command: Command, reference: string, options: { format: 'csv' | 'json'; out?: string; dacBundle?: string }): Promise<void> {
  await withStationDatabase(context, command, (db) => {
    const lot = findLot(db, reference);
    if (!lot.ok) return fail(context, lot.error);
    const built = buildLotReport(db, lot.value.id);
    if (!built.ok) return fail(context, built.error);
    const text = options.format === 'csv' ? reportCsv(built.value.rows) : reportJson(built.value);
    if (options.out !== undefined) {
      const written = writeOutputFile(options.out, 'lot report', text);
      if (!written.ok) return fail(context, written.error);
    }
    let bundle: string | null = null;
    if (options.dacBundle !== undefined) {
      const dacs = buildDacBundle(db, lot.value.id);
      if (!dacs.ok) return fail(context, dacs.error);
      const written = writeDacBundle(options.dacBundle, dacs.value);
      if (!written.ok) return fail(context, written.error);
      bundle = written.value;
    }
    if (context.output.json) printJson(context.output, { report: options.out ?? null, dacBundle: bundle, summary: built.value.summary, ...(options.out === undefined ? { rows: built.value.rows } : {}) });
    else if (options.out === undefined) context.output.write(text.trimEnd());
    else context.output.write(`report of lot "${lot.value.name}" written to ${options.out}${bundle === null ? '' : `; DAC bundle in ${bundle}`}`);
    context.setExitCode(EXIT_OK);
  });
}

export const registerLotCommand: RegisterCommand = (program, context) => {
  const lot = program.command('lot').description('lots: create, run on probes, QA decision, report');
  lot
    .command('create')
    .description('save a product configuration and make a lot on it')
    .requiredOption('--config <file>', 'product configuration (JSON)')
    .requiredOption('--name <name>', 'lot name (unique)')
    .addOption(new Option('--kind <kind>', 'sample or production').choices(['sample', 'production']).default('sample'))
    .requiredOption('--quantity <n>', 'devices in the lot', parseInteger('--quantity', 1, 1_000_000))
    .option('--notes <text>', 'free text kept with the lot')
    .action((options: CreateOptions, command: Command) => create(context, command, options));
  lot.command('list').description('the lots, newest first').action((_options: unknown, command: Command) => list(context, command));
  lot
    .command('run <lot>')
    .description('provision devices of the lot until it is complete (one worker process per probe)')
    .option('--probe <address>', 'probe address (repeat for several probes): sim:PART, sim:PART@STATE, jlink:SERIAL', collect)
    .option('--max-failures <n>', 'stop after this many failed devices (default: the lot quantity)', parseInteger('--max-failures', 1, 1_000_000))
    .option('--jlink-lib <path>', "SEGGER's J-Link library (file or folder) for jlink: probes; default the station settings, then the search")
    .action((reference: string, options: RunOptions, command: Command) => run(context, command, reference, options));
  for (const [name, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    lot
      .command(`${name} <lot>`)
      .description(decision === 'approved' ? 'QA: approve a sample lot; its configuration is approved and frozen' : 'QA: reject a sample lot')
      .requiredOption('--operator <name>', 'QA operator name')
      .requiredOption('--pin <pin>', "the operator's PIN; - reads it from standard input")
      .option('--reason <text>', 'why (required to reject)')
      .action((reference: string, options: { operator: string; pin: string; reason?: string }, command: Command) => decide(context, command, reference, decision, options));
  }
  lot
    .command('report <lot>')
    .description('lot report (CSV or JSON) and the issued-DAC bundle')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write the report to this file')
    .option('--dac-bundle <dir>', 'write the issued DACs and a manifest into this empty folder')
    .action((reference: string, options: { format: 'csv' | 'json'; out?: string; dacBundle?: string }, command: Command) => report(context, command, reference, options));
};
