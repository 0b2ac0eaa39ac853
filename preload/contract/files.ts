/**
 * Files between the window and main. The window never names a path: a file the engineer picks is
 * sent as bytes and kept by main in the station's file library (content-addressed, never
 * overwritten), and is named from then on by its SHA-256. A file main gives the window (a report, a
 * label, the zipped logs) comes back as bytes with a suggested name, for the window to save.
 */
import { z } from 'zod';

/** 16 MiB of bytes, base64: larger than any PAI, CD, key, JSON or EFR32 firmware image. */
export const MAX_UPLOAD_BASE64 = 22_400_000;

export const storedFileIdSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a stored file id (SHA-256, 64 lower-case hex digits)' });

export const storedFileSchema = z.object({
  /** The SHA-256 of the bytes: how the window names the file afterwards. */
  id: storedFileIdSchema,
  /** The name it was picked with (no folder). */
  name: z.string(),
  size: z.number().int(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const uploadSchema = z.object({
  /** The picked file's name, without any folder. */
  name: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/, { error: 'expected a file name without a folder' }),
  contentBase64: z.string().max(MAX_UPLOAD_BASE64),
});

export const downloadSchema = z.object({
  /** Suggested file name, e.g. "lot-12-report.csv". */
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
});
export type Download = z.infer<typeof downloadSchema>;
