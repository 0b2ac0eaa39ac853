/**
 * `matterline operator`: station operators and their roles (technician, qa, engineer).
 *   operator add NAME --role ROLE --pin PIN   the PIN is stored as a scrypt hash (operatorPins.ts)
 *   operator list
 * Exit codes: 0 ok; 2 bad input (a PIN that is not 4 to 12 digits, a name already taken, an unusable database).
 */
import { Option, type Command } from 'commander';
import type { Result } from '../../../preload/contract/errors';
import { openStationDatabase, type StationDatabase } from '../../store/database';
import { hashPin } from '../../store/repositories/operatorPins';
import type { Operator, OperatorRole } from '../../store/repositories/operators';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, printError, printJson } from '../output';
import { resolvePin } from '../pinArgument';

const ROLES: readonly OperatorRole[] = ['technician', 'qa', 'engineer'];

interface AddOptions {
  role: OperatorRole;
  pin: string;
}

export const registerOperatorCommand: RegisterCommand = (program, context) => {
  const operator = program.command('operator').description('station operators: technicians, QA inspectors and engineers, each with a PIN');
  operator
    .command('add')
    .description('add an operator; the PIN (4 to 12 digits) is stored only as a scrypt hash')
    .argument('<name>', 'the operator\'s name, unique regardless of case')
    .addOption(new Option('--role <role>', 'what the operator may do').choices(ROLES).makeOptionMandatory())
    .addOption(new Option('--pin <pin>', 'sign-in PIN, 4 to 12 digits; - reads it from standard input').makeOptionMandatory())
    .action((name: string, options: AddOptions, command: Command) => add(context, command, name, options));
  operator
    .command('list')
    .description('list the operators (never their PINs)')
    .action((_options: unknown, command: Command) => list(context, command));
};

function add(context: CliContext, command: Command, name: string, options: AddOptions): void {
  const pin = hashPin(resolvePin(options.pin));
  if (!pin.ok) return fail(context, pin);
  withDatabase(context, command, (db) => {
    const created = db.operators.create({ name, role: options.role, ...pin.value });
    if (!created.ok) return fail(context, created);
    const event = db.events.append('operator.added', 'cli', { operatorId: created.value.id, name: created.value.name, role: created.value.role });
    if (!event.ok) return fail(context, event);
    if (context.output.json) printJson(context.output, { ok: true, operator: created.value });
    else context.output.write(`added ${created.value.role} "${created.value.name}" (operator ${created.value.id})`);
  });
}

function list(context: CliContext, command: Command): void {
  withDatabase(context, command, (db) => {
    const operators = db.operators.list();
    if (context.output.json) printJson(context.output, { operators });
    else if (operators.length === 0) context.output.write('no operators yet; add one with: matterline operator add NAME --role engineer --pin PIN');
    else for (const operator of operators) context.output.write(describe(operator));
  });
}

function describe(operator: Operator): string {
  return `${String(operator.id).padStart(4)}  ${operator.role.padEnd(10)}  ${operator.name}${operator.active ? '' : '  (inactive)'}`;
}

function withDatabase(context: CliContext, command: Command, use: (db: StationDatabase) => void): void {
  const opened = openStationDatabase(context.databasePath(command));
  if (!opened.ok) return fail(context, opened);
  try {
    use(opened.value);
  } finally {
    opened.value.close();
  }
}

function fail(context: CliContext, result: Result<unknown> & { ok: false }): void {
  printError(context.output, result.error);
  context.setExitCode(EXIT_BAD_INPUT);
}
