/*
 * ipc/shm.h - System V shared memory: shmget, shmat, shmdt, shmctl, as
 * direct system calls (395-398) and through the ipc(2) multiplexer
 * (ipc/syscall.c, which glibc 2.36 uses on i386).
 *
 * A segment (struct shmid_kernel) is a shmem object (mm/shmem.h) with an
 * identifier, a key, an owner and times; an attach is an area mapping
 * the object, so fork inherits attaches and exec and exit detach them
 * like any other area, and shm_nattch is the number of such areas.
 *
 * Locking: shm_ids_lock (ipc/shm.c), a spinlock, over the table of
 * segments and their fields; taken inside mmap_sem (a munmap's last iput
 * destroys a removed segment: see mm/lock_order.c).
 */
#ifndef IPC_SHM_H
#define IPC_SHM_H

#include "kernel/compiler.h"

#define IPC_PRIVATE 0
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x0100           /* in shmctl's cmd: the 64-bit layouts */
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
#define SHM_DEST 01000          /* in shm_perm.mode: removed, awaiting the last detach */

/* Linux's defaults (include/uapi/linux/shm.h). */
#define SHMMIN 1UL
#define SHMMNI 4096
#define SHMMAX (~0UL - (1UL << 24))
#define SHMALL (~0UL - (1UL << 24))     /* pages */
#define SHMSEG SHMMNI

long sys_shmget(unsigned long key, unsigned long size, unsigned long shmflg);
long sys_shmat(unsigned long shmid, unsigned long shmaddr, unsigned long shmflg);
long sys_shmdt(unsigned long shmaddr);
long sys_shmctl(unsigned long shmid, unsigned long cmd, void __user *buf);
long ipc_shmctl(unsigned long shmid, unsigned long cmd, void __user *buf);
/* ipc(2), the multiplexer (ipc/syscall.c). */
long sys_ipc(unsigned long call, unsigned long first, unsigned long second,
	     unsigned long third, unsigned long ptr, unsigned long fifth);
/* shmat for the multiplexer: the address through *raddr, 0 or -errno. */
long do_shmat(int shmid, unsigned long shmaddr, int shmflg, unsigned long *raddr);
/* Segments in existence (SHM_INFO's used_ids; the ktests count leaks). */
int shm_nr_ids(void);

struct seq_file;
/* /proc/sysvipc/shm, Linux's layout. */
void sysvipc_shm_show(struct seq_file *m, void *arg);

#endif
