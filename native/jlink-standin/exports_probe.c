/* The SEGGER-named functions about the probe itself: version, listing, selection, open and close,
 * serial number, handlers and hooks. Target access is in exports_target.c, command strings in
 * exports_command.c. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "standin.h"

_Static_assert(sizeof(JLINKARM_EMU_CONNECT_INFO) == 264, "JLINKARM_EMU_CONNECT_INFO is 264 bytes");
_Static_assert(offsetof(JLINKARM_EMU_CONNECT_INFO, Time_us) == 32, "Time_us at 32");
_Static_assert(offsetof(JLINKARM_EMU_CONNECT_INFO, acProduct) == 50, "acProduct at 50");
_Static_assert(offsetof(JLINKARM_EMU_CONNECT_INFO, aPadding) == 230, "aPadding at 230");

#define DLL_VERSION 79600u /* V7.96, the version the stand-in claims */
#define HOST_USB 1

U32 JLINKARM_GetDLLVersion(void) { return DLL_VERSION; }

static void fill_info(JLINKARM_EMU_CONNECT_INFO *info, const standin_probe *probe) {
  memset(info, 0, sizeof *info);
  info->SerialNumber = probe->serial;
  info->Connection = HOST_USB;
  snprintf(info->acProduct, sizeof info->acProduct, "%s", probe->product);
  snprintf(info->acFWString, sizeof info->acFWString, "Matterline J-Link stand-in -> %.80s", probe->socket);
}

int JLINKARM_EMU_GetList(int HostIFs, JLINKARM_EMU_CONNECT_INFO *paConnectInfo, int MaxInfos) {
  standin_enter();
  standin_probe probes[STANDIN_MAX_PROBES];
  char err[512];
  int count = (HostIFs & HOST_USB) == 0 ? 0 : standin_config_read(probes, STANDIN_MAX_PROBES, err, sizeof err);
  if (count < 0) count = standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_EMU_GetList: %s", err);
  for (int i = 0; paConnectInfo != NULL && i < count && i < MaxInfos; i++) fill_info(&paConnectInfo[i], &probes[i]);
  standin_leave();
  return count;
}

int JLINKARM_EMU_SelectByUSBSN(U32 SerialNo) {
  standin_enter();
  standin_probe probes[STANDIN_MAX_PROBES];
  char err[512];
  int count = standin_config_read(probes, STANDIN_MAX_PROBES, err, sizeof err);
  int index = count < 0 ? standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_EMU_SelectByUSBSN: %s", err) : -1;
  for (int i = 0; i < count; i++)
    if (probes[i].serial == SerialNo) index = i;
  if (index >= 0) {
    standin.has_selection = 1;
    standin.selected_serial = SerialNo;
  }
  standin_leave();
  return index;
}

/* Picks the probe OpenEx opens: the selected one, or the only one listed. NULL, or an error text. */
static const char *choose_probe(standin_probe *chosen) {
  static char text[768];
  standin_probe probes[STANDIN_MAX_PROBES];
  char err[512];
  int count = standin_config_read(probes, STANDIN_MAX_PROBES, err, sizeof err);
  if (count < 0) {
    snprintf(text, sizeof text, "Cannot open J-Link: %s", err);
    return text;
  }
  for (int i = 0; i < count; i++) {
    if (standin.has_selection ? probes[i].serial == standin.selected_serial : count == 1) {
      *chosen = probes[i];
      return NULL;
    }
  }
  if (standin.has_selection)
    snprintf(text, sizeof text, "Cannot open J-Link %lu: it is not connected (not listed in %s).", (unsigned long)standin.selected_serial, STANDIN_CONFIG_ENV);
  else if (count == 0)
    snprintf(text, sizeof text, "Cannot open J-Link: no J-Link is connected (%s lists no probes).", STANDIN_CONFIG_ENV);
  else
    snprintf(text, sizeof text, "Cannot open J-Link: %d J-Links are connected; select one with JLINKARM_EMU_SelectByUSBSN first.", count);
  return text;
}

static void reset_session(void) {
  standin.connected = 0;
  standin.halted = 0;
  standin.select = 0;
  standin.tif = -1;
  standin.speed_khz = 4000;
  standin.device[0] = '\0';
  standin.part[0] = '\0';
  standin.rtt = RTT_STOPPED; /* the server keeps one RTT channel per connection */
  standin_download_discard();
}

const char *JLINKARM_OpenEx(JLINKARM_LOG *pfLog, JLINKARM_LOG *pfErrorOut) {
  static char text[1024];
  standin_enter();
  const char *result = NULL;
  standin.log = pfLog;
  if (pfErrorOut != NULL) standin.error_out = pfErrorOut;
  standin_probe probe;
  if (!standin.open && (result = choose_probe(&probe)) == NULL) {
    wire_status status = wire_open(&standin.conn, probe.socket, probe.token, &standin.reply);
    if (status != WIRE_OK) {
      snprintf(text, sizeof text, "Cannot connect to J-Link %lu (stand-in for %s): %s%s%s.", (unsigned long)probe.serial, probe.socket, standin.reply.message,
               status == WIRE_REFUSED ? " " : "", status == WIRE_REFUSED ? standin.reply.code : "");
      result = text;
    } else {
      reset_session();
      const char *part;
      if (json_object_get(standin.reply.value, "part", &part) == 1) json_get_string(part, standin.part, sizeof standin.part);
      standin.probe = probe;
      standin.open = 1;
      standin_log("J-Link stand-in: opened J-Link %lu (%s) via %s, part %s", (unsigned long)probe.serial, probe.product, probe.socket, standin.part);
    }
  }
  standin_leave();
  return result;
}

void JLINKARM_Close(void) {
  standin_enter();
  wire_close(&standin.conn);
  standin.open = 0;
  reset_session();
  /* The host may free its callbacks once closed; never call them after this. */
  standin.log = NULL;
  standin.error_out = NULL;
  standin.unsecure_hook = NULL;
  standin.flash_progress = NULL;
  standin_leave();
}

char JLINKARM_IsOpen(void) { return (char)(standin.open ? 1 : 0); }

int JLINKARM_GetSN(void) {
  standin_enter();
  int result = standin_require_open("JLINKARM_GetSN");
  if (result == 0) result = (int)standin.probe.serial;
  standin_leave();
  return result;
}

int JLINK_SetHookUnsecureDialog(JLINK_UNSECURE_DIALOG_CB_FUNC *pfHook) {
  standin_enter();
  standin.unsecure_hook = pfHook;
  standin_leave();
  return 0;
}

void JLINKARM_SetErrorOutHandler(JLINKARM_LOG *pfErrorOut) {
  standin_enter();
  standin.error_out = pfErrorOut;
  standin_leave();
}
