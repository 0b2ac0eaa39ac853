/** `matterline doctor`: the preflight checks, the same ones the Preflight screen shows. */
import type { PreflightReport } from '../../../preload/contract/preflight';
import { runPreflight } from '../../preflight/runPreflight';
import type { RegisterCommand } from '../context';
import { EXIT_FAILED, EXIT_OK, printJson } from '../output';

export const registerDoctorCommand: RegisterCommand = (program, context) => {
  program
    .command('doctor')
    .description('preflight checks: database, J-Link library, serial ports, udev rules, versions')
    .option('--jlink-lib <path>', 'the J-Link library to check instead of searching for it')
    .action(async (options: { jlinkLib?: string }, command) => {
      const report = await runPreflight({ databasePath: context.databasePath(command), jlinkLibraryPath: options.jlinkLib });
      if (context.output.json) printJson(context.output, report);
      else context.output.write(formatReport(report));
      context.setExitCode(report.ok ? EXIT_OK : EXIT_FAILED);
    });
};

export function formatReport(report: PreflightReport): string {
  const lines = ['Matterline preflight'];
  for (const check of report.checks) {
    const status = check.ok ? 'PASS' : check.required ? 'FAIL' : 'WARN';
    lines.push(`  ${status}  ${check.title}: ${check.message}`);
    if (!check.ok && check.fix !== null) lines.push(`        fix: ${check.fix}`);
  }
  const failed = report.checks.filter((check) => check.required && !check.ok).length;
  lines.push(failed === 0 ? 'All required checks passed.' : `${failed} required check${failed === 1 ? '' : 's'} failed.`);
  return lines.join('\n');
}
