/* The SEGGER-named functions that reach the target's debug port: raw CoreSight DP/AP registers and
 * Connect. Each access is one request to the probe's `matterline sim serve` socket. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "standin.h"

/* A DEVINFO word every EFR32 has: Series 1 PART, Series 2 LEGACY (research/debug-access.md §2.2).
 * Reading it is the memory access that a secured part refuses. */
#define DEVINFO_ADDRESS 0x0FE081FCu

static const char UNSECURE_MESSAGE[] =
    "The connected device is secured. Unsecuring it mass-erases the whole flash, including any Matter "
    "attestation credentials, and then allows debugging. Do you want to unsecure the device?";

/* Open and SWD selected: what every CoreSight access and Connect needs. */
static int require_swd(const char *function) {
  int result = standin_require_open(function);
  if (result == 0 && standin.tif != TIF_SWD)
    result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: no target interface selected; call JLINKARM_TIF_Select(1) (SWD) first.", function);
  return result;
}

static int read_u32_value(const char *what, uint32_t *out) {
  if (json_get_u32(standin.reply.value, out) == 0) return 0;
  return standin_error(JLINK_ERR_COMMUNICATION, "%s: the simulator answered something that is not a 32-bit number.", what);
}

int JLINKARM_CORESIGHT_Configure(const char *sConfig) {
  (void)sConfig; /* SWD needs no configuration string; the switch sequence is the simulator's concern */
  standin_enter();
  int result = require_swd("JLINKARM_CORESIGHT_Configure");
  if (result == 0) result = standin_request("JLINKARM_CORESIGHT_Configure (read DPIDR)", "\"op\":\"readDp\",\"register\":0");
  standin_leave();
  return result;
}

/* DP: register address RegIndex*4. AP: the AP is APSEL (bits 31:24) of the last DP SELECT write and
 * the register address is SELECT's bank (bits 7:4) + RegIndex*4. */
static void register_fields(char *fields, size_t cap, const char *op, U8 RegIndex, U8 APnDP) {
  unsigned reg = (unsigned)RegIndex * 4u;
  if (APnDP) snprintf(fields, cap, "\"op\":\"%sAp\",\"ap\":%u,\"register\":%u", op, (unsigned)(standin.select >> 24), (standin.select & 0xF0u) | reg);
  else snprintf(fields, cap, "\"op\":\"%sDp\",\"register\":%u", op, reg);
}

int JLINKARM_CORESIGHT_ReadAPDPReg(U8 RegIndex, U8 APnDP, U32 *pData) {
  standin_enter();
  char fields[128], what[96];
  snprintf(what, sizeof what, "JLINKARM_CORESIGHT_ReadAPDPReg(%u, %s)", (unsigned)RegIndex, APnDP ? "AP" : "DP");
  int result = require_swd(what);
  if (result == 0 && (RegIndex > 3 || pData == NULL))
    result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: RegIndex must be 0..3 and pData not NULL.", what);
  register_fields(fields, sizeof fields, "read", RegIndex, APnDP);
  if (result == 0) result = standin_request(what, fields);
  if (result == 0) result = read_u32_value(what, pData);
  standin_leave();
  return result;
}

int JLINKARM_CORESIGHT_WriteAPDPReg(U8 RegIndex, U8 APnDP, U32 Data) {
  standin_enter();
  char fields[160], what[96];
  snprintf(what, sizeof what, "JLINKARM_CORESIGHT_WriteAPDPReg(%u, %s, 0x%08lx)", (unsigned)RegIndex, APnDP ? "AP" : "DP", (unsigned long)Data);
  int result = require_swd(what);
  if (result == 0 && RegIndex > 3) result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: RegIndex must be 0..3.", what);
  register_fields(fields, sizeof fields, "write", RegIndex, APnDP);
  snprintf(fields + strlen(fields), sizeof fields - strlen(fields), ",\"value\":%lu", (unsigned long)Data);
  if (result == 0) result = standin_request(what, fields);
  if (result == 0 && !APnDP && RegIndex == 2) standin.select = Data;
  standin_leave();
  return result;
}

/* A secured part: ask the host's hook, as SEGGER's library does, and never erase whatever it says. */
static int refuse_secured(void) {
  int answer = standin.unsecure_hook == NULL ? 0 : standin.unsecure_hook("J-Link", UNSECURE_MESSAGE, DIALOG_YES | DIALOG_NO);
  standin_log("J-Link stand-in: the device is secured; unsecure dialog answered %d", answer);
  if (standin.unsecure_hook == NULL)
    return standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_Connect: the device is secured (debug-locked) and no unsecure-dialog hook is installed; nothing was erased.");
  if (answer & DIALOG_NO)
    return standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_Connect: the device is secured (debug-locked); the unsecure dialog answered NO, so nothing was erased.");
  return standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_Connect: the device is secured (debug-locked); the unsecure dialog answered %d, but the stand-in never erases a device.", answer);
}

int standin_connect(void) {
  int result = require_swd("JLINKARM_Connect");
  if (result == 0) result = standin_request("JLINKARM_Connect (read DPIDR)", "\"op\":\"readDp\",\"register\":0");
  if (result != 0) return result;
  char fields[128];
  snprintf(fields, sizeof fields, "\"op\":\"readMemory\",\"address\":%lu,\"length\":4,\"width\":32", (unsigned long)DEVINFO_ADDRESS);
  wire_status status = wire_call(&standin.conn, fields, &standin.reply);
  if (status == WIRE_REFUSED && strcmp(standin.reply.code, "PROBE_ACCESS_DENIED") == 0) return refuse_secured();
  if (status != WIRE_OK) return standin_report("JLINKARM_Connect (read DEVINFO)", status);
  standin.connected = 1;
  standin_log("J-Link stand-in: connected to %s (device %s, %lu kHz)", standin.part, standin.device[0] ? standin.device : "unnamed", (unsigned long)standin.speed_khz);
  return 0;
}

int JLINKARM_Connect(void) {
  standin_enter();
  int result = standin_connect();
  standin_leave();
  return result;
}

char JLINKARM_IsConnected(void) {
  return (char)(standin.open && standin.connected && wire_is_open(&standin.conn) ? 1 : 0);
}
