/*
 * Flash download as SEGGER's library does it (research/debug-access.md §1.4). Between
 * JLINKARM_BeginDownload and JLINKARM_EndDownload, JLINKARM_WriteMem into flash only buffers the
 * bytes. EndDownload expands the buffered writes to whole pages (read-modify-write: bytes of a page
 * that no write touched are read from the target first), merges them into contiguous runs, and sends
 * one `programFlash` (erase, program, verify) per run, passing the simulator's progress lines to the
 * JLINK_SetFlashProgProgressCallback callback. "Flash" is every address below SRAM (0x20000000): the
 * simulator refuses what is not a flash region there. Outside a download, or above that address,
 * WriteMem writes at once with `writeMemory`.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "standin.h"

#define SRAM_BASE 0x20000000u
#define INFO_BASE 0x0FE00000u /* user data, lock bits, DEVINFO */
#define MAX_BUFFERED_BYTES (64u * 1024u * 1024u)
/* Per request: 4 MiB is 8 MiB of hex, well under the server's 16 MiB line, and whole pages of any size. */
#define MAX_PIECE_BYTES (4u * 1024u * 1024u)

typedef struct chunk { uint32_t addr, len; uint8_t *data; } chunk;
typedef struct span { uint32_t start, end; } span; /* page-aligned, end exclusive */

typedef struct progress {
  uint64_t base, total; /* bytes programmed before the request in flight; bytes of the whole download */
  int64_t last;         /* the last value reported, so a request's opening "0 done" is not repeated */
} progress;

static int downloading;
static chunk *chunks; /* in WriteMem order: a later write wins where two overlap */
static size_t chunk_count, chunk_cap;
static uint64_t buffered_bytes;

void standin_download_discard(void) {
  for (size_t i = 0; i < chunk_count; i++) free(chunks[i].data);
  free(chunks);
  chunks = NULL;
  chunk_count = chunk_cap = 0, buffered_bytes = 0, downloading = 0;
}

/* Series 1 (EFR32xG1x, e.g. EFR32MG12): 2 KiB pages. Series 2 (EFR32xG2x): 8 KiB, but its user-data
 * page at 0x0FE00000 is 1 KiB. A part that hello did not name counts as Series 2. */
static uint32_t page_size_at(uint32_t addr) {
  const char *p = standin.part;
  if (strncmp(p, "EFR32", 5) == 0) {
    for (p += 5; isalpha((unsigned char)*p); p++) {}
    if (*p == '1') return 2048u;
  }
  return addr >= INFO_BASE ? 1024u : 8192u;
}

static int buffer_write(const char *what, U32 Addr, U32 Count, const void *pData) {
  if (buffered_bytes + Count > MAX_BUFFERED_BYTES) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: a download buffers at most 64 MiB.", what);
  if (chunk_count == chunk_cap) {
    size_t cap = chunk_cap == 0 ? 16 : chunk_cap * 2;
    chunk *grown = realloc(chunks, cap * sizeof *grown);
    if (grown == NULL) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: out of memory.", what);
    chunks = grown;
    chunk_cap = cap;
  }
  uint8_t *copy = malloc(Count);
  if (copy == NULL) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: out of memory.", what);
  memcpy(copy, pData, Count);
  chunks[chunk_count++] = (chunk){.addr = Addr, .len = Count, .data = copy};
  buffered_bytes += Count;
  return (int)Count;
}

void JLINKARM_BeginDownload(U32 Flags) {
  (void)Flags; /* SEGGER documents only 0 */
  standin_enter();
  standin_download_discard(); /* a second Begin starts over */
  downloading = 1;
  standin_leave();
}

int JLINKARM_WriteMem(U32 Addr, U32 Count, const void *pData) {
  standin_enter();
  char what[96];
  snprintf(what, sizeof what, "JLINKARM_WriteMem(0x%08lx, %lu bytes)", (unsigned long)Addr, (unsigned long)Count);
  int result = standin_require_open(what);
  if (result == 0 && Count > 0 && pData == NULL) result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: pData is NULL.", what);
  if (result == 0 && Count > 0 && downloading && Addr < SRAM_BASE) {
    if ((uint64_t)Addr + Count > SRAM_BASE) result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: the range runs from flash into SRAM at 0x20000000; split it.", what);
    else result = buffer_write(what, Addr, Count, pData);
  } else if (result == 0 && Count > 0) {
    result = JLINKARM_WriteMemEx(Addr, Count, pData, 0); /* RAM or registers: written now */
  }
  standin_leave();
  return result;
}

void JLINK_SetFlashProgProgressCallback(JLINK_FLASH_PROGRESS_CB_FUNC *pf) {
  standin_enter();
  standin.flash_progress = pf;
  standin_leave();
}

static void report_progress(void *context, uint32_t done, uint32_t total) {
  (void)total; /* the request's own total; the callback gets the whole download's */
  progress *state = context;
  uint64_t absolute = state->base + done;
  if ((int64_t)absolute == state->last || standin.flash_progress == NULL) return;
  state->last = (int64_t)absolute;
  char text[48];
  snprintf(text, sizeof text, "%llu/%llu", (unsigned long long)absolute, (unsigned long long)state->total);
  standin.flash_progress("Program", text, state->total == 0 ? 100 : (int)(absolute * 100u / state->total));
}

/* SIM_FLASH_VERIFY_FAILED → -267; the other SIM_FLASH_* refusals (write limit, unaligned, not flash) → -266. */
static int flash_report(const char *what, wire_status status) {
  const char *code = standin.reply.code;
  if (status != WIRE_REFUSED || strncmp(code, "SIM_FLASH_", 10) != 0) return standin_report(what, status);
  int verify = strcmp(code, "SIM_FLASH_VERIFY_FAILED") == 0;
  return standin_error(verify ? JLINK_ERR_FLASH_VERIFY : JLINK_ERR_FLASH_PROGRAM, "%s: flash %s failed: %s [%s]", what, verify ? "verify" : "program",
                       standin.reply.message, code);
}

static int program_piece(uint32_t addr, const uint8_t *data, uint32_t len, progress *state) {
  char what[96];
  snprintf(what, sizeof what, "JLINKARM_EndDownload (program 0x%08lx, %lu bytes)", (unsigned long)addr, (unsigned long)len);
  size_t cap = 2u * (size_t)len + 96u;
  char *fields = malloc(cap);
  if (fields == NULL) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: out of memory.", what);
  int head = snprintf(fields, cap, "\"op\":\"programFlash\",\"address\":%lu,\"data\":\"", (unsigned long)addr);
  hex_encode(data, len, fields + head);
  strcat(fields + head, "\"");
  standin.conn.on_progress = report_progress;
  standin.conn.progress_context = state;
  wire_status status = wire_call(&standin.conn, fields, &standin.reply);
  standin.conn.on_progress = NULL;
  standin.conn.progress_context = NULL;
  free(fields);
  state->base += len;
  return flash_report(what, status);
}

static int read_page(uint32_t addr, uint32_t len, uint8_t *out) {
  char what[96], fields[128];
  snprintf(what, sizeof what, "JLINKARM_EndDownload (read 0x%08lx, %lu bytes)", (unsigned long)addr, (unsigned long)len);
  snprintf(fields, sizeof fields, "\"op\":\"readMemory\",\"address\":%lu,\"length\":%lu,\"width\":32", (unsigned long)addr, (unsigned long)len);
  int result = standin_request(what, fields);
  if (result == 0 && hex_decode_json(standin.reply.value, out, len) != (long)len)
    result = standin_error(JLINK_ERR_COMMUNICATION, "%s: the simulator answered the wrong number of bytes.", what);
  return result;
}

/* One run of whole pages: read the pages some byte of which no write covers, lay the writes over them, program. */
static int program_span(span run, progress *state) {
  uint32_t len = run.end - run.start;
  uint8_t *image = malloc(len), *covered = calloc(len, 1);
  int result = image == NULL || covered == NULL ? standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_EndDownload: out of memory.") : 0;
  for (size_t i = 0; result == 0 && i < chunk_count; i++)
    if (chunks[i].addr >= run.start && chunks[i].addr < run.end) memset(covered + (chunks[i].addr - run.start), 1, chunks[i].len);
  for (uint32_t at = run.start; result == 0 && at < run.end; at += page_size_at(at))
    if (memchr(covered + (at - run.start), 0, page_size_at(at)) != NULL) result = read_page(at, page_size_at(at), image + (at - run.start));
  for (size_t i = 0; result == 0 && i < chunk_count; i++)
    if (chunks[i].addr >= run.start && chunks[i].addr < run.end) memcpy(image + (chunks[i].addr - run.start), chunks[i].data, chunks[i].len);
  for (uint32_t done = 0; result == 0 && done < len; done += MAX_PIECE_BYTES)
    result = program_piece(run.start + done, image + done, len - done < MAX_PIECE_BYTES ? len - done : MAX_PIECE_BYTES, state);
  free(image);
  free(covered);
  return result;
}

static int compare_spans(const void *a, const void *b) {
  uint32_t x = ((const span *)a)->start, y = ((const span *)b)->start;
  return x < y ? -1 : x > y;
}

static int program_download(void) {
  span *runs = malloc(chunk_count * sizeof *runs);
  if (runs == NULL) return standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_EndDownload: out of memory.");
  for (size_t i = 0; i < chunk_count; i++) {
    uint32_t last = chunks[i].addr + chunks[i].len - 1, start_page = page_size_at(chunks[i].addr), end_page = page_size_at(last);
    runs[i] = (span){.start = chunks[i].addr - chunks[i].addr % start_page, .end = last - last % end_page + end_page};
  }
  qsort(runs, chunk_count, sizeof *runs, compare_spans);
  size_t count = 0;
  for (size_t i = 0; i < chunk_count; i++) {
    if (count > 0 && runs[i].start <= runs[count - 1].end) {
      if (runs[i].end > runs[count - 1].end) runs[count - 1].end = runs[i].end;
    } else {
      runs[count++] = runs[i];
    }
  }
  progress state = {.base = 0, .total = 0, .last = -1};
  for (size_t i = 0; i < count; i++) state.total += runs[i].end - runs[i].start;
  int result = 0;
  for (size_t i = 0; result == 0 && i < count; i++) result = program_span(runs[i], &state);
  if (result == 0) standin_log("J-Link stand-in: programmed %llu bytes of flash in %zu run(s)", (unsigned long long)state.total, count);
  free(runs);
  return result == 0 ? (int)state.total : result;
}

int JLINKARM_EndDownload(void) {
  standin_enter();
  int result = downloading ? standin_require_open("JLINKARM_EndDownload")
                           : standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_EndDownload: no download in progress (call JLINKARM_BeginDownload first).");
  if (result == 0 && chunk_count > 0) result = standin_ensure_connected("JLINKARM_EndDownload");
  if (result == 0 && chunk_count > 0) result = program_download();
  standin_download_discard();
  standin_leave();
  return result;
}
