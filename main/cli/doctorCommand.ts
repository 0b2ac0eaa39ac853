/** `matterline doctor`: the preflight checks, the same ones the Preflight screen shows. */
import type { PreflightReport } from '../../preload/contract/preflight';
import { runPreflight } from '../preflight/runPreflight';
import { EXIT_FAILED, EXIT_OK, printJson, type Output } from './output';

export async function doctorCommand(output: Output, options: { databasePath: string; jlinkLib?: string | undefined }): Promise<number> {
  const report = await runPreflight({ databasePath: options.databasePath, jlinkLibraryPath: options.jlinkLib });
  if (output.json) printJson(output, report);
  else output.write(formatReport(report));
  return report.ok ? EXIT_OK : EXIT_FAILED;
}

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
