/**
 * `matterline readback --probe P`: the QA read-back of one device (docs/verification.md). Reads the
 * board, finds the station's record for it, runs every check against the record and its lot's
 * configuration, and records the inspection. Exit 0 every check passed; 1 a check failed or the
 * board is not one of ours; 2 bad input.
 */
import type { Command } from 'commander';
import { openProbe } from '../../probes/open';
import { inspectBoard } from '../../station/qa/inspectBoard';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_FAILED, EXIT_OK, printJson } from '../output';
import { withStationDatabase } from '../stationDatabase';
import { fail } from './lot';

async function readback(context: CliContext, command: Command, options: { probe: string }): Promise<void> {
  await withStationDatabase(context, command, async (db) => {
    const opened = await openProbe(options.probe);
    if (!opened.ok) return fail(context, opened.error);
    try {
      const inspected = await inspectBoard(db, opened.value.port, { probe: options.probe, now: new Date(), actor: 'cli' });
      if (!inspected.ok) return fail(context, inspected.error);
      const { report, device, lot, inspection, readback: board } = inspected.value;
      const record = device === null ? null : { serialNumber: device.serialNumber, status: device.status, lot: lot?.name ?? null, dacSerial: device.dacSerial, eui64: device.uniqueChipId, matches: report.passed };
      if (context.output.json) {
        printJson(context.output, { probe: options.probe, passed: report.passed, partNumber: report.partNumber, eui64: report.eui64, dacSerial: report.dacSerial, lockState: board.lockState, checks: report.checks, record, inspectionId: inspection?.id ?? null });
      } else {
        context.output.write(`${report.passed ? 'PASS' : 'FAIL'}  ${report.partNumber ?? 'unknown part'}  EUI-64 ${report.eui64 ?? '-'}  DAC ${report.dacSerial ?? '-'}`);
        if (record !== null) context.output.write(`record: ${record.serialNumber} in lot "${record.lot ?? '?'}" (${record.status})`);
        for (const check of report.checks) context.output.write(`  ${check.status.padEnd(4)}  ${check.name.padEnd(20)}  ${check.message}`);
        if (inspection !== null) context.output.write(`inspection ${inspection.id} recorded`);
      }
      context.setExitCode(report.passed ? EXIT_OK : EXIT_FAILED);
    } finally {
      await opened.value.save();
      await opened.value.port.close();
    }
  });
}

export const registerReadbackCommand: RegisterCommand = (program, context) => {
  program
    .command('readback')
    .description('QA read-back: verify one device end to end and compare it with the station record')
    .requiredOption('--probe <address>', 'probe address, e.g. sim:EFR32MG24B210F1536IM48@board.sim')
    .action((options: { probe: string }, command: Command) => readback(context, command, options));
};
