/*
 * The client side of `matterline sim serve`'s socket (docs/simulator.md, "Protocol (version 1)"):
 * connect to `unix:PATH` or `tcp:HOST:PORT`, say hello with the token, then one request at a time:
 * write `{"id":N,<fields>}\n`, read lines until the answer carrying id N and "ok" (progress lines
 * go to on_progress, or are skipped). A connection that broke, timed out or answered garbage is closed for good; every
 * later call reports WIRE_GONE, as a real probe that was unplugged stays gone until reopened.
 */
#ifndef JLINK_STANDIN_WIRE_H
#define JLINK_STANDIN_WIRE_H

#include <stddef.h>
#include <stdint.h>

typedef enum wire_status {
  WIRE_OK = 0,
  /* The server answered ok:false; code and message hold its catalogue error. */
  WIRE_REFUSED = 1,
  /* No connection: refused, closed by the server, or closed earlier. */
  WIRE_GONE = 2,
  /* No answer in time, or an answer that is not protocol version 1. */
  WIRE_GARBLED = 3,
} wire_status;

typedef struct wire_conn {
  int fd; /* -1 when closed */
  uint32_t next_id;
  char *buf; /* received bytes; the current line starts at buf[0] */
  size_t cap, len, consumed;
  int timeout_ms;
  /* Called for each progress line of the request in flight (programFlash), when set. */
  void (*on_progress)(void *context, uint32_t done, uint32_t total);
  void *progress_context;
} wire_conn;

typedef struct wire_reply {
  /* The answer's "value" (inside the connection's buffer; valid until the next call). */
  const char *value;
  /* The server's error code (WIRE_REFUSED) or empty. */
  char code[64];
  /* The server's message and detail, or what went wrong with the connection. */
  char message[640];
} wire_reply;

void wire_init(wire_conn *conn);

/* Connects and says hello. WIRE_REFUSED here means a wrong token (SIM_SERVE_TOKEN). */
wire_status wire_open(wire_conn *conn, const char *socket, const char *token, wire_reply *reply);

/* Sends one request; `fields` are the JSON members after the id, e.g. "\"op\":\"readDp\",\"register\":0". */
wire_status wire_call(wire_conn *conn, const char *fields, wire_reply *reply);

int wire_is_open(const wire_conn *conn);

void wire_close(wire_conn *conn);

#endif
