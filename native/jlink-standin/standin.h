/*
 * The state of one loaded stand-in library. SEGGER's model: one loaded library drives one probe
 * (research/debug-access.md §1.3), so it is a single global, guarded so that calls from several
 * threads (koffi's .async()) run one at a time.
 */
#ifndef JLINK_STANDIN_STANDIN_H
#define JLINK_STANDIN_STANDIN_H

#include <stdint.h>

#include "config.h"
#include "jlinkarm.h"
#include "wire.h"

/* SEGGER's global error codes (§1.4) that the stand-in returns. */
enum {
  JLINK_ERR_UNSPECIFIED = -1,
  JLINK_ERR_NO_CONNECTION = -256,
  JLINK_ERR_COMMUNICATION = -257,
  JLINK_ERR_DLL_NOT_OPEN = -258,
  JLINK_ERR_FLASH_PROGRAM = -266,
  JLINK_ERR_FLASH_VERIFY = -267,
};

enum { TIF_JTAG = 0, TIF_SWD = 1 };

enum { RTT_STOPPED = 0, RTT_SEARCHING = 1, RTT_FOUND = 2 };

/* Answers of the unsecure dialog hook (pylink's JLinkFlags). */
enum { DIALOG_YES = 1, DIALOG_NO = 2 };

typedef struct standin_state {
  int open;
  int has_selection; /* JLINKARM_EMU_SelectByUSBSN was called with a listed serial */
  uint32_t selected_serial;
  standin_probe probe; /* the open probe */
  char part[64];       /* the simulated part, from hello */
  wire_conn conn;
  wire_reply reply; /* the last answer */
  int connected;
  int halted;      /* tracked from Halt/Go/Reset: the protocol has no halted query */
  uint32_t select; /* the last DP SELECT written */
  int tif;         /* -1 until TIF_Select */
  uint32_t speed_khz;
  char device[128]; /* from "Device = NAME" */
  JLINKARM_LOG *log;
  JLINKARM_LOG *error_out;
  JLINK_UNSECURE_DIALOG_CB_FUNC *unsecure_hook;
  JLINK_FLASH_PROGRESS_CB_FUNC *flash_progress;
  int rtt; /* RTT_STOPPED, RTT_SEARCHING (started, no control block yet) or RTT_FOUND */
  char error_text[1024];
} standin_state;

extern standin_state standin;

/* One caller at a time; re-entrant on the same thread (a handler may not call in from another). */
void standin_enter(void);
void standin_leave(void);

/* Formats the error text, passes it to the error-out handler if one is installed, returns code. */
int standin_error(int code, const char *format, ...) __attribute__((format(printf, 2, 3)));
void standin_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* -258 with an error text unless the library is open; 0 when it is. */
int standin_require_open(const char *function);

/* Sends one request to the open probe's simulator; 0, or the J-Link error code for how it failed
 * (with the error text reported). On success standin.reply.value holds the answer's value. */
int standin_request(const char *what, const char *fields);

/* The J-Link error code (and reported text) for how a request ended; 0 for WIRE_OK. */
int standin_report(const char *what, wire_status status);

/* The connect sequence (exports_target.c), run by JLINKARM_Connect and, as SEGGER's library does,
 * before target accesses when not yet connected. */
int standin_connect(void);

/* Open, socket up and connected (running standin_connect when not yet): 0 or the error code. */
int standin_ensure_connected(const char *function);

/* Forgets a buffered flash download (exports_flash.c); run when the session ends. */
void standin_download_discard(void);

#endif
