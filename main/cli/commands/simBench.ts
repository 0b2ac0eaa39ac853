/**
 * `matterline sim bench place|remove --bench DIR [--shelf DIR] [--json]`: a technician's hands at a
 * simulated bench (main/station/bench.ts). `lot run --probe 'sim:PART@DIR?bench=wait'` provisions
 * each board placed there (hands-free); `bench=once` the board on it now.
 * Exit codes: 0 done; 1 the bench refused (occupied, empty) or could not be written; 2 bad input.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { placeBoard, removeBoard, type BenchBoard } from '../../station/bench';
import type { CliContext } from '../context';
import { EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

interface BenchCliOptions {
  bench: string;
  shelf?: string;
}

export function registerSimBench(sim: Command, context: CliContext): void {
  const bench = sim.command('bench').description('place or remove a simulated board on a bench folder, as a technician would');
  const benchOption = () => new Option('--bench <folder>', 'the bench folder (the probe address is sim:PART@<folder>?bench=once|wait)').makeOptionMandatory();
  bench
    .command('place')
    .description('put a fresh simulated board (a new EUI-64) on the empty bench')
    .addOption(benchOption())
    .action((options: BenchCliOptions) => report(context, 'placed', placeBoard(path.resolve(options.bench))));
  bench
    .command('remove')
    .description('take the board off the bench; with --shelf its state is kept there as <EUI-64>.sim for `readback`')
    .addOption(benchOption())
    .addOption(new Option('--shelf <folder>', 'keep the removed board\'s state in this folder (default: discard it)'))
    .action((options: BenchCliOptions) => report(context, 'removed', removeBoard(path.resolve(options.bench), options.shelf === undefined ? null : path.resolve(options.shelf))));
}

function report(context: CliContext, what: 'placed' | 'removed', result: ReturnType<typeof placeBoard>): void {
  const { output } = context;
  if (!result.ok) {
    printError(output, result.error);
    context.setExitCode(EXIT_FAILED);
    return;
  }
  const board: BenchBoard = result.value;
  if (output.json) printJson(output, { ok: true, [what]: board.eui64.toUpperCase(), worked: board.worked });
  else output.write(`${what === 'placed' ? 'Placed' : 'Removed'} board ${board.eui64.toUpperCase()}${board.worked ? ' (worked on)' : ''}`);
  context.setExitCode(EXIT_OK);
}
