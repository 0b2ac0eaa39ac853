/* The newline-JSON request/answer loop of wire.h. */
#define _POSIX_C_SOURCE 200809L
#include "wire.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "json.h"
#include "socket.h"

/* The server's own limit is 16 MiB per line; a little slack for the envelope. */
#define MAX_LINE_BYTES (17u * 1024u * 1024u)
#define DEFAULT_TIMEOUT_MS 15000

void wire_init(wire_conn *conn) {
  memset(conn, 0, sizeof *conn);
  conn->fd = -1;
  conn->timeout_ms = DEFAULT_TIMEOUT_MS;
}

int wire_is_open(const wire_conn *conn) { return conn->fd >= 0; }

void wire_close(wire_conn *conn) {
  if (conn->fd >= 0) close(conn->fd);
  free(conn->buf);
  int timeout = conn->timeout_ms;
  wire_init(conn);
  conn->timeout_ms = timeout;
}

static wire_status fail(wire_conn *conn, wire_reply *reply, wire_status status, const char *sentence) {
  snprintf(reply->message, sizeof reply->message, "%s", sentence);
  reply->code[0] = '\0';
  wire_close(conn); /* an unanswered or garbled request leaves the stream out of step: never reuse it */
  return status;
}

/* Reads the next non-empty line into buf[0..] as a NUL-terminated string. */
static wire_status read_line(wire_conn *conn, wire_reply *reply, char **line) {
  for (;;) {
    if (conn->consumed > 0) {
      memmove(conn->buf, conn->buf + conn->consumed, conn->len - conn->consumed);
      conn->len -= conn->consumed;
      conn->consumed = 0;
    }
    char *newline = conn->len == 0 ? NULL : memchr(conn->buf, '\n', conn->len);
    if (newline != NULL) {
      *newline = '\0';
      conn->consumed = (size_t)(newline - conn->buf) + 1;
      if (newline > conn->buf && newline[-1] == '\r') newline[-1] = '\0';
      if (conn->buf[0] == '\0') continue;
      *line = conn->buf;
      return WIRE_OK;
    }
    if (conn->len >= MAX_LINE_BYTES) return fail(conn, reply, WIRE_GARBLED, "the simulator sent a line longer than 17 MiB");
    if (conn->cap - conn->len < 65536) {
      size_t cap = conn->cap == 0 ? 65536 : conn->cap * 2;
      char *grown = realloc(conn->buf, cap);
      if (grown == NULL) return fail(conn, reply, WIRE_GARBLED, "out of memory reading the simulator's answer");
      conn->buf = grown;
      conn->cap = cap;
    }
    struct pollfd waiting = {.fd = conn->fd, .events = POLLIN, .revents = 0};
    int ready = poll(&waiting, 1, conn->timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return fail(conn, reply, WIRE_GARBLED, "the simulator did not answer in time");
    ssize_t got = ready < 0 ? -1 : recv(conn->fd, conn->buf + conn->len, conn->cap - conn->len - 1, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return fail(conn, reply, WIRE_GONE, "the simulator closed the connection");
    conn->len += (size_t)got;
  }
}

/* Copies the server's catalogue error ("code", "message", "detail") into the reply. */
static void read_error(const char *line, wire_reply *reply) {
  const char *error, *member;
  char message[256] = "", detail[320] = "";
  snprintf(reply->code, sizeof reply->code, "UNKNOWN");
  if (json_object_get(line, "error", &error) == 1) {
    if (json_object_get(error, "code", &member) == 1) json_get_string(member, reply->code, sizeof reply->code);
    if (json_object_get(error, "message", &member) == 1) json_get_string(member, message, sizeof message);
    if (json_object_get(error, "detail", &member) == 1) json_get_string(member, detail, sizeof detail);
  }
  if (detail[0] != '\0') snprintf(reply->message, sizeof reply->message, "%s (%s)", message, detail);
  else snprintf(reply->message, sizeof reply->message, "%s", message);
}

/* {"id":N,"progress":{"done":D,"total":T}}; a malformed one is ignored, as progress is only shown. */
static void report_progress(wire_conn *conn, const char *line) {
  const char *progress, *member;
  uint32_t done, total;
  if (json_object_get(line, "progress", &progress) != 1) return;
  if (json_object_get(progress, "done", &member) != 1 || json_get_u32(member, &done) != 0) return;
  if (json_object_get(progress, "total", &member) != 1 || json_get_u32(member, &total) != 0) return;
  conn->on_progress(conn->progress_context, done, total);
}

wire_status wire_call(wire_conn *conn, const char *fields, wire_reply *reply) {
  reply->value = NULL;
  reply->code[0] = '\0';
  if (conn->fd < 0) {
    snprintf(reply->message, sizeof reply->message, "the connection to the simulator is closed");
    return WIRE_GONE;
  }
  uint32_t id = ++conn->next_id;
  size_t length = strlen(fields) + 32;
  char *request = malloc(length);
  if (request == NULL) return fail(conn, reply, WIRE_GARBLED, "out of memory building a request");
  int written = snprintf(request, length, "{\"id\":%lu,%s}\n", (unsigned long)id, fields);
  int sent = socket_send_all(conn->fd, request, (size_t)written);
  free(request);
  if (sent != 0) return fail(conn, reply, WIRE_GONE, "the simulator closed the connection");
  for (;;) {
    char *line;
    wire_status status = read_line(conn, reply, &line);
    if (status != WIRE_OK) return status;
    const char *member;
    uint32_t answered = 0;
    int has_id = json_object_get(line, "id", &member);
    if (has_id < 0) return fail(conn, reply, WIRE_GARBLED, "the simulator sent a line that is not a JSON object");
    int id_matches = has_id == 1 && json_get_u32(member, &answered) == 0 && answered == id;
    int null_id = has_id == 1 && json_is_null(member);
    if (json_object_get(line, "ok", &member) != 1) { /* a progress line */
      if (id_matches && conn->on_progress != NULL) report_progress(conn, line);
      continue;
    }
    int ok = json_get_bool(member);
    if (!id_matches && !(null_id && ok == 0)) continue; /* a late answer to an earlier request */
    if (ok == 1) {
      if (json_object_get(line, "value", &reply->value) != 1) return fail(conn, reply, WIRE_GARBLED, "the simulator's answer has no value");
      reply->message[0] = '\0';
      return WIRE_OK;
    }
    if (ok != 0) return fail(conn, reply, WIRE_GARBLED, "the simulator's answer has no ok flag");
    read_error(line, reply);
    return WIRE_REFUSED;
  }
}

/* The token as a JSON string body; tokens are hex, so anything needing an escape is refused. */
static int plain_token(const char *token) {
  for (const char *p = token; *p != '\0'; p++)
    if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20) return 0;
  return 1;
}

wire_status wire_open(wire_conn *conn, const char *socket, const char *token, wire_reply *reply) {
  wire_close(conn);
  reply->value = NULL;
  reply->code[0] = '\0';
  if (!plain_token(token)) {
    snprintf(reply->message, sizeof reply->message, "the token for %s holds a quote, backslash or control character", socket);
    return WIRE_GARBLED;
  }
  conn->fd = socket_connect(socket, reply->message, sizeof reply->message);
  if (conn->fd < 0) return WIRE_GONE;
  char fields[400];
  snprintf(fields, sizeof fields, "\"op\":\"hello\",\"token\":\"%s\"", token);
  wire_status status = wire_call(conn, fields, reply);
  if (status == WIRE_REFUSED) wire_close(conn);
  if (status != WIRE_OK) return status;
  const char *protocol;
  uint32_t version = 0;
  if (json_object_get(reply->value, "protocol", &protocol) != 1 || json_get_u32(protocol, &version) != 0 || version != 1) {
    char sentence[128];
    snprintf(sentence, sizeof sentence, "%s does not speak sim serve protocol version 1", socket);
    return fail(conn, reply, WIRE_GARBLED, sentence);
  }
  return WIRE_OK;
}
