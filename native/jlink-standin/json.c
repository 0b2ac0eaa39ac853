/* The JSON scanner declared in json.h: in-place, no allocation, no recursion limit worth worrying
 * about (the shapes it reads are two levels deep). */
#include "json.h"

#include <string.h>

const char *json_skip_ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
  return p;
}

static int is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return (unsigned)(c - '0');
  if (c >= 'a' && c <= 'f') return (unsigned)(c - 'a' + 10);
  return (unsigned)(c - 'A' + 10);
}

/* p at the opening quote; returns just past the closing quote. */
static const char *skip_string(const char *p) {
  if (*p != '"') return NULL;
  for (p++; *p != '"'; p++) {
    if (*p == '\0' || (unsigned char)*p < 0x20) return NULL;
    if (*p == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!is_hex_digit(p[i])) return NULL;
        p += 4;
      } else if (strchr("\"\\/bfnrt", *p) == NULL || *p == '\0') {
        return NULL;
      }
    }
  }
  return p + 1;
}

static const char *skip_number(const char *p) {
  const char *start = p;
  if (*p == '-') p++;
  if (*p < '0' || *p > '9') return NULL;
  while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-') p++;
  return p == start ? NULL : p;
}

static const char *skip_literal(const char *p, const char *word) {
  size_t n = strlen(word);
  return strncmp(p, word, n) == 0 ? p + n : NULL;
}

static const char *skip_container(const char *p, char close) {
  p = json_skip_ws(p + 1);
  if (*p == close) return p + 1;
  for (;;) {
    if (close == '}') {
      p = skip_string(json_skip_ws(p));
      if (p == NULL) return NULL;
      p = json_skip_ws(p);
      if (*p != ':') return NULL;
      p++;
    }
    p = json_skip_value(p);
    if (p == NULL) return NULL;
    p = json_skip_ws(p);
    if (*p == close) return p + 1;
    if (*p != ',') return NULL;
    p++;
  }
}

const char *json_skip_value(const char *p) {
  p = json_skip_ws(p);
  switch (*p) {
    case '"': return skip_string(p);
    case '{': return skip_container(p, '}');
    case '[': return skip_container(p, ']');
    case 't': return skip_literal(p, "true");
    case 'f': return skip_literal(p, "false");
    case 'n': return skip_literal(p, "null");
    default: return skip_number(p);
  }
}

/* Compares the raw (escaped) key text with `key`; keys here never need escapes. */
static int key_equals(const char *quoted, const char *key) {
  size_t n = strlen(key);
  return strncmp(quoted + 1, key, n) == 0 && quoted[1 + n] == '"';
}

int json_object_get(const char *obj, const char *key, const char **value) {
  const char *p = json_skip_ws(obj);
  if (*p != '{') return -1;
  p = json_skip_ws(p + 1);
  if (*p == '}') return 0;
  for (;;) {
    const char *name = json_skip_ws(p);
    p = skip_string(name);
    if (p == NULL) return -1;
    p = json_skip_ws(p);
    if (*p != ':') return -1;
    const char *member = json_skip_ws(p + 1);
    p = json_skip_value(member);
    if (p == NULL) return -1;
    if (key_equals(name, key)) {
      *value = member;
      return 1;
    }
    p = json_skip_ws(p);
    if (*p == '}') return 0;
    if (*p != ',') return -1;
    p++;
  }
}

int json_array_next(const char **cursor, const char **item) {
  const char *p = json_skip_ws(*cursor);
  if (*p != '[' && *p != ',') return (*p == ']') ? 0 : -1;
  int first = *p == '[';
  p = json_skip_ws(p + 1);
  if (first && *p == ']') {
    *cursor = p;
    return 0;
  }
  const char *end = json_skip_value(p);
  if (end == NULL) return -1;
  end = json_skip_ws(end);
  if (*end != ',' && *end != ']') return -1;
  *item = p;
  *cursor = end;
  return 1;
}

int json_get_u32(const char *value, uint32_t *out) {
  const char *p = json_skip_ws(value);
  uint64_t n = 0;
  if (*p < '0' || *p > '9') return -1;
  for (; *p >= '0' && *p <= '9'; p++) {
    n = n * 10 + (uint64_t)(*p - '0');
    if (n > 0xFFFFFFFFu) return -1;
  }
  if (*p == '.' || *p == 'e' || *p == 'E') return -1;
  *out = (uint32_t)n;
  return 0;
}

/* Appends code point cp as UTF-8; returns the bytes written or 0 when it does not fit. */
static size_t put_utf8(char *out, size_t room, unsigned cp) {
  if (cp < 0x80 && room >= 1) { out[0] = (char)cp; return 1; }
  if (cp < 0x800 && room >= 2) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp >= 0x800 && room >= 3) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  return 0;
}

int json_get_string(const char *value, char *out, size_t cap) {
  const char *p = json_skip_ws(value);
  if (skip_string(p) == NULL || cap == 0) return -1;
  size_t n = 0;
  for (p++; *p != '"'; p++) {
    if (*p != '\\') {
      if (n + 1 >= cap) return -1;
      out[n++] = *p;
      continue;
    }
    p++;
    if (*p == 'u') {
      unsigned cp = (hex_value(p[1]) << 12) | (hex_value(p[2]) << 8) | (hex_value(p[3]) << 4) | hex_value(p[4]);
      p += 4;
      /* Surrogate halves are not combined: such text only ever reaches an error sentence. */
      size_t wrote = put_utf8(out + n, cap - n - 1, cp);
      if (wrote == 0) return -1;
      n += wrote;
      continue;
    }
    if (n + 1 >= cap) return -1;
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    out[n++] = to[strchr(from, *p) - from];
  }
  out[n] = '\0';
  return 0;
}

int json_get_bool(const char *value) {
  const char *p = json_skip_ws(value);
  if (skip_literal(p, "true") != NULL) return 1;
  if (skip_literal(p, "false") != NULL) return 0;
  return -1;
}

int json_is_null(const char *value) {
  return skip_literal(json_skip_ws(value), "null") != NULL;
}
