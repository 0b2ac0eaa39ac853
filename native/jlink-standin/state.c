/* The shared state of standin.h: the caller lock, error and log reporting, and the mapping from
 * how a request to the simulator failed to SEGGER's global error codes. */
#define _POSIX_C_SOURCE 200809L
#include "standin.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

standin_state standin = {.tif = -1, .speed_khz = 4000, .conn = {.fd = -1, .timeout_ms = 15000}};

static atomic_flag busy = ATOMIC_FLAG_INIT;
static _Thread_local int depth;

void standin_enter(void) {
  if (depth++ > 0) return;
  while (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
    struct timespec pause = {.tv_sec = 0, .tv_nsec = 100000};
    nanosleep(&pause, NULL);
  }
}

void standin_leave(void) {
  if (--depth == 0) atomic_flag_clear_explicit(&busy, memory_order_release);
}

int standin_error(int code, const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(standin.error_text, sizeof standin.error_text, format, arguments);
  va_end(arguments);
  if (standin.error_out != NULL) standin.error_out(standin.error_text);
  return code;
}

void standin_log(const char *format, ...) {
  if (standin.log == NULL) return;
  char text[512];
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(text, sizeof text, format, arguments);
  va_end(arguments);
  standin.log(text);
}

int standin_require_open(const char *function) {
  if (standin.open) return 0;
  return standin_error(JLINK_ERR_DLL_NOT_OPEN, "%s: the J-Link library is not open (call JLINKARM_OpenEx first).", function);
}

int standin_report(const char *what, wire_status status) {
  wire_reply *reply = &standin.reply;
  unsigned long serial = (unsigned long)standin.probe.serial;
  switch (status) {
    case WIRE_OK:
      return 0;
    case WIRE_GONE:
      standin.connected = 0;
      return standin_error(JLINK_ERR_NO_CONNECTION, "%s: no connection to J-Link %lu: %s (the probe was unplugged or its simulator at %s stopped).", what, serial,
                           reply->message, standin.probe.socket);
    case WIRE_GARBLED:
      standin.connected = 0;
      return standin_error(JLINK_ERR_COMMUNICATION, "%s: communication error with J-Link %lu: %s.", what, serial, reply->message);
    case WIRE_REFUSED:
      break;
  }
  if (strcmp(reply->code, "PROBE_DISCONNECTED") == 0) {
    standin.connected = 0;
    return standin_error(JLINK_ERR_NO_CONNECTION, "%s: J-Link %lu lost the target: %s [%s]", what, serial, reply->message, reply->code);
  }
  if (strcmp(reply->code, "PROBE_TIMEOUT") == 0)
    return standin_error(JLINK_ERR_COMMUNICATION, "%s: J-Link %lu timed out: %s [%s]", what, serial, reply->message, reply->code);
  if (strcmp(reply->code, "PROBE_ACCESS_DENIED") == 0)
    return standin_error(JLINK_ERR_UNSPECIFIED, "%s: the target refused the access because it is debug-locked: %s [%s]", what, reply->message, reply->code);
  return standin_error(JLINK_ERR_UNSPECIFIED, "%s failed: %s [%s]", what, reply->message, reply->code);
}

int standin_request(const char *what, const char *fields) {
  return standin_report(what, wire_call(&standin.conn, fields, &standin.reply));
}
