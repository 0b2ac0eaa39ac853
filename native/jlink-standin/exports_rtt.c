/*
 * RTT (research/debug-access.md §1.4): JLINK_RTTERMINAL_Control/Read/Write over the simulator's
 * `rttOpen`/`rttRead`/`rttWrite`/`rttClose` (one channel per connection). As with SEGGER's library,
 * START succeeds before the control block exists: while the simulator answers SIM_RTT_UNAVAILABLE (no
 * agent runs yet), the library keeps "searching" and tries `rttOpen` again at each GETNUMBUF, Read
 * and Write, which answer -2, 0 and 0 until it is found. The agent has one up and one down buffer.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "json.h"
#include "standin.h"

/* Per request: 1 MiB travels as 2 MiB of hex; far more than the agent's 1 KiB up buffer holds. */
#define MAX_RTT_BYTES (1024u * 1024u)
/* SEGGER's GETNUMBUF answer while the control block has not been found. */
#define RTT_NOT_FOUND -2
/* The agent's control block: one up buffer (target → host) and one down buffer (host → target). */
#define AGENT_BUFFERS 1

static uint32_t control_block_address; /* from START's struct; 0 = let the simulator scan SRAM */

/* One `rttOpen`: found (RTT_FOUND), not there yet (RTT_SEARCHING, result 0), or an error code. */
static int open_rtt(const char *what) {
  char fields[96];
  if (control_block_address != 0) snprintf(fields, sizeof fields, "\"op\":\"rttOpen\",\"controlBlockAddress\":%lu", (unsigned long)control_block_address);
  else snprintf(fields, sizeof fields, "\"op\":\"rttOpen\"");
  wire_status status = wire_call(&standin.conn, fields, &standin.reply);
  if (status == WIRE_OK) {
    standin.rtt = RTT_FOUND;
    standin_log("J-Link stand-in: RTT control block found");
    return 0;
  }
  if (status == WIRE_REFUSED && strcmp(standin.reply.code, "SIM_RTT_UNAVAILABLE") == 0) {
    standin.rtt = RTT_SEARCHING;
    return 0;
  }
  return standin_report(what, status);
}

/* 1 when the control block is found, 0 while searching, a negative code on error or when not started. */
static int rtt_ready(const char *what) {
  int result = standin_require_open(what);
  if (result == 0 && standin.rtt == RTT_STOPPED)
    result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: RTT is not started; call JLINK_RTTERMINAL_Control(0 = START) first.", what);
  if (result == 0 && standin.rtt == RTT_SEARCHING) result = standin_ensure_connected(what);
  if (result == 0 && standin.rtt == RTT_SEARCHING) result = open_rtt(what);
  return result < 0 ? result : standin.rtt == RTT_FOUND;
}

static int get_number_of_buffers(const void *p) {
  const char *what = "JLINK_RTTERMINAL_Control(3 = GETNUMBUF)";
  int result = standin_require_open(what);
  if (result != 0) return result;
  if (p == NULL || (*(const int *)p != 0 && *(const int *)p != 1))
    return standin_error(JLINK_ERR_UNSPECIFIED, "%s: p must point to an int direction, 0 (up) or 1 (down).", what);
  if (standin.rtt == RTT_STOPPED) return RTT_NOT_FOUND;
  result = rtt_ready(what);
  return result < 0 ? result : result == 1 ? AGENT_BUFFERS : RTT_NOT_FOUND;
}

int JLINK_RTTERMINAL_Control(U32 Cmd, void *p) {
  standin_enter();
  int result;
  switch (Cmd) {
    case JLINKARM_RTTERMINAL_CMD_START:
      result = standin_ensure_connected("JLINK_RTTERMINAL_Control(0 = START)");
      control_block_address = p == NULL ? 0 : ((const JLINK_RTTERMINAL_START *)p)->ConfigBlockAddress;
      if (result == 0) result = open_rtt("JLINK_RTTERMINAL_Control(0 = START)");
      break;
    case JLINKARM_RTTERMINAL_CMD_STOP:
      result = standin_require_open("JLINK_RTTERMINAL_Control(1 = STOP)");
      if (result == 0 && standin.rtt != RTT_STOPPED) {
        standin.rtt = RTT_STOPPED;
        result = standin_request("JLINK_RTTERMINAL_Control(1 = STOP)", "\"op\":\"rttClose\"");
      }
      break;
    case JLINKARM_RTTERMINAL_CMD_GETNUMBUF:
      result = get_number_of_buffers(p);
      break;
    default:
      result = standin_error(JLINK_ERR_UNSPECIFIED, "JLINK_RTTERMINAL_Control: command %lu is not supported by the stand-in (START 0, STOP 1, GETNUMBUF 3 are).",
                             (unsigned long)Cmd);
      break;
  }
  standin_leave();
  return result;
}

int JLINK_RTTERMINAL_Read(U32 BufferIndex, char *sBuffer, U32 BufferSize) {
  standin_enter();
  char what[80], fields[128];
  snprintf(what, sizeof what, "JLINK_RTTERMINAL_Read(buffer %lu)", (unsigned long)BufferIndex);
  int result = sBuffer == NULL && BufferSize > 0 ? standin_error(JLINK_ERR_UNSPECIFIED, "%s: sBuffer is NULL.", what) : rtt_ready(what);
  if (result == 1 && BufferSize > 0) {
    uint32_t wanted = BufferSize < MAX_RTT_BYTES ? BufferSize : MAX_RTT_BYTES;
    snprintf(fields, sizeof fields, "\"op\":\"rttRead\",\"buffer\":%lu,\"maxBytes\":%lu", (unsigned long)BufferIndex, (unsigned long)wanted);
    result = standin_request(what, fields);
    long got = result == 0 ? hex_decode_json(standin.reply.value, (uint8_t *)sBuffer, wanted) : 0;
    if (result == 0) result = got >= 0 ? (int)got : standin_error(JLINK_ERR_COMMUNICATION, "%s: the simulator answered more bytes than asked for, or no hex.", what);
  } else if (result == 1) {
    result = 0;
  }
  standin_leave();
  return result;
}

int JLINK_RTTERMINAL_Write(U32 BufferIndex, const char *sBuffer, U32 BufferSize) {
  standin_enter();
  char what[80];
  snprintf(what, sizeof what, "JLINK_RTTERMINAL_Write(buffer %lu, %lu bytes)", (unsigned long)BufferIndex, (unsigned long)BufferSize);
  int result = sBuffer == NULL && BufferSize > 0 ? standin_error(JLINK_ERR_UNSPECIFIED, "%s: sBuffer is NULL.", what) : rtt_ready(what);
  if (result == 1 && BufferSize > MAX_RTT_BYTES) result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: at most 1 MiB per call.", what);
  if (result == 1 && BufferSize > 0) {
    size_t cap = 2u * (size_t)BufferSize + 96u;
    char *fields = malloc(cap);
    if (fields == NULL) {
      result = standin_error(JLINK_ERR_UNSPECIFIED, "%s: out of memory.", what);
    } else {
      int head = snprintf(fields, cap, "\"op\":\"rttWrite\",\"buffer\":%lu,\"data\":\"", (unsigned long)BufferIndex);
      hex_encode((const uint8_t *)sBuffer, BufferSize, fields + head);
      strcat(fields + head, "\"");
      result = standin_request(what, fields);
      free(fields);
      uint32_t accepted = 0;
      if (result == 0 && json_get_u32(standin.reply.value, &accepted) != 0)
        result = standin_error(JLINK_ERR_COMMUNICATION, "%s: the simulator's answer is not a byte count.", what);
      if (result == 0) result = (int)accepted;
    }
  } else if (result == 1) {
    result = 0;
  }
  standin_leave();
  return result;
}
