/*
 * kernel/futex.h - futexes: sleeping on, and waking, a 32-bit word of user
 * memory (kernel/futex.c), and robust lists.
 *
 * A futex is named by a key, not by its virtual address: (mm, address)
 * for a private futex - FUTEX_PRIVATE_FLAG, or a word in a mapping that
 * is not shared - and for a word in a VM_SHARED mapping the page it lives
 * in: (the page's address_space, page index, offset) for a page that has
 * one (a file's page, or a shared anonymous object's), else (the page
 * itself, offset).  Two processes mapping the same page at different
 * addresses therefore meet at the same key.  A key holds a reference on
 * what it names (get_futex_key takes it, put_futex_key drops it), so the
 * object cannot go away and come back as another while someone waits.
 * Locking: none for the callers; see kernel/futex.c.
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include "lib/types.h"

/* The operations (Linux's numbers) and the bits that ride on them. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* The futex word's bits robust mutexes use (Linux's values). */
#define FUTEX_WAITERS 0x80000000u       /* someone sleeps on it: wake at unlock */
#define FUTEX_OWNER_DIED 0x40000000u    /* its owner died holding it */
#define FUTEX_TID_MASK 0x3fffffffu      /* the owner's thread id */
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* do_futex's flags: FLAGS_SHARED unless FUTEX_PRIVATE_FLAG was given;
 * FLAGS_CLOCKRT for FUTEX_CLOCK_REALTIME. */
#define FLAGS_SHARED 0x01
#define FLAGS_CLOCKRT 0x02

enum futex_key_type {
	FUTEX_KEY_PRIVATE,      /* ptr: the mm_struct, word: the page's address */
	FUTEX_KEY_INODE,        /* ptr: the address_space, word: the page index */
};

struct futex_key {
	enum futex_key_type type;
	void *ptr;
	unsigned long word;
	unsigned int offset;    /* of the futex word within its page */
};

/* The key of the futex at uaddr (shared: FLAGS_SHARED given), with a
 * reference on what it names.  0, -EINVAL (not 4-byte aligned) or
 * -EFAULT (outside user space, or a shared one in no mapping).  May sleep. */
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key);
void put_futex_key(struct futex_key *key);
bool match_futex(const struct futex_key *a, const struct futex_key *b);
/* The hash bucket a key falls in (0 .. FUTEX_HASHSIZE - 1), for tests. */
#define FUTEX_HASHBITS 8
#define FUTEX_HASHSIZE (1 << FUTEX_HASHBITS)
unsigned int futex_hash_index(const struct futex_key *key);

/* A deadline: ns on CLOCK_MONOTONIC, or on CLOCK_REALTIME when realtime. */
struct futex_timeout {
	u64 deadline;
	bool realtime;
};

/* The futex system call's work, after its arguments are read: op is
 * FUTEX_* with the PRIVATE and CLOCK_REALTIME bits, timeout NULL for
 * none (already absolute), val2 the second count of the requeue and
 * wake-op operations. */
long do_futex(u32 __user *uaddr, int op, u32 val, const struct futex_timeout *timeout,
	      u32 __user *uaddr2, u32 val2, u32 val3);
/* Wake up to nr_wake waiters on uaddr whose bitset meets bitset; how
 * many were woken, or -errno. */
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);
/* How many tasks are queued on the hash right now (for tests). */
unsigned int futex_nr_waiters(const struct futex_key *key);

/* Boot: the hash buckets' locks and chains. */
void futex_init(void);

struct task_struct;
/* At exit: every robust futex tsk (current) still holds gets
 * FUTEX_OWNER_DIED and one waiter woken (kernel/exit.c). */
void exit_robust_list(struct task_struct *tsk);
/* exec, past its point of no return (new is current->mm already): the
 * old image's robust futexes released as at exit, the list forgotten. */
struct mm_struct;
void futex_exec_release(struct mm_struct *old, struct mm_struct *new);
/* CLONE_CHILD_CLEARTID at exit: 0 at tidptr and one waiter woken. */
void futex_clear_child_tid(int __user *tidptr);

#endif
