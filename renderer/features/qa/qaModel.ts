/** Words for the QA screen: what each read-back check is about, and times as an inspector reads them. */
import type { ReadbackView } from '../../../preload/contract/qa';

type Check = ReadbackView['checks'][number];

/** The checks inspectBoard runs (main/station/verify CHECK_NAMES), in words; an unknown name shows as itself. */
const CHECK_LABELS: Record<string, string> = {
  part: 'Chip is the configured part',
  lock: 'Debug lock as configured',
  present: 'Credentials present',
  'dac-identical': 'DAC is the one issued',
  chain: 'DAC → PAI → PAA chain',
  cd: 'Certification Declaration',
  'vid-pid': 'Vendor and product IDs agree',
  commissioning: 'Commissioning values',
  onboarding: 'Onboarding codes match the label',
  'not-test-credentials': 'Not example or test credentials',
  key: 'DAC private key',
};

export function checkLabel(name: string): string {
  return CHECK_LABELS[name] ?? name;
}

export const checkStatusText: Record<Check['status'], { readonly word: string; readonly symbol: string }> = {
  pass: { word: 'PASS', symbol: '✓' },
  fail: { word: 'FAIL', symbol: '✕' },
  skip: { word: 'SKIPPED', symbol: '–' },
};

/** "2026-11-25 17:51:20" in the station's local time: what the inspector's clock on the wall says. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function checkCounts(checks: readonly Check[]): string {
  const count = (status: Check['status']) => checks.filter((check) => check.status === status).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`;
}
