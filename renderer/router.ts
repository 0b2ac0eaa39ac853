/**
 * A small hash router: `#/lots`, `#/station`, … Anything else (an empty hash, or the bridge's
 * `#token=…`) shows the default section without rewriting the address, so the bridge client keeps
 * whatever it put there.
 */
import { useSyncExternalStore } from 'react';
import type { OperatorRole } from '../preload/contract';

const everyone: readonly OperatorRole[] = ['technician', 'qa', 'engineer'];

/**
 * `roles` only decides what the navigation shows: main refuses every call the signed-in role may
 * not make, so hiding a section here is a convenience, not the protection.
 */
export const sections = [
  { id: 'lots', label: 'Lots', roles: everyone },
  { id: 'station', label: 'Station', roles: everyone },
  { id: 'qa', label: 'QA', roles: everyone },
  { id: 'history', label: 'History', roles: everyone },
  // QA may look at configurations (read-only); only engineers edit them, checked in main.
  { id: 'configurations', label: 'Configurations', roles: ['qa', 'engineer'] },
  { id: 'settings', label: 'Settings', roles: ['qa', 'engineer'] },
  { id: 'preflight', label: 'Preflight', roles: everyone },
] as const satisfies readonly { id: string; label: string; roles: readonly OperatorRole[] }[];

export type SectionId = (typeof sections)[number]['id'];

type Section = (typeof sections)[number];

function isFor(section: Section, role: OperatorRole): boolean {
  const roles: readonly OperatorRole[] = section.roles;
  return roles.includes(role);
}

export function mayOpen(id: SectionId, role: OperatorRole): boolean {
  return sections.some((section) => section.id === id && isFor(section, role));
}

export function sectionsFor(role: OperatorRole): readonly Section[] {
  return sections.filter((section) => isFor(section, role));
}

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
