/**
 * Programming a whole firmware image (agent, production firmware): each run of flash pages the image
 * touches is erased and programmed in one go, bytes of those pages the image does not cover become
 * 0xFF — what Simplicity Commander's `flash` does. Pages the image does not touch (NVM3, the
 * credentials page) are left alone, which is why the configuration refuses images overlapping them.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { FirmwareImage } from '../firmware';
import type { DebugPort, FlashProgress } from '../probes/debugPort';
import { programPages } from './memory';
import type { TargetOptions } from './steps';

interface PageBlock {
  readonly address: number;
  readonly bytes: Uint8Array;
}

/** The image as page-aligned blocks (adjacent touched pages joined), 0xFF where the image has no data. */
export function pageBlocksOf(image: FirmwareImage, pageSize: number): PageBlock[] {
  const pages = new Set<number>();
  for (const { address, bytes } of image.segments) {
    if (bytes.length === 0) continue;
    for (let page = Math.floor(address / pageSize); page <= Math.floor((address + bytes.length - 1) / pageSize); page += 1) pages.add(page);
  }
  const sorted = [...pages].sort((a, b) => a - b);
  const blocks: PageBlock[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    const address = sorted[start]! * pageSize;
    const bytes = new Uint8Array((end - start + 1) * pageSize).fill(0xff);
    for (const segment of image.segments) {
      const from = Math.max(segment.address, address);
      const to = Math.min(segment.address + segment.bytes.length, address + bytes.length);
      if (from < to) bytes.set(segment.bytes.subarray(from - segment.address, to - segment.address), from - address);
    }
    blocks.push({ address, bytes });
    start = end + 1;
  }
  return blocks;
}

export async function programImage(
  port: DebugPort,
  image: FirmwareImage,
  pageSize: number,
  onProgress?: (progress: FlashProgress) => void,
  options: TargetOptions = {},
): Promise<Result<{ readonly bytes: number }>> {
  const blocks = pageBlocksOf(image, pageSize);
  if (blocks.length === 0) return failure('TARGET_REGION_INVALID', 'PROGRAM IMAGE: the image holds no data');
  const total = blocks.reduce((sum, block) => sum + block.bytes.length, 0);
  let done = 0;
  for (const block of blocks) {
    const before = done;
    const programmed = await programPages(port, block.address, block.bytes, onProgress === undefined ? undefined : (p) => onProgress({ doneBytes: before + p.doneBytes, totalBytes: total }), options);
    if (!programmed.ok) return programmed;
    done += block.bytes.length;
  }
  return success({ bytes: total });
}
