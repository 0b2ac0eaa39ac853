/**
 * `matterline demo [--devices N] [--probes K]`: the whole station on simulated boards, offline.
 * Creates the demo configuration on first run (test PAA, PAI FFF1/8000, CD signer, development CD,
 * simulated agent and production firmware for EFR32MG24B210F1536IM48), saves it, makes a sample lot
 * of N devices and runs it on K simulated probes — each in its own worker process, exactly as real
 * probes run — then writes the lot report. Each board's state is kept in
 * `<user-data>/demo-boards/<EUI-64>.sim`, so `matterline readback --probe sim:PART@<that file>` reads
 * one back. Exit 0 only if every device passed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DEMO_PART, ensureDemoConfiguration } from '../../services/demoConfiguration';
import { saveConfigurationFile } from '../../station/productConfigs';
import { buildLotReport, reportCsv } from '../../station/records';
import { recoverInterruptedAttempts } from '../../station/recovery';
import { runLot } from '../../station/runLot';
import { parseInteger, writeOutputFile } from '../arguments';
import { cancelOnSignal } from '../cancelOnSignal';
import type { CliContext, RegisterCommand } from '../context';
import { DeviceCollector, printRun, summarise } from '../lotRunOutput';
import { EXIT_FAILED, EXIT_OK } from '../output';
import { withStationDatabase } from '../stationDatabase';
import { fail } from './lot';

interface DemoOptions {
  devices: number;
  probes: number;
}

async function demo(context: CliContext, command: Command, options: DemoOptions): Promise<void> {
  const userData = context.userDataDir(command);
  const made = await ensureDemoConfiguration(userData);
  if (!made.ok) return fail(context, made.error);
  await withStationDatabase(context, command, async (db) => {
    const recovered = await recoverInterruptedAttempts(db, { now: new Date(), actor: 'demo' });
    if (!recovered.ok) return fail(context, recovered.error);
    const saved = await saveConfigurationFile(db, made.value.configFile, { now: new Date() });
    if (!saved.ok) return fail(context, saved.error);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const lot = db.lots.create({ name: `demo-${stamp}-${process.pid}`, kind: 'sample', configId: saved.value.record.id, quantity: options.devices, notes: 'matterline demo' });
    if (!lot.ok) return fail(context, lot.error);
    const boards = path.join(userData, 'demo-boards');
    fs.mkdirSync(boards, { recursive: true });
    const probes = Array.from({ length: options.probes }, () => `sim:${DEMO_PART}`);
    const collector = new DeviceCollector(db, context.output);
    const started = performance.now();
    const cancel = cancelOnSignal();
    const ran = await runLot({ db, lotId: lot.value.id, probes, actor: 'demo', onEvent: collector.onEvent, keepBoardsIn: boards, signal: cancel.signal });
    cancel.dispose();
    if (!ran.ok) return fail(context, ran.error);
    const seconds = (performance.now() - started) / 1000;
    const report = buildLotReport(db, lot.value.id);
    if (!report.ok) return fail(context, report.error);
    const reportFile = path.join(userData, 'reports', `${lot.value.name}.csv`);
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    const written = writeOutputFile(reportFile, 'lot report', reportCsv(report.value.rows));
    if (!written.ok) return fail(context, written.error);
    const summary = summarise(collector.devices, ran.value, seconds, recovered.value);
    const devices = collector.devices.map((device) => ({ ...device, board: device.eui64 === null ? null : `sim:${DEMO_PART}@${path.join(boards, `${device.eui64}.sim`)}` }));
    printRun(context.output, ran.value, devices, { ...summary, devices: options.devices, probes: options.probes } as typeof summary, { report: reportFile, readback: devices[0]?.board === undefined || devices[0].board === null ? null : `matterline readback --probe ${devices[0].board}` });
    const allPassed = ran.value.complete && summary.failed === 0 && summary.passed === options.devices;
    context.setExitCode(allPassed ? EXIT_OK : EXIT_FAILED);
  });
}

export const registerDemoCommand: RegisterCommand = (program, context) => {
  program
    .command('demo')
    .description('provision a demo sample lot on simulated probes, end to end (creates the demo configuration if needed)')
    .option('--devices <n>', 'devices in the demo lot', parseInteger('--devices', 1, 100_000), 10)
    .option('--probes <k>', 'simulated probes, each in its own worker process', parseInteger('--probes', 1, 16), 1)
    .action((options: DemoOptions, command: Command) => demo(context, command, options));
};
