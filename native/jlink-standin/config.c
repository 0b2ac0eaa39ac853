/* Reading the MATTERLINE_JLINK_STANDIN file (config.h) with the in-place scanner of json.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define MAX_CONFIG_BYTES (1024 * 1024)

/* The whole file as a NUL-terminated string (caller frees), or NULL with errno set. */
static char *read_file(const char *path) {
  FILE *file = fopen(path, "rb");
  if (file == NULL) return NULL;
  char *text = malloc(MAX_CONFIG_BYTES + 1);
  size_t length = text == NULL ? 0 : fread(text, 1, MAX_CONFIG_BYTES + 1, file);
  int failed = text == NULL || ferror(file) || length > MAX_CONFIG_BYTES;
  fclose(file);
  if (failed) {
    free(text);
    errno = EFBIG;
    return NULL;
  }
  text[length] = '\0';
  return text;
}

static int string_member(const char *object, const char *key, char *out, size_t cap) {
  const char *value;
  return json_object_get(object, key, &value) == 1 ? json_get_string(value, out, cap) : -1;
}

static int read_probe(const char *item, standin_probe *probe) {
  const char *serial;
  if (json_object_get(item, "serial", &serial) != 1 || json_get_u32(serial, &probe->serial) != 0) return -1;
  if (string_member(item, "socket", probe->socket, sizeof probe->socket) != 0) return -1;
  if (strncmp(probe->socket, "tcp:", 4) != 0 && strncmp(probe->socket, "unix:", 5) != 0) return -1;
  if (string_member(item, "token", probe->token, sizeof probe->token) != 0) return -1;
  const char *product;
  int has_product = json_object_get(item, "product", &product);
  if (has_product < 0) return -1;
  if (has_product == 0) snprintf(probe->product, sizeof probe->product, "J-Link (stand-in)");
  else if (json_get_string(product, probe->product, sizeof probe->product) != 0) return -1;
  return 0;
}

int standin_config_read(standin_probe *probes, int max, char *err, size_t errcap) {
  const char *path = getenv(STANDIN_CONFIG_ENV);
  if (path == NULL || path[0] == '\0') return 0;
  char *text = read_file(path);
  if (text == NULL) {
    if (errno == ENOENT) return 0;
    snprintf(err, errcap, "Cannot read the J-Link stand-in configuration %s (%s).", path, strerror(errno));
    return -1;
  }
  int count = 0;
  const char *list, *cursor, *item;
  if (json_object_get(text, "probes", &list) != 1 || *(cursor = json_skip_ws(list)) != '[') {
    count = -1;
  } else {
    int step;
    while ((step = json_array_next(&cursor, &item)) == 1) {
      standin_probe probe;
      memset(&probe, 0, sizeof probe);
      if (read_probe(item, &probe) != 0) {
        step = -1;
        break;
      }
      if (count < max) probes[count++] = probe;
    }
    if (step < 0) count = -1;
  }
  if (count < 0)
    snprintf(err, errcap,
             "The J-Link stand-in configuration %s is not of the form "
             "{\"probes\":[{\"serial\":N,\"product\":\"…\",\"socket\":\"tcp:HOST:PORT|unix:PATH\",\"token\":\"…\"}]}.",
             path);
  free(text);
  return count;
}
