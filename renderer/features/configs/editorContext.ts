/**
 * What every editor input needs, handed down once instead of through each section: the draft, how
 * to change one field, main's problems for a field, which fields the PAI fixes, and what is known
 * about the stored files the draft names.
 */
import { createContext, useContext } from 'react';
import type { ConfigDraft, ConfigProblemView } from '../../../preload/contract';
import type { StoredFile } from '../../../preload/contract/files';

export interface EditorContextValue {
  readonly draft: ConfigDraft;
  readonly set: (path: string, value: unknown) => void;
  readonly problemsFor: (path: string) => readonly ConfigProblemView[];
  /** Every problem of the last check, wherever it is shown. */
  readonly problems: readonly ConfigProblemView[];
  /** Field path → the sentence saying why it cannot be changed (the PAI fixes it). */
  readonly locked: ReadonlyMap<string, string>;
  /** A stored file by the field path naming it, or by its id. */
  readonly fileFor: (path: string, id: string) => StoredFile | null;
  readonly rememberFile: (file: StoredFile) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (value === null) throw new Error('An editor input was rendered outside the configuration editor.');
  return value;
}
