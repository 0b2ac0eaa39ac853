/**
 * `matterline audit verify`: walks the audit trail's hash chain (docs/records.md "Audit chain").
 * Exit codes: 0 the chain is intact; 1 it is broken (the first event that does not verify is named);
 * 2 the database cannot be read. The database is opened read-only when it is up to date, so
 * verifying a copy kept as evidence does not change it.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { failure, type Result } from '../../../preload/contract/errors';
import { verifyAuditTrail } from '../../station/records/auditTrail';
import { openStationDatabase, type StationDatabase } from '../../store/database';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

export const registerAuditCommand: RegisterCommand = (program, context) => {
  const audit = program.command('audit').description('the audit trail: every recorded event, each carrying the hash of the one before');
  audit
    .command('verify')
    .description('check that no event of the audit trail was changed, removed or inserted')
    .action((_options: unknown, command: Command) => verify(context, command));
};

function verify(context: CliContext, command: Command): void {
  const { output } = context;
  const opened = openExisting(context.databasePath(command));
  if (!opened.ok) {
    printError(output, opened.error);
    context.setExitCode(EXIT_BAD_INPUT);
    return;
  }
  const db = opened.value;
  try {
    const result = verifyAuditTrail(db);
    context.setExitCode(result.ok ? EXIT_OK : EXIT_FAILED);
    if (output.json) {
      printJson(output, { database: db.path, ...result });
    } else if (result.ok) {
      output.write(`audit trail intact: ${result.events} event(s) in ${db.path}`);
      output.write(`head hash: ${result.headHash}`);
      if (result.firstAt !== null) output.write(`from ${result.firstAt} to ${result.lastAt ?? result.firstAt}`);
    } else {
      printError(output, result.error);
      output.write(`audit trail BROKEN at event ${result.brokenSeq} of ${result.events}: ${result.reason}`);
    }
  } finally {
    db.close();
  }
}

/** Opens a database that must already exist; read-only unless its schema needs bringing up to date first. */
export function openExisting(path: string): Result<StationDatabase> {
  if (path !== ':memory:' && !existsSync(path)) return failure('FILE_UNREADABLE', `${path}: no station database at this path`);
  const readonly = openStationDatabase(path, { readonly: true });
  if (readonly.ok || readonly.error.code !== 'DB_MIGRATION_FAILED') return readonly;
  return openStationDatabase(path);
}
