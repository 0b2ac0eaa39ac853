/**
 * `matterline spake2p`: the SPAKE2+ verifier for a passcode, salt and iteration count, the value a
 * device stores instead of its passcode. `--salt-length N` draws a random salt and prints it too.
 */
import { Option } from 'commander';
import type { AppErrorInfo } from '../../../preload/contract/errors';
import { generateSalt } from '../../matter/commissioningIds';
import { computeSpake2pVerifier } from '../../matter/spake2p';
import { InvalidArgument, parseInteger } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

interface Spake2pOptions {
  passcode: number;
  iterations: number;
  saltBase64?: Uint8Array;
  saltHex?: Uint8Array;
  saltLength?: number;
}

export const registerSpake2pCommand: RegisterCommand = (program, context) => {
  program
    .command('spake2p')
    .description('compute the SPAKE2+ verifier (w0 ‖ L, base64) from a passcode, salt and PBKDF2 iteration count')
    .addOption(new Option('--passcode <n>', 'setup passcode, 1..99999998').makeOptionMandatory().argParser(parseInteger('--passcode', 0, Number.MAX_SAFE_INTEGER)))
    .addOption(new Option('--iterations <n>', 'PBKDF2 iterations, 1000..100000').makeOptionMandatory().argParser(parseInteger('--iterations', 0, Number.MAX_SAFE_INTEGER)))
    .addOption(new Option('--salt-base64 <salt>', 'salt, 16..32 bytes, base64').argParser(parseBase64('--salt-base64')).conflicts(['saltHex', 'saltLength']))
    .addOption(new Option('--salt-hex <salt>', 'salt, 16..32 bytes, hex').argParser(parseHex('--salt-hex')).conflicts(['saltLength']))
    .addOption(new Option('--salt-length <n>', 'draw a random salt of this many bytes (16..32) and print it').argParser(parseInteger('--salt-length', 0, Number.MAX_SAFE_INTEGER)))
    .action(async (options: Spake2pOptions) => {
      let salt = options.saltBase64 ?? options.saltHex;
      let generated = false;
      if (salt === undefined) {
        if (options.saltLength === undefined) throw new InvalidArgument('give the salt with --salt-base64 or --salt-hex, or --salt-length N to draw a random one');
        const drawn = generateSalt(options.saltLength);
        if (!drawn.ok) return fail(context, drawn.error);
        salt = drawn.value;
        generated = true;
      }
      const result = await computeSpake2pVerifier({ passcode: options.passcode, salt, iterations: options.iterations });
      if (!result.ok) return fail(context, result.error);

      const report = {
        verifier: Buffer.from(result.value.verifier).toString('base64'),
        w0: Buffer.from(result.value.w0).toString('hex'),
        L: Buffer.from(result.value.L).toString('hex'),
        ...(generated ? { salt: Buffer.from(salt).toString('base64') } : {}),
      };
      if (context.output.json) printJson(context.output, report);
      else {
        const lines = [`verifier (base64): ${report.verifier}`, `w0: ${report.w0}`, `L:  ${report.L}`];
        if (report.salt !== undefined) lines.push(`salt (base64, generated): ${report.salt}`);
        context.output.write(lines.join('\n'));
      }
      context.setExitCode(EXIT_OK);
    });
};

function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(error.code === 'SPAKE2P_DERIVATION_FAILED' ? EXIT_FAILED : EXIT_BAD_INPUT);
}

/** Strict base64 (standard alphabet, padded): a typo must not silently become a different salt. */
function parseBase64(option: string): (value: string) => Uint8Array {
  return (value) => {
    const text = value.trim();
    if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
      throw new InvalidArgument(`${option} ${value}: expected standard base64 (A-Z a-z 0-9 + /, padded with =)`);
    }
    return new Uint8Array(Buffer.from(text, 'base64'));
  };
}

function parseHex(option: string): (value: string) => Uint8Array {
  return (value) => {
    const text = value.trim().replace(/^0x/i, '');
    if (text.length === 0 || !/^(?:[0-9a-f]{2})+$/i.test(text)) throw new InvalidArgument(`${option} ${value}: expected an even number of hex digits`);
    return new Uint8Array(Buffer.from(text, 'hex'));
  };
}
