/* Hex encoding both ways (hex.h). */
#include "hex.h"

#include "json.h"

void hex_encode(const uint8_t *bytes, size_t n, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0x0F];
  }
  out[2 * n] = '\0';
}

static int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

long hex_decode_json(const char *value, uint8_t *out, size_t cap) {
  const char *p = json_skip_ws(value);
  if (*p++ != '"') return -1;
  size_t n = 0;
  while (*p != '"') {
    int high = nibble(p[0]);
    int low = high < 0 ? -1 : nibble(p[1]);
    if (low < 0 || n >= cap) return -1;
    out[n++] = (uint8_t)((high << 4) | low);
    p += 2;
  }
  return (long)n;
}
