/*
 * The stand-in's configuration: the JSON file named by the environment variable
 * MATTERLINE_JLINK_STANDIN, listing the simulated probes and the `matterline sim serve` socket each
 * one forwards to:
 *   {"probes":[{"serial":440123456,"product":"J-Link OB-SiLabs (stand-in)",
 *               "socket":"tcp:127.0.0.1:PORT" | "unix:/path","token":"hex"}]}
 */
#ifndef JLINK_STANDIN_CONFIG_H
#define JLINK_STANDIN_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define STANDIN_CONFIG_ENV "MATTERLINE_JLINK_STANDIN"
#define STANDIN_MAX_PROBES 32

typedef struct standin_probe {
  uint32_t serial;
  char product[128];
  char socket[256];
  char token[256];
} standin_probe;

/* Reads the file again on every call (tests change it while the library stays loaded). Returns the
 * number of probes stored (at most max), 0 when the variable is unset or the file does not exist,
 * and -1 with a sentence in err when the file cannot be read or is not of the shape above. */
int standin_config_read(standin_probe *probes, int max, char *err, size_t errcap);

#endif
