/**
 * Configurations: the saved list, one configuration read-only (approved ones frozen, with their
 * hash), and for engineers the editor — a new configuration, a new version of a saved one, or one
 * imported from Silicon Labs JSON. QA only looks. Main refuses every change a role may not make;
 * this screen only leaves out what the role cannot use.
 */
import { useState } from 'react';
import type { AppErrorInfo, ConfigDetail as Detail, ConfigDraft } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { settle, station } from '../../station';
import { useOperatorRole } from '../lots/useOperatorRole';
import { ConfigDetail } from './ConfigDetail';
import { ConfigEditor } from './ConfigEditor';
import { ConfigList } from './ConfigList';
import './configs.css';

type View =
  /** `returned`: back from a configuration or the editor, so the list takes the focus. */
  | { readonly kind: 'list'; readonly message: string | null; readonly returned: boolean }
  | { readonly kind: 'detail'; readonly id: number }
  | { readonly kind: 'editor'; readonly key: number; readonly title: string; readonly draft: ConfigDraft; readonly notes: readonly string[] | null };

export function ConfigurationsScreen() {
  const role = useOperatorRole(undefined);
  const engineer = role === 'engineer';
  const [view, setView] = useState<View>({ kind: 'list', message: null, returned: false });
  const [blankError, setBlankError] = useState<AppErrorInfo | null>(null);
  // A fresh editor (its own check state) each time one is opened.
  const [editors, setEditors] = useState(0);

  const openEditor = (title: string, draft: ConfigDraft, notes: readonly string[] | null) => {
    setEditors((count) => count + 1);
    setView({ kind: 'editor', key: editors + 1, title, draft, notes });
  };

  const startNew = async () => {
    const blank = await settle(() => station().configs.blank());
    setBlankError(blank.ok ? null : blank.error);
    if (blank.ok) openEditor('New configuration', blank.value, null);
  };

  const newVersion = (detail: Detail) => openEditor(`New version of ${detail.summary.name} (from v${detail.summary.version})`, detail.draft, null);

  return (
    <Screen id="configurations" title="Configurations">
      <p className="screen-intro">
        {engineer
          ? 'Make, check and version the product configurations lots are made on. QA approves a configuration by approving its sample lot.'
          : 'The product configurations on this station; approved ones are frozen with their content hash.'}
      </p>
      {view.kind === 'list' && (
        <>
          {blankError !== null && <ErrorPanel error={blankError} />}
          <ConfigList
            engineer={engineer}
            message={view.message}
            returned={view.returned}
            onOpen={(id) => setView({ kind: 'detail', id })}
            onNew={() => void startNew()}
            onImported={(draft, notes, fileName) => openEditor(`Imported from ${fileName}`, draft, notes)}
          />
        </>
      )}
      {view.kind === 'detail' && (
        <ConfigDetail id={view.id} engineer={engineer} onNewVersion={newVersion} onBack={() => setView({ kind: 'list', message: null, returned: true })} />
      )}
      {view.kind === 'editor' && engineer && (
        <ConfigEditor
          key={view.key}
          title={view.title}
          initialDraft={view.draft}
          notes={view.notes}
          onCancel={() => setView({ kind: 'list', message: null, returned: true })}
          onSaved={(summary, created) =>
            setView({
              kind: 'list',
              returned: true,
              message: created
                ? `Saved ${summary.name} v${summary.version} as a draft.`
                : `Nothing changed: this is ${summary.name} v${summary.version}, already saved.`,
            })
          }
        />
      )}
    </Screen>
  );
}
