import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../preload/contract/errors';
import { checkUdevRules, grantsSeggerAccess } from '../../../main/preflight/udevRules';
import { makeTempRoot, put, rootedHost } from './fakeHost';

const ourRules = readFileSync(fileURLToPath(new URL('../../../resources/udev/99-matterline-segger.rules', import.meta.url)), 'utf8');

// Rules in the style of SEGGER's own 99-jlink.rules (MODE="666" per product id, inside a GOTO guard).
const seggerRules = `# Matches all J-Link with VID 0x1366
ACTION!="add", SUBSYSTEM!="usb_device", GOTO="jlink_rules_end"
# Give all users read and write access.
ATTR{idProduct}=="0101", ATTR{idVendor}=="1366", MODE="666"
ATTR{idProduct}=="1015", ATTR{idVendor}=="1366", MODE="666"
LABEL="jlink_rules_end"
`;

let root: string;
let cleanup: () => void;
beforeEach(() => ({ root, cleanup } = makeTempRoot()));
afterEach(() => cleanup());

describe('grantsSeggerAccess', () => {
  it('accepts our own rules file', () => {
    expect(grantsSeggerAccess(ourRules)).toBe(true);
  });

  it('accepts ATTR and ATTRS forms in any case, and continued lines', () => {
    expect(grantsSeggerAccess(seggerRules)).toBe(true);
    expect(grantsSeggerAccess('SUBSYSTEM=="usb", attrs{IDVENDOR}=="1366", TAG+="uaccess"')).toBe(true);
    expect(grantsSeggerAccess('SUBSYSTEM=="usb", \\\n  ATTRS{idVendor}=="1366", \\\n  GROUP="plugdev"')).toBe(true);
  });

  it('rejects other vendors, negations, commented rules and ModemManager-only rules', () => {
    expect(grantsSeggerAccess('SUBSYSTEM=="usb", ATTR{idVendor}=="1915", MODE="0666"')).toBe(false);
    expect(grantsSeggerAccess('ATTRS{idVendor}!="1366", MODE="0666"')).toBe(false);
    expect(grantsSeggerAccess('# SUBSYSTEM=="usb", ATTR{idVendor}=="1366", MODE="0666"')).toBe(false);
    expect(grantsSeggerAccess('SUBSYSTEM=="tty", ATTRS{idVendor}=="1366", ENV{ID_MM_DEVICE_IGNORE}="1"')).toBe(false);
    expect(grantsSeggerAccess('')).toBe(false);
  });
});

describe('checkUdevRules', () => {
  it('is ok and not needed off Linux', () => {
    expect(checkUdevRules({ host: rootedHost(root, { platform: 'darwin' }) })).toMatchObject({
      name: 'udev-rules',
      ok: true,
      message: 'Not needed on macOS.',
      fix: null,
    });
    expect(checkUdevRules({ host: rootedHost(root, { platform: 'win32' }) }).message).toBe('Not needed on Windows.');
  });

  it('finds our rules file installed in /etc/udev/rules.d', () => {
    put(root, '/etc/udev/rules.d/99-matterline-segger.rules', ourRules);
    const check = checkUdevRules({ host: rootedHost(root) });
    expect(check).toMatchObject({ name: 'udev-rules', title: 'Linux udev rules for J-Link', ok: true, required: false, fix: null });
    expect(check.message).toContain('/etc/udev/rules.d/99-matterline-segger.rules');
  });

  it("finds SEGGER's rules in /lib and /usr/lib", () => {
    put(root, '/lib/udev/rules.d/99-jlink.rules', seggerRules);
    expect(checkUdevRules({ host: rootedHost(root) }).ok).toBe(true);
    cleanup();
    ({ root, cleanup } = makeTempRoot());
    put(root, '/usr/lib/udev/rules.d/99-jlink.rules', seggerRules);
    expect(checkUdevRules({ host: rootedHost(root) }).ok).toBe(true);
  });

  it('fails with the catalogue entry when no rule grants access', () => {
    put(root, '/etc/udev/rules.d/70-other.rules', 'SUBSYSTEM=="usb", ATTR{idVendor}=="10c4", MODE="0666"\n');
    put(root, '/etc/udev/rules.d/notes.txt', seggerRules);
    const check = checkUdevRules({ host: rootedHost(root) });
    expect(check).toMatchObject({
      ok: false,
      required: false,
      message: errorCatalogue.UDEV_RULES_MISSING.message,
      fix: errorCatalogue.UDEV_RULES_MISSING.fix,
    });
    expect(check.detail).toContain('/etc/udev/rules.d');
  });

  it('fails when there are no rules folders at all', () => {
    expect(checkUdevRules({ host: rootedHost(root) }).ok).toBe(false);
  });

  it('honours a file in /etc that masks the packaged one of the same name', () => {
    put(root, '/usr/lib/udev/rules.d/99-jlink.rules', seggerRules);
    put(root, '/etc/udev/rules.d/99-jlink.rules', '');
    expect(checkUdevRules({ host: rootedHost(root) }).ok).toBe(false);
  });
});
