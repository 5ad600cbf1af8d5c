/*
 * kernel/utsname.h - the system's names as uname(2) reports them and
 * /proc/sys/kernel shows them (ostype, osrelease, version, hostname,
 * domainname); sethostname/setdomainname and writes to those two files
 * change them.
 *
 * Data: the one struct new_utsname in kernel/sys.c.
 * Locking: uts_lock (kernel/sys.c) over it; callers work on copies.
 */
#ifndef KERNEL_UTSNAME_H
#define KERNEL_UTSNAME_H

#include "lib/types.h"

#define UTS_LEN 64

struct new_utsname {
	char sysname[UTS_LEN + 1], nodename[UTS_LEN + 1], release[UTS_LEN + 1];
	char version[UTS_LEN + 1], machine[UTS_LEN + 1], domainname[UTS_LEN + 1];
};

/* A consistent copy of the names. */
void uts_get(struct new_utsname *copy);
/* Set the host name (nodename) or the NIS domain name to name[0..len)
 * (no NUL needed): 0, or -EINVAL when longer than UTS_LEN. */
int uts_set(bool domain, const char *name, size_t len);

#endif
