/*
 * kernel/idle.c - the idle routine.
 *
 * An idle CPU first gives its per-CPU free pages back to the buddy lists:
 * pages parked on a CPU that is not allocating are memory nobody else can
 * use, and on return from idle the list refills in one batch.  Then it halts
 * until an interrupt; "sti; hlt" is atomic, so an interrupt that arrives
 * between the caller's check and the halt still wakes it.
 * Locking: called with local interrupts disabled.
 */
#include "kernel/idle.h"
#include "kernel/x86.h"
#include "mm/gfp.h"

void cpu_idle(void)
{
	drain_local_pages();
	safe_halt();
}
