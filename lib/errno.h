/*
 * lib/errno.h - error numbers, with Linux's i386 values (the system-call
 * ABI returns them negated).
 */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define ENOTBLK 15
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define EIDRM 43
#define EOVERFLOW 75
#define ETIMEDOUT 110
/* Kernel-internal: a sleep cut short by a signal; the call is restarted
 * (or becomes -EINTR for a handler without SA_RESTART). */
#define ERESTARTSYS 512
/* Restart if no handler ran, else EINTR even with SA_RESTART (pause,
 * sigsuspend). */
#define ERESTARTNOHAND 514
/* Resume through restart_syscall (0) if no handler ran - the call's
 * current->restart_block says how (a timed futex wait: to the same
 * deadline) - else EINTR. */
#define ERESTART_RESTARTBLOCK 516

/* A function returning an address or -errno (do_mmap): is it an error?
 * Addresses above 2 GiB are negative as longs, so test the top 4095. */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

/* The same for pointers: an error code where a pointer was expected. */
static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }

#endif
