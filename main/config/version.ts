/** The station's version, taken from package.json at build time so every host reports the same one. */
import packageJson from '../../package.json' with { type: 'json' };

export const STATION_VERSION: string = packageJson.version;
