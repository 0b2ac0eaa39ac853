// Where the Matter SDK conformance data lives: ../shared/vectors/chip beside the repository (never
// copied into it), or MATTERLINE_CHIP_VECTORS. Without it the vector tests skip with the reason,
// except under CI, where they run and fail.
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const vectorsRoot = path.resolve(repoRoot, process.env.MATTERLINE_CHIP_VECTORS ?? '../shared/vectors/chip');
export const vectorsPresent = fs.existsSync(path.join(vectorsRoot, 'INDEX.md'));
/** Under CI the vector tests must run (and fail without the folder); elsewhere they may skip. */
export const runVectorTests = vectorsPresent || Boolean(process.env.CI);
export const vectorsSkipReason = `Matter SDK vectors not found at ${vectorsRoot}: vector tests skipped (under CI they fail)`;
