/**
 * Device labels for the window: the preview (an SVG at the label's size) and the label to print,
 * as PDF or ZPL, drawn from the QR payload and manual code recorded when the device passed and the
 * station's label template. Any signed-in operator may print; each export is recorded in the audit
 * log with the device, so a label printed twice can be traced.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import type { Caller } from '../../preload/contract/define';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { Download } from '../../preload/contract/files';
import type { LabelPreview } from '../../preload/contract/labels';
import { formatManualCode, renderLabelPdf, renderLabelSvg, renderLabelZpl, type LabelValues } from '../station/labels';
import type { StationDatabase } from '../store/database';
import type { Device } from '../store/repositories/devices';
import type { ServiceOptions } from './serviceOptions';
import { ANY_ROLE, signedInWithDatabase } from './sessions';
import { readLabelTemplate } from './stationSettings';

export type LabelsHandlers = MatterlineHandlers['labels'];

const PDF_MIME_TYPE = 'application/pdf';
/** ZPL is plain text; printers and spoolers take it as such. */
const ZPL_MIME_TYPE = 'text/plain';

export function createLabelsHandlers(options: ServiceOptions): LabelsHandlers {
  const now = options.now ?? ((): Date => new Date());
  const signedIn = (caller: Caller, action: string) => signedInWithDatabase(options.sessions, options.database, caller, ANY_ROLE, action);

  return {
    preview: (input, caller) => {
      const ready = signedIn(caller, `previewing the label of device ${input.deviceId}`);
      if (!ready.ok) return ready;
      const { db } = ready.value;
      const device = labelledDevice(db, input.deviceId);
      if (!device.ok) return device;
      const template = readLabelTemplate(db);
      const svg = drawn(device.value, () => renderLabelSvg(device.value.values, template));
      if (!svg.ok) return svg;
      // The manual code as the label prints it (3497-011-2332): the window shows it beside the image.
      const preview: LabelPreview = {
        deviceId: device.value.device.id,
        ...device.value.values,
        manualCode: formatManualCode(device.value.values.manualCode),
        svg: svg.value,
        widthMm: template.widthMm,
        dpi: template.dpi,
        heightMm: template.heightMm,
      };
      return success(preview);
    },

    export: async (input, caller) => {
      const ready = signedIn(caller, `exporting the label of device ${input.deviceId}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const device = labelledDevice(db, input.deviceId);
      if (!device.ok) return device;
      const { values } = device.value;
      const template = readLabelTemplate(db);
      const fileName = `label-${fileNamePart(values.serialNumber)}.${input.format}`;
      let download: Download;
      try {
        download =
          input.format === 'pdf'
            ? { fileName, mimeType: PDF_MIME_TYPE, contentBase64: Buffer.from(await renderLabelPdf(values, template, { date: now() })).toString('base64') }
            : { fileName, mimeType: ZPL_MIME_TYPE, contentBase64: Buffer.from(renderLabelZpl(values, template), 'utf8').toString('base64') };
      } catch (error) {
        return labelFailed(device.value.device, error);
      }
      const event = db.events.append(
        'label.exported',
        operator.name,
        { format: input.format, fileName, serialNumber: values.serialNumber, template },
        { lotId: device.value.device.lotId, deviceId: device.value.device.id },
      );
      return event.ok ? success(download) : event;
    },
  };
}

/** The device and what its label shows, or why it has no label. */
function labelledDevice(db: StationDatabase, deviceId: number): Result<{ device: Device; values: LabelValues }> {
  const found = db.devices.get(deviceId);
  if (!found.ok) return found;
  const device = found.value;
  if (device.status !== 'passed') return failure('LABEL_DEVICE_NOT_PASSED', `device ${device.serialNumber} (id ${device.id}) is ${device.status.replace('_', ' ')}`);
  if (device.qrPayload === null || device.manualCode === null) {
    return failure('LABEL_CODES_MISSING', `device ${device.serialNumber} (id ${device.id}): ${device.qrPayload === null ? 'QR payload' : 'manual code'} missing`);
  }
  return success({ device, values: { serialNumber: device.serialNumber, qrPayload: device.qrPayload, manualCode: device.manualCode } });
}

/** A payload the QR encoder refuses (too long for any symbol) is reported, not thrown. */
function drawn<T>(device: { device: Device }, draw: () => T): Result<T> {
  try {
    return success(draw());
  } catch (error) {
    return labelFailed(device.device, error);
  }
}

function labelFailed(device: Device, error: unknown): Result<never> {
  return failure('STATION_LABEL_INVALID', `label of ${device.serialNumber}: ${error instanceof Error ? error.message : String(error)}`);
}

/** The serial as it can appear in a file name on every OS. */
function fileNamePart(serialNumber: string): string {
  return serialNumber.replace(/[^A-Za-z0-9._-]/g, '_');
}
