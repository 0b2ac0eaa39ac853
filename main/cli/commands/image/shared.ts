/** Helpers shared by `image build` and `image parse`: size limits, failing with exit code 2, the part. */
import { appError, type AppErrorInfo, type Result } from '../../../../preload/contract/errors';
import { parseOrderablePartNumber, type PartInfo } from '../../../silabs/parts';
import type { CliContext } from '../../context';
import { EXIT_BAD_INPUT, printError } from '../../output';

export const MAX_DATA_BYTES = 1024 * 1024;
export const MAX_CREDENTIAL_BYTES = 64 * 1024;
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(EXIT_BAD_INPUT);
}

export function withFile(error: AppErrorInfo, what: string): AppErrorInfo {
  return appError(error.code, `${what}: ${error.detail ?? error.message}`);
}

export function readPart(opn: string, options: { nvm3Base?: number; credsAddress?: number }): Result<PartInfo> {
  const part = parseOrderablePartNumber(opn, { nvm3Base: options.nvm3Base, credentialsAddress: options.credsAddress });
  return part.ok ? part : { ok: false, error: withFile(part.error, `--part ${opn}`) };
}
