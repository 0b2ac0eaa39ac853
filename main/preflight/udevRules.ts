/**
 * Linux only: without a udev rule for SEGGER's USB vendor id 0x1366 only root can open a J-Link
 * (research/debug-access.md §6.3). The check looks for a rule that matches the vendor id and grants
 * access (MODE, GROUP, OWNER or the uaccess tag) — a rule that only hides the port from ModemManager
 * does not count.
 *
 * udev reads rule files by name across its folders, and a file in /etc/udev/rules.d replaces one with
 * the same name in /lib or /usr/lib (a link to /dev/null masks it), so only the winning file of each
 * name is read.
 */
import type { PreflightCheck } from '../../preload/contract/preflight';
import { crashed, errorText, failed, osName, passed, readDirOrEmpty, resolveHost, type PreflightHost } from './host';

/** Highest priority first, as udev orders them. */
export const UDEV_RULES_DIRS = ['/etc/udev/rules.d', '/run/udev/rules.d', '/lib/udev/rules.d', '/usr/lib/udev/rules.d'] as const;

export const SEGGER_USB_VENDOR_ID = '1366';

export interface UdevRulesOptions {
  readonly host?: Partial<PreflightHost>;
}

export interface UdevRulesSearch {
  /** Rule files holding an access rule for vendor 1366. */
  readonly matches: string[];
  /** Every rule file read. */
  readonly examined: string[];
  /** Files that could not be read, with the reason. */
  readonly unreadable: string[];
}

const CHECK = { name: 'udev-rules', title: 'Linux udev rules for J-Link', required: false } as const;

export function findSeggerUdevRules(opts: UdevRulesOptions = {}): UdevRulesSearch {
  const host = resolveHost(opts.host);
  const winners = new Map<string, string>();
  for (const dir of UDEV_RULES_DIRS) {
    for (const name of readDirOrEmpty(host, dir).sort()) {
      if (name.endsWith('.rules') && !winners.has(name)) winners.set(name, `${dir}/${name}`);
    }
  }
  const matches: string[] = [];
  const examined: string[] = [];
  const unreadable: string[] = [];
  for (const path of [...winners.values()].sort()) {
    let text: string;
    try {
      text = host.readFile(path);
    } catch (error) {
      unreadable.push(`${path}: ${errorText(error)}`);
      continue;
    }
    examined.push(path);
    if (grantsSeggerAccess(text)) matches.push(path);
  }
  return { matches, examined, unreadable };
}

export function checkUdevRules(opts: UdevRulesOptions = {}): PreflightCheck {
  try {
    const host = resolveHost(opts.host);
    if (host.platform !== 'linux') return passed(CHECK, `Not needed on ${osName(host.platform)}.`);
    const { matches, examined, unreadable } = findSeggerUdevRules({ host });
    const unreadableNote = unreadable.length > 0 ? `\nCould not read:\n${unreadable.join('\n')}` : '';
    if (matches.length > 0) {
      const others = matches.length > 1 ? ` (and ${matches.length - 1} more)` : '';
      return passed(CHECK, `J-Link probes are allowed by ${matches[0]}${others}.`, `Rules for vendor ${SEGGER_USB_VENDOR_ID}:\n${matches.join('\n')}${unreadableNote}`);
    }
    return failed(
      CHECK,
      'UDEV_RULES_MISSING',
      `Searched ${UDEV_RULES_DIRS.join(', ')}; ${examined.length} rule file(s) read, none grants access to vendor ${SEGGER_USB_VENDOR_ID}.${unreadableNote}`,
    );
  } catch (error) {
    return crashed(CHECK, error);
  }
}

/**
 * True when one rule (continuation lines joined, comments dropped) matches
 * ATTR{idVendor}=="1366" or ATTRS{idVendor}=="1366" and sets MODE, GROUP, OWNER or TAG+="uaccess".
 */
export function grantsSeggerAccess(rulesText: string): boolean {
  return udevRules(rulesText).some((rule) => matchesVendor(rule, SEGGER_USB_VENDOR_ID) && grantsAccess(rule));
}

function udevRules(text: string): string[] {
  const rules: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    rules.push(pending + line);
    pending = '';
  }
  if (pending !== '') rules.push(pending);
  return rules;
}

function matchesVendor(rule: string, vendorId: string): boolean {
  // Match keys (==) only, not negations (!=). sysfs idVendor is four hex digits: compare exactly, any case.
  const pattern = /\bATTRS?\{idVendor\}\s*==\s*"([^"]*)"/gi;
  for (const match of rule.matchAll(pattern)) {
    if (match[1]?.toLowerCase() === vendorId.toLowerCase()) return true;
  }
  return false;
}

function grantsAccess(rule: string): boolean {
  return /\b(MODE|GROUP|OWNER)\s*:?=\s*"/i.test(rule) || /\bTAG\s*\+=\s*"uaccess"/i.test(rule);
}
