/* Memory and run control: ReadMemEx/WriteMemEx, Halt/IsHalted/Go/Reset/ResetNoHalt. As SEGGER's library does,
 * each first connects to the target when JLINKARM_Connect has not been called (or the connection
 * was lost), so a secured part reaches the unsecure-dialog hook here too. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "standin.h"

/* The server's lines are at most 16 MiB, so a hex payload of more than 8 MiB cannot travel. */
#define MAX_TRANSFER_BYTES (8u * 1024u * 1024u - 4096u)

int standin_ensure_connected(const char *function) {
  int result = standin_require_open(function);
  if (result == 0 && !wire_is_open(&standin.conn)) {
    /* Lost earlier: say so under this function's name rather than under a connect attempt's. */
    snprintf(standin.reply.message, sizeof standin.reply.message, "the connection was lost earlier");
    result = standin_report(function, WIRE_GONE);
  }
  if (result == 0 && !standin.connected) result = standin_connect();
  return result;
}

/* AccessWidth 0 lets the simulator choose; 1/2/4 bytes become 8/16/32-bit accesses. */
static int width_member(U32 AccessWidth, char *out, size_t cap) {
  switch (AccessWidth) {
    case 0: out[0] = '\0'; return 0;
    case 1: snprintf(out, cap, ",\"width\":8"); return 0;
    case 2: snprintf(out, cap, ",\"width\":16"); return 0;
    case 4: snprintf(out, cap, ",\"width\":32"); return 0;
    default: return -1;
  }
}

static int check_transfer(const char *what, U32 NumBytes, const void *pData, U32 AccessWidth, char *width, size_t cap) {
  if (width_member(AccessWidth, width, cap) != 0)
    return standin_error(JLINK_ERR_UNSPECIFIED, "%s: AccessWidth %lu is not 0, 1, 2 or 4.", what, (unsigned long)AccessWidth);
  if (NumBytes > MAX_TRANSFER_BYTES) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: %lu bytes is more than one transfer carries; split it.", what, (unsigned long)NumBytes);
  if (pData == NULL && NumBytes > 0) return standin_error(JLINK_ERR_UNSPECIFIED, "%s: pData is NULL.", what);
  return 0;
}

int JLINKARM_ReadMemEx(U32 Addr, U32 NumBytes, void *pData, U32 AccessWidth) {
  standin_enter();
  char what[96], width[24], fields[160];
  snprintf(what, sizeof what, "JLINKARM_ReadMemEx(0x%08lx, %lu bytes)", (unsigned long)Addr, (unsigned long)NumBytes);
  int result = check_transfer(what, NumBytes, pData, AccessWidth, width, sizeof width);
  if (result == 0 && NumBytes > 0) result = standin_ensure_connected(what);
  if (result == 0 && NumBytes > 0) {
    snprintf(fields, sizeof fields, "\"op\":\"readMemory\",\"address\":%lu,\"length\":%lu%s", (unsigned long)Addr, (unsigned long)NumBytes, width);
    result = standin_request(what, fields);
    long got = result == 0 ? hex_decode_json(standin.reply.value, pData, NumBytes) : 0;
    if (result == 0 && got != (long)NumBytes)
      result = standin_error(JLINK_ERR_COMMUNICATION, "%s: the simulator answered %ld bytes of hex instead of %lu.", what, got, (unsigned long)NumBytes);
    if (result == 0) result = (int)NumBytes;
  }
  standin_leave();
  return result;
}

int JLINKARM_WriteMemEx(U32 Addr, U32 NumBytes, const void *pData, U32 AccessWidth) {
  standin_enter();
  char what[96], width[24];
  snprintf(what, sizeof what, "JLINKARM_WriteMemEx(0x%08lx, %lu bytes)", (unsigned long)Addr, (unsigned long)NumBytes);
  int result = check_transfer(what, NumBytes, pData, AccessWidth, width, sizeof width);
  if (result == 0 && NumBytes > 0) result = standin_ensure_connected(what);
  if (result == 0 && NumBytes > 0) {
    size_t cap = 2u * NumBytes + 128u;
    char *fields = malloc(cap);
    if (fields == NULL) {
      result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: out of memory.", what);
    } else {
      int head = snprintf(fields, cap, "\"op\":\"writeMemory\",\"address\":%lu%s,\"data\":\"", (unsigned long)Addr, width);
      hex_encode(pData, NumBytes, fields + head);
      strcat(fields + head, "\"");
      result = standin_request(what, fields);
      free(fields);
    }
    if (result == 0) result = (int)NumBytes;
  }
  standin_leave();
  return result;
}

/* Returns 0 when halted, 1 when not (the reason goes to the error-out handler). */
char JLINKARM_Halt(void) {
  standin_enter();
  int result = standin_ensure_connected("JLINKARM_Halt");
  if (result == 0) result = standin_request("JLINKARM_Halt", "\"op\":\"halt\"");
  if (result == 0) standin.halted = 1;
  standin_leave();
  return (char)(result == 0 ? 0 : 1);
}

/* 1 halted, 0 running, -1 error. Tracked from Halt/Go/Reset: the protocol has no halted query. */
char JLINKARM_IsHalted(void) {
  standin_enter();
  int result = standin_ensure_connected("JLINKARM_IsHalted");
  standin_leave();
  return (char)(result == 0 ? (standin.halted ? 1 : 0) : -1);
}

void JLINKARM_Go(void) {
  standin_enter();
  int result = standin_ensure_connected("JLINKARM_Go");
  if (result == 0) result = standin_request("JLINKARM_Go", "\"op\":\"go\"");
  if (result == 0) standin.halted = 0;
  standin_leave();
}

/* Resets and halts the core (the simulator's `halt` reset kind); 0 or a negative error code. */
int JLINKARM_Reset(void) {
  standin_enter();
  int result = standin_ensure_connected("JLINKARM_Reset");
  if (result == 0) result = standin_request("JLINKARM_Reset", "\"op\":\"reset\",\"kind\":\"halt\"");
  if (result == 0) standin.halted = 1;
  standin_leave();
  return result;
}

/* Resets and lets the core run (the simulator's `system` reset: SYSRESETREQ). Errors go to the
 * error-out handler only, since SEGGER's function returns nothing. */
void JLINKARM_ResetNoHalt(void) {
  standin_enter();
  int result = standin_ensure_connected("JLINKARM_ResetNoHalt");
  if (result == 0) result = standin_request("JLINKARM_ResetNoHalt", "\"op\":\"reset\",\"kind\":\"system\"");
  if (result == 0) standin.halted = 0;
  standin_leave();
}
