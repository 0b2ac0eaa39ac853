/**
 * The certificates a new configuration starts from: the trust store (PAA roots the station checks
 * PAIs against) and the CD signing certificates. Each folder shows what it holds and what is wrong
 * with the files it could not use; engineers add a file with the picker below it.
 */
import type { StationSettings } from '../../../preload/contract/settings';
import { station } from '../../station';
import { ReadOnlyNote } from './ChangeOutcome';
import { CertificatePicker } from './CertificatePicker';

interface SectionProps {
  readonly settings: StationSettings;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

export function TrustStoreSection({ settings, canChange, onChanged }: SectionProps) {
  return (
    <section aria-labelledby="settings-trust-title" data-testid="settings-trust-store">
      <h2 id="settings-trust-title" className="section-heading">
        Trust store
      </h2>
      <ul className="settings-folders">
        {settings.trustStoreFolders.map((folder) => (
          <li key={folder.path} className="panel settings-folder" data-testid="trust-folder">
            <code className="settings-path">{folder.path}</code>
            <p className="settings-count" data-testid="trust-folder-count">
              {folder.certificates === 1 ? '1 PAA certificate' : `${folder.certificates} PAA certificates`}
            </p>
            {folder.problems.length > 0 && (
              <ul className="settings-problems" aria-label="Files not used" data-testid="trust-folder-problems">
                {folder.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {canChange ? (
        <CertificatePicker
          label="PAA certificate"
          hint="A self-signed PAA root, PEM or DER, e.g. from the DCL or the Matter SDK's paa-root-certs."
          buttonText="Add PAA certificate"
          testId="trust-add"
          send={(upload) => station().settings.addTrustedPaa(upload)}
          onChanged={onChanged}
        />
      ) : (
        <ReadOnlyNote>Only an engineer can add PAA certificates.</ReadOnlyNote>
      )}
    </section>
  );
}

export function CdSignersSection({ settings, canChange, onChanged }: SectionProps) {
  const signers = settings.cdSigningCertificates;
  return (
    <section aria-labelledby="settings-cd-title" data-testid="settings-cd-signers">
      <h2 id="settings-cd-title" className="section-heading">
        CD signing certificates
      </h2>
      {signers.length === 0 ? (
        <p className="muted" data-testid="cd-signers-empty">
          None yet.
        </p>
      ) : (
        <ul className="settings-folders" data-testid="cd-signers">
          {signers.map((signer) => (
            <li key={signer.id} className="panel settings-folder" data-testid="cd-signer">
              <span className="settings-file-name">{signer.name}</span>
              <span className="cell-note">{signer.subject}</span>
            </li>
          ))}
        </ul>
      )}
      {canChange ? (
        <CertificatePicker
          label="CD signing certificate"
          hint="Any X.509 certificate with an EC P-256 key, PEM or DER."
          buttonText="Add CD signing certificate"
          testId="cd-add"
          send={(upload) => station().settings.addCdSigningCertificate(upload)}
          onChanged={onChanged}
        />
      ) : (
        <ReadOnlyNote>Only an engineer can add CD signing certificates.</ReadOnlyNote>
      )}
    </section>
  );
}
