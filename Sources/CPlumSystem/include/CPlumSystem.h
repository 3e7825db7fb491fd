// System headers that Swift's Glibc module does not bring in: the Linux event interface used by
// PlumServer's event loops. Nothing is defined here; the declarations are the system's own.
#ifndef CPLUM_SYSTEM_H
#define CPLUM_SYSTEM_H

#if defined(__linux__)
#include <sys/epoll.h>
#endif

#endif
