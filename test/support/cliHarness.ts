// Runs `matterline` in process through runCli — the same code path as the binary — with an output
// that captures what a user would see. Any stack trace in that output fails the test: errors must
// reach users as catalogue sentences.
import { runCli } from '../../main/cli/index';
import type { Output } from '../../main/cli/output';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json(): Record<string, unknown>;
}

export async function runMatterline(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const makeOutput = (json: boolean): Output => ({ json, write: (text) => out.push(text), writeError: (text) => err.push(text) });
  const code = await runCli(argv, { buildDir: '/nonexistent', makeOutput });
  const stdout = out.join('\n');
  const stderr = err.join('\n');
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(`${stdout}\n${stderr}`)) throw new Error(`matterline ${argv.join(' ')} printed a stack trace:\n${stdout}\n${stderr}`);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}
