/* Lower-case hex, the protocol's encoding of binary data (docs/simulator.md, "Protocol (version 1)"). */
#ifndef JLINK_STANDIN_HEX_H
#define JLINK_STANDIN_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Writes 2*n hex digits and a NUL into out (which has room for 2*n + 1 bytes). */
void hex_encode(const uint8_t *bytes, size_t n, char *out);

/* Decodes the JSON string at value (a quoted run of hex digits) into out. Returns the number of bytes
 * decoded, or -1 when it is not a string of an even number of hex digits or holds more than cap bytes. */
long hex_decode_json(const char *value, uint8_t *out, size_t cap);

#endif
