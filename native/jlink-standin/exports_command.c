/* Command strings (JLINKARM_ExecCommand), the target interface and the speed. The stand-in accepts
 * the headless command strings pylink sends (research/debug-access.md §1.4) and "Device = NAME". */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "standin.h"

/* Accepted as they are, with or without "= value"; they only silence dialogs SEGGER would show. */
static const char *const HEADLESS[] = {
    "SilentUpdateFW",      "SuppressInfoUpdateFW",  "SetBatchMode",           "HideDeviceSelection",
    "SuppressControlPanel", "DisableInfoWinFlashDL", "DisableInfoWinFlashBPs",
};

static int same_word(const char *a, size_t length, const char *word) {
  if (strlen(word) != length) return 0;
  for (size_t i = 0; i < length; i++)
    if (tolower((unsigned char)a[i]) != tolower((unsigned char)word[i])) return 0;
  return 1;
}

static void answer(char *pOut, int BufferSize, const char *text) {
  if (pOut != NULL && BufferSize > 0) snprintf(pOut, (size_t)BufferSize, "%s", text);
}

/* Splits "Key = Value" (spaces optional) into the key and the trimmed value. */
static void split(const char *command, size_t *key_length, const char **value, size_t *value_length) {
  while (isspace((unsigned char)*command)) command++;
  const char *equals = strchr(command, '=');
  const char *key_end = equals == NULL ? command + strlen(command) : equals;
  while (key_end > command && isspace((unsigned char)key_end[-1])) key_end--;
  *key_length = (size_t)(key_end - command);
  const char *v = equals == NULL ? key_end : equals + 1;
  while (isspace((unsigned char)*v)) v++;
  size_t n = strlen(v);
  while (n > 0 && isspace((unsigned char)v[n - 1])) n--;
  *value = v;
  *value_length = n;
}

int JLINKARM_ExecCommand(const char *pIn, char *pOut, int BufferSize) {
  standin_enter();
  char text[400];
  int result = 0;
  answer(pOut, BufferSize, "");
  if (pIn == NULL) {
    snprintf(text, sizeof text, "No command given.");
    result = JLINK_ERR_UNSPECIFIED;
  } else {
    while (isspace((unsigned char)*pIn)) pIn++;
    size_t key_length, value_length;
    const char *value;
    split(pIn, &key_length, &value, &value_length);
    int known = 0;
    for (size_t i = 0; i < sizeof HEADLESS / sizeof HEADLESS[0]; i++) known |= same_word(pIn, key_length, HEADLESS[i]);
    if (same_word(pIn, key_length, "Device")) {
      if (value_length == 0 || value_length >= sizeof standin.device) {
        snprintf(text, sizeof text, "Device name missing or too long.");
        result = JLINK_ERR_UNSPECIFIED;
      } else {
        memcpy(standin.device, value, value_length);
        standin.device[value_length] = '\0';
        standin_log("J-Link stand-in: device %s selected", standin.device);
      }
    } else if (!known) {
      snprintf(text, sizeof text, "Unknown command: %.300s", pIn);
      result = JLINK_ERR_UNSPECIFIED;
    }
  }
  if (result != 0) {
    answer(pOut, BufferSize, text);
    standin_error(result, "JLINKARM_ExecCommand: %s", text);
  }
  standin_leave();
  return result;
}

int JLINKARM_TIF_Select(int Interface) {
  standin_enter();
  int result = standin_require_open("JLINKARM_TIF_Select");
  if (result == 0 && Interface != TIF_SWD)
    result = standin_error(JLINK_ERR_UNSPECIFIED, "JLINKARM_TIF_Select(%d): the stand-in speaks SWD (1) only.", Interface);
  if (result == 0) standin.tif = TIF_SWD;
  standin_leave();
  return result;
}

void JLINKARM_SetSpeed(U32 Speed) {
  standin_enter();
  if (standin.open) standin.speed_khz = Speed;
  standin_leave();
}
