/*
 * kernel/lockdep.c - spinlock debugging (placeholder: owner tracking only).
 */
#include "kernel/spinlock.h"
#include "kernel/params.h"
#include "kernel/smp.h"

bool debug_locks;
unsigned long lockdep_reports;

static int set_lock_debug(char *val)
{
	(void)val;
	debug_locks = true;
	return 0;
}
__setup("lock_debug", set_lock_debug);

u16 lockdep_register_key(const struct lock_class_key *key, const char *name)
{
	(void)key;
	(void)name;
	return 0;
}

void spin_lock_debug(spinlock_t *lock)
{
	raw_spin_lock(&lock->raw);
	lock->owner_cpu = (s8)smp_processor_id();
}

bool spin_trylock_debug(spinlock_t *lock)
{
	if (!raw_spin_trylock(&lock->raw))
		return false;
	lock->owner_cpu = (s8)smp_processor_id();
	return true;
}

void spin_unlock_debug(spinlock_t *lock)
{
	lock->owner_cpu = -1;
	raw_spin_unlock(&lock->raw);
}

void lockdep_acquire(u16 *class_idx, const void *lock, const char *name,
		     struct held_locks *held)
{
	(void)class_idx;
	(void)name;
	if (held->depth < MAX_HELD_LOCKS)
		held->lock[held->depth++] = lock;
}

void lockdep_release(const void *lock, struct held_locks *held)
{
	(void)lock;
	if (held->depth)
		held->depth--;
}
