/*
 * mm/maccess.h - copying from or to kernel addresses that may fault.
 * Both return 0, or -EFAULT (nothing more is copied) at the first fault.
 */
#ifndef MM_MACCESS_H
#define MM_MACCESS_H

#include "lib/types.h"

long probe_kernel_read(void *dst, const void *src, size_t size);
long probe_kernel_write(void *dst, const void *src, size_t size);

#endif
