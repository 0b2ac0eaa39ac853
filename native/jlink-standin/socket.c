/* socket.h: unix and TCP stream sockets without SIGPIPE, so a vanished server cannot kill the host. */
#if defined(__APPLE__)
#define _DARWIN_C_SOURCE
#else
#define _POSIX_C_SOURCE 200809L
#endif
#include "socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket instead */
#endif

static void no_sigpipe(int fd) {
#ifdef SO_NOSIGPIPE
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#else
  (void)fd;
#endif
}

static int connect_unix(const char *path, char *err, size_t errcap) {
  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof address.sun_path) {
    snprintf(err, errcap, "the socket path %s is too long", path);
    return -1;
  }
  strcpy(address.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    snprintf(err, errcap, "cannot connect to unix:%s (%s)", path, strerror(errno));
    if (fd >= 0) close(fd);
    return -1;
  }
  return fd;
}

static int connect_tcp(const char *host_port, char *err, size_t errcap) {
  char host[64];
  const char *colon = strrchr(host_port, ':');
  char *end = NULL;
  long port = colon == NULL ? -1 : strtol(colon + 1, &end, 10);
  size_t host_length = colon == NULL ? 0 : (size_t)(colon - host_port);
  if (colon == NULL || end == colon + 1 || *end != '\0' || port <= 0 || port > 65535 || host_length >= sizeof host) {
    snprintf(err, errcap, "tcp:%s is not of the form tcp:HOST:PORT", host_port);
    return -1;
  }
  memcpy(host, host_port, host_length);
  host[host_length] = '\0';
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &address.sin_addr) != 1) {
    snprintf(err, errcap, "tcp:%s: %s is not an IPv4 address", host_port, host);
    return -1;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    snprintf(err, errcap, "cannot connect to tcp:%s (%s)", host_port, strerror(errno));
    if (fd >= 0) close(fd);
    return -1;
  }
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return fd;
}

int socket_connect(const char *address, char *err, size_t errcap) {
  int fd;
  if (strncmp(address, "unix:", 5) == 0) fd = connect_unix(address + 5, err, errcap);
  else if (strncmp(address, "tcp:", 4) == 0) fd = connect_tcp(address + 4, err, errcap);
  else {
    snprintf(err, errcap, "%s is neither unix:PATH nor tcp:HOST:PORT", address);
    return -1;
  }
  if (fd >= 0) no_sigpipe(fd);
  return fd;
}

int socket_send_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return -1;
    data += sent;
    length -= (size_t)sent;
  }
  return 0;
}
