/**
 * Settings other services read: each key's schema and default in one place. A value that no longer
 * parses (written by another version) reads as the default rather than failing the caller.
 */
import { labelTemplateSchema, type LabelTemplate } from '../../preload/contract/settings';
import type { StationDatabase } from '../store/database';

export const LABEL_TEMPLATE_KEY = 'labelTemplate';
export const JLINK_LIBRARY_KEY = 'jlinkLibraryPath';

export const DEFAULT_LABEL_TEMPLATE: LabelTemplate = { template: 'qr-manual-serial', widthMm: 50, heightMm: 30, dpi: 203 };

export function readLabelTemplate(db: StationDatabase): LabelTemplate {
  const parsed = labelTemplateSchema.safeParse(db.settings.read(LABEL_TEMPLATE_KEY));
  return parsed.success ? parsed.data : DEFAULT_LABEL_TEMPLATE;
}

/** The J-Link library path an engineer set, or null for the default search. */
export function readJlinkLibraryPath(db: StationDatabase): string | null {
  const value = db.settings.read(JLINK_LIBRARY_KEY);
  return typeof value === 'string' && value.length > 0 ? value : null;
}
