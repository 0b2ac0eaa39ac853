/**
 * Files in the window: a picked file goes to main as bytes (main keeps it and answers with its id;
 * the window never names a path), and a file main hands over (report, label, logs) is saved through
 * the browser's download, which Electron turns into a save dialog.
 */
import type { Download } from '../preload/contract';

/** The picked file's name and bytes, base64, as the contract's upload expects. */
export async function fileForUpload(file: File): Promise<{ name: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole firmware image as arguments would overflow the stack.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return { name: file.name, contentBase64: btoa(binary) };
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveDownload(download: Download): void {
  const binary = atob(download.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  downloadBlob(new Blob([bytes], { type: download.mimeType }), download.fileName);
}
