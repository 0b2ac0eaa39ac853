/**
 * Options the desktop app takes on its command line. Electron passes Chromium switches too, so
 * unknown arguments are ignored rather than refused.
 */
export interface StationArgs {
  readonly userDataDir?: string;
  readonly db?: string;
  readonly jlinkLib?: string;
}

const OPTIONS = { '--user-data-dir': 'userDataDir', '--db': 'db', '--jlink-lib': 'jlinkLib' } as const;

export function parseStationArgs(argv: readonly string[]): StationArgs {
  const result: { -readonly [K in keyof StationArgs]?: string } = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    for (const [flag, key] of Object.entries(OPTIONS)) {
      if (argument === flag && index + 1 < argv.length) {
        result[key] = argv[index + 1];
        index += 1;
      } else if (argument.startsWith(`${flag}=`)) {
        result[key] = argument.slice(flag.length + 1);
      }
    }
  }
  return result;
}
