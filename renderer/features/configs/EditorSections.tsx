/**
 * The editor's sections, in the order of the configuration format (docs/product-configuration.md):
 * product and part; storage, key mode and agent; Matter fields; commissioning; attestation files;
 * security; label. Enumerations are selects; a union (agent, discriminator, DAC validity) is
 * replaced as a whole when its kind changes, so the draft never mixes two kinds.
 */
import type { ReactNode } from 'react';
import { CheckboxInput, NumberInput, SelectInput, TextInput, type Choice } from './DraftInputs';
import { useEditor } from './editorContext';
import { FileInput, FileListInput } from './FileInputs';
import { acceptanceShown, getAt } from './draftModel';

const CERTIFICATE_FILES = '.pem,.der,.crt,.cer';
const FIRMWARE_FILES = '.s37,.srec,.hex,.bin';

function Section({ title, id, children }: { readonly title: string; readonly id: string; readonly children: ReactNode }) {
  return (
    <fieldset className="panel config-section" data-testid={`config-section-${id}`}>
      <legend className="section-heading config-section-title">{title}</legend>
      <div className="config-section-fields">{children}</div>
    </fieldset>
  );
}

export function ProductSection() {
  return (
    <Section title="Product and part" id="product">
      <TextInput path="name" label="Configuration name" hint="Shown in lists and reports, 1–64 characters." maxLength={64} />
      <TextInput path="part" label="EFR32 part" hint="Orderable part number, e.g. EFR32MG24B210F1536IM48." />
    </Section>
  );
}

export function StorageSection() {
  const { draft, set, problems } = useEditor();
  const agentSource = getAt(draft, 'agent.source');
  const productionFirmware = getAt(draft, 'productionFirmware');
  const needsAcceptance = acceptanceShown(draft, problems);
  return (
    <Section title="Storage, key mode and agent" id="storage">
      <SelectInput
        path="storage"
        label="Storage"
        choices={[
          { value: 'nvm3', label: 'NVM3 and credentials page' },
          { value: 'single-page', label: 'Everything in one flash page' },
        ]}
      />
      <SelectInput
        path="keyMode"
        label="Key mode"
        choices={[
          { value: 'on-chip', label: 'On chip: the agent makes the DAC key' },
          { value: 'host', label: 'Host: the station makes the DAC key' },
        ]}
      />
      {needsAcceptance && (
        <CheckboxInput
          path="security.acknowledgeHostKeyOnSecureVault"
          label="Accept a station-made key on this Secure Vault part"
          hint="The DAC key will have existed outside the chip."
        />
      )}
      <SelectInput
        path="agent.source"
        label="Provisioning agent"
        choices={[
          { value: 'image', label: 'An image flashed first' },
          { value: 'firmware', label: "The board's own firmware" },
          { value: 'none', label: 'None' },
        ]}
        onChoose={(source) => set('agent', source === 'image' ? { source, file: '' } : { source })}
      />
      {agentSource === 'image' && (
        <>
          <FileInput path="agent.file" label="Agent image" hint=".s37, .hex or .bin" accept={FIRMWARE_FILES} />
          <NumberInput path="agent.baseAddress" label="Agent base address" hint="Only for .bin; hex, optional." radix="hex" width={8} optional />
        </>
      )}
      <CheckboxInput
        path="productionFirmware"
        label="Flash production firmware after provisioning"
        checked={productionFirmware !== null && productionFirmware !== undefined}
        onToggle={(checked) => set('productionFirmware', checked ? { file: '' } : null)}
      />
      {productionFirmware !== null && productionFirmware !== undefined && (
        <>
          <FileInput path="productionFirmware.file" label="Production firmware" hint=".s37, .hex or .bin" accept={FIRMWARE_FILES} />
          <NumberInput path="productionFirmware.baseAddress" label="Firmware base address" hint="Only for .bin; hex, optional." radix="hex" width={8} optional />
        </>
      )}
    </Section>
  );
}

const discoveryChoices: readonly Choice[] = [
  { value: 1, label: '0x01 SoftAP' },
  { value: 2, label: '0x02 BLE' },
  { value: 3, label: '0x03 SoftAP and BLE' },
  { value: 4, label: '0x04 On network' },
  { value: 5, label: '0x05 SoftAP and on network' },
  { value: 6, label: '0x06 BLE and on network' },
  { value: 7, label: '0x07 SoftAP, BLE and on network' },
];

export function MatterSection() {
  return (
    <Section title="Matter fields" id="matter">
      <NumberInput path="matter.vendorId" label="Vendor ID (VID)" hint="Hex, e.g. 0xFFF1 or FFF1." radix="hex" />
      <NumberInput path="matter.productId" label="Product ID (PID)" hint="Hex, e.g. 0x8000." radix="hex" />
      <TextInput path="matter.vendorName" label="Vendor name" hint="At most 32 bytes." maxLength={32} />
      <TextInput path="matter.productName" label="Product name" hint="At most 32 bytes." maxLength={32} />
      <TextInput path="matter.productLabel" label="Product label" hint="Optional." maxLength={32} optional />
      <TextInput path="matter.productUrl" label="Product URL" hint="Optional." maxLength={32} optional />
      <TextInput path="matter.partNumber" label="Product part number" hint="Optional." maxLength={32} optional />
      <NumberInput path="matter.hardwareVersion" label="Hardware version" hint="0–65535." radix="decimal" />
      <TextInput path="matter.hardwareVersionString" label="Hardware version text" hint='e.g. "1.0".' maxLength={32} />
      <SelectInput
        path="matter.commissioningFlow"
        label="Commissioning flow"
        choices={[
          { value: 0, label: '0 Standard' },
          { value: 1, label: '1 User action' },
          { value: 2, label: '2 Custom' },
        ]}
      />
      <SelectInput path="matter.discoveryCapabilities" label="Discovery capabilities" choices={discoveryChoices} />
    </Section>
  );
}

export function CommissioningSection() {
  const { draft, set } = useEditor();
  return (
    <Section title="Commissioning" id="commissioning">
      <SelectInput
        path="commissioning.discriminator.mode"
        label="Discriminator"
        choices={[
          { value: 'random', label: 'Random for each device' },
          { value: 'fixed', label: 'The same for every device' },
        ]}
        onChoose={(mode) => set('commissioning.discriminator', mode === 'fixed' ? { mode, value: 0 } : { mode })}
      />
      {getAt(draft, 'commissioning.discriminator.mode') === 'fixed' && (
        <NumberInput path="commissioning.discriminator.value" label="Discriminator value" hint="0–4095." radix="decimal" />
      )}
      <NumberInput path="commissioning.spake2pIterations" label="SPAKE2+ iterations" hint="1000–100000." radix="decimal" />
      <NumberInput path="commissioning.saltLength" label="Salt length (bytes)" hint="16–32." radix="decimal" />
      <TextInput
        path="commissioning.serialNumberPattern"
        label="Serial number pattern"
        hint="Needs {station}, {lot} and {seq}; also {seq:N}, {yyyy}{mm}{dd}."
        maxLength={64}
      />
    </Section>
  );
}

export function AttestationSection() {
  const { draft, set } = useEditor();
  return (
    <Section title="Attestation files" id="attestation">
      <SelectInput
        path="attestation.dcl"
        label="DCL"
        hint="Which ledger the devices must attest against."
        choices={[
          { value: 'test', label: 'Test' },
          { value: 'production', label: 'Production' },
        ]}
      />
      <FileInput path="attestation.paiCertificate" label="PAI certificate" hint="PEM or DER; fixes the VID (and PID)." accept={CERTIFICATE_FILES} />
      <FileInput path="attestation.paiKey.file" label="PAI private key" hint="Unencrypted P-256, PEM or DER." accept=".pem,.der,.key" />
      <FileListInput path="attestation.trustStore" label="Trust store (PAA certificates)" hint="One or more files." accept={CERTIFICATE_FILES} />
      <FileInput path="attestation.certificationDeclaration" label="Certification declaration (CD)" hint="DER, or PEM with one block." accept=".der,.pem,.bin" />
      <FileListInput path="attestation.cdSigningCertificates" label="CD signing certificates" hint="Certificates whose keys may sign the CD." accept={CERTIFICATE_FILES} />
      <SelectInput
        path="attestation.dacValidity.kind"
        label="DAC validity"
        choices={[
          { value: 'no-expiry', label: 'No expiry' },
          { value: 'days', label: 'A number of days' },
        ]}
        onChoose={(kind) => set('attestation.dacValidity', kind === 'days' ? { kind, days: 3650 } : { kind })}
      />
      {getAt(draft, 'attestation.dacValidity.kind') === 'days' && (
        <NumberInput path="attestation.dacValidity.days" label="DAC validity in days" hint="1–36500." radix="decimal" />
      )}
    </Section>
  );
}

export function SecuritySection() {
  return (
    <Section title="Security" id="security">
      <SelectInput
        path="security.debugLock"
        label="Debug lock"
        hint="Applied after provisioning."
        choices={[
          { value: 'none', label: 'None (debug stays open)' },
          { value: 'standard', label: 'Standard' },
          { value: 'permanent', label: 'Permanent' },
          { value: 'secure', label: 'Secure (needs a command key)' },
        ]}
      />
    </Section>
  );
}

export function LabelSection() {
  return (
    <Section title="Label" id="label">
      <SelectInput path="label.template" label="Label template" choices={[{ value: 'qr-manual-serial', label: 'QR code, manual code and serial' }]} />
      <SelectInput
        path="label.format"
        label="Label format"
        choices={[
          { value: 'png', label: 'PNG image' },
          { value: 'zpl', label: 'ZPL (label printer)' },
        ]}
      />
    </Section>
  );
}
