/**
 * A small hash router: `#/lots`, `#/station`, … Anything else (an empty hash, or the bridge's
 * `#token=…`) shows the default section without rewriting the address, so the bridge client keeps
 * whatever it put there.
 */
import { useSyncExternalStore } from 'react';

export const sections = [
  { id: 'lots', label: 'Lots' },
  { id: 'station', label: 'Station' },
  { id: 'qa', label: 'QA' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
  { id: 'preflight', label: 'Preflight' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export const defaultSection: SectionId = 'preflight';

export function sectionHref(id: SectionId): string {
  return `#/${id}`;
}

export function sectionLabel(id: SectionId): string {
  return sections.find((section) => section.id === id)?.label ?? id;
}

export function parseHash(hash: string): SectionId | null {
  const id = /^#\/([a-z]+)\/?$/.exec(hash)?.[1];
  return sections.find((section) => section.id === id)?.id ?? null;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

function currentHash(): string {
  return window.location.hash;
}

export function useSection(): SectionId {
  return parseHash(useSyncExternalStore(subscribe, currentHash)) ?? defaultSection;
}
