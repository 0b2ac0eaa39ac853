/* Opening the stream socket behind a `sim serve` address, with POSIX sockets only. */
#ifndef JLINK_STANDIN_SOCKET_H
#define JLINK_STANDIN_SOCKET_H

#include <stddef.h>

/* Connects to `unix:PATH` or `tcp:HOST:PORT` (HOST an IPv4 address or "localhost"). Returns the
 * descriptor, or -1 with a sentence in err. */
int socket_connect(const char *address, char *err, size_t errcap);

/* Writes all of data; returns 0, or -1 when the peer is gone (never raises SIGPIPE). */
int socket_send_all(int fd, const char *data, size_t length);

#endif
