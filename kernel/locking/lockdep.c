/*
 * kernel/locking/lockdep.c - the lock debugger behind `lock_debug`.
 *
 * Data:
 *   classes[]        one per lock class: its key and name (index 0 unused)
 *   dep_map          a bit per ordered pair of classes: "A was held while
 *                    B was taken" (the edge A -> B)
 *   deps[]           for each edge, the two backtraces that first made it
 *   reported_map     inverted pairs already reported (each once)
 *   held_spinlocks   per CPU, the spinlocks it holds, with their backtraces
 *   lockdep_recursion per CPU, non-zero while the checker itself runs (its
 *                    printk takes locks that must not be checked again)
 *
 * Checking an acquisition of class B: for every class A held (this CPU's
 * spinlocks, and the task's sleeping locks outside interrupts) with no
 * edge A -> B yet, the edge is added; if B already reaches A through the
 * graph, the new edge closes a cycle: an inversion.  Searching happens only
 * when a new edge appears, so the common path is a bitmap test per lock
 * held.  Two locks of one class (say two runqueues) are not ordered here.
 *
 * Written orders (lockdep_declare_order; the mm's is mm/lock_order.c)
 * rank classes by name: a new edge A -> B where the list puts B before A
 * is reported at once, even if nobody has taken them the other way yet.
 *
 * Locking: graph_lock, a raw spinlock, taken with interrupts off; reports
 * are printed after dropping it.
 */
#include "kernel/locking/lockdep.h"
#include "kernel/debug/monitor.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define MAX_CLASSES 256
#define MAX_DEPS 1024
#define LOCKUP_SECONDS 5

struct lock_class {
	const void *key;
	char name[40];
	unsigned int nr_after;          /* edges from this class */
	u8 order;                       /* 1 + index in lock_orders[], 0: none */
	u8 rank;                        /* its place in that written order */
};

/* Written lock orders (the mm's is mm/lock_order.c): a class named in one
 * may only be taken while holding classes of the same list ranked before
 * it (or at its own rank: two page tables, say). */
#define MAX_LOCK_ORDERS 4
struct lock_order {
	const char *title;
	const char *const *names;
	unsigned int n;
};
static struct lock_order lock_orders[MAX_LOCK_ORDERS];
static unsigned int nr_lock_orders;

struct lock_dep {
	u16 from, to;
	unsigned long from_trace[LOCK_TRACE_DEPTH], to_trace[LOCK_TRACE_DEPTH];
};

bool debug_locks;
unsigned long lockdep_reports;

static struct lock_class classes[MAX_CLASSES];
static unsigned int nr_classes = 1;
static u32 dep_map[MAX_CLASSES][MAX_CLASSES / 32];
static u32 reported_map[MAX_CLASSES][MAX_CLASSES / 32];
static struct lock_dep deps[MAX_DEPS];
static unsigned int nr_deps;
static raw_spinlock_t graph_lock;
static DEFINE_PER_CPU(struct held_locks, held_spinlocks);
static DEFINE_PER_CPU(int, lockdep_recursion);

extern const struct lock_name __start_lock_names[], __stop_lock_names[];

static int set_lock_debug(char *val)
{
	(void)val;
	debug_locks = true;
	return 0;
}
__setup("lock_debug", set_lock_debug);

static bool test_bit2(u32 map[][MAX_CLASSES / 32], u16 a, u16 b)
{
	return (map[a][b / 32] >> (b % 32)) & 1;
}

static void set_bit2(u32 map[][MAX_CLASSES / 32], u16 a, u16 b)
{
	map[a][b / 32] |= 1u << (b % 32);
}

/* The chain above our caller (a lockdep entry point), so the first entry
 * names the function that took the lock. */
static void __attribute__((noinline)) save_trace(unsigned long *trace)
{
	unsigned long caller_frame = *(unsigned long *)__builtin_frame_address(0);
	int n = save_stack_trace(caller_frame, trace, LOCK_TRACE_DEPTH);

	if (n < LOCK_TRACE_DEPTH)
		trace[n] = 0;
}

/* Enter/leave the checker on this CPU (interrupts off meanwhile). */
static bool lockdep_enter(unsigned long *flags)
{
	*flags = local_irq_save();
	if (__get_cpu_var(lockdep_recursion)) {
		local_irq_restore(*flags);
		return false;
	}
	__get_cpu_var(lockdep_recursion)++;
	return true;
}

static void lockdep_leave(unsigned long flags)
{
	__get_cpu_var(lockdep_recursion)--;
	local_irq_restore(flags);
}

static const char *static_lock_name(const void *lock)
{
	for (const struct lock_name *n = __start_lock_names; n < __stop_lock_names; n++)
		if (n->lock == lock)
			return n->name;
	return NULL;
}

/* Give class c its rank if a written order names it.  Under graph_lock. */
static void rank_class(struct lock_class *c)
{
	for (unsigned int o = 0; o < nr_lock_orders; o++)
		for (unsigned int r = 0; r < lock_orders[o].n; r++)
			if (!strcmp(lock_orders[o].names[r], c->name)) {
				c->order = (u8)(o + 1);
				c->rank = (u8)r;
				return;
			}
}

void lockdep_declare_order(const char *title, const char *const *names, unsigned int n)
{
	unsigned long flags = local_irq_save();

	raw_spin_lock(&graph_lock);
	if (nr_lock_orders < MAX_LOCK_ORDERS && n <= 255) {
		lock_orders[nr_lock_orders++] = (struct lock_order){ title, names, n };
		for (unsigned int i = 1; i < nr_classes; i++)
			rank_class(&classes[i]);
	}
	raw_spin_unlock(&graph_lock);
	local_irq_restore(flags);
}

bool lockdep_class_named(const char *name)
{
	for (const struct lock_name *n = __start_lock_names; n < __stop_lock_names; n++)
		if (!strcmp(n->name, name))
			return true;
	for (unsigned int i = 1; i < nr_classes; i++)
		if (!strcmp(classes[i].name, name))
			return true;
	return false;
}

int lockdep_class_rank(const void *lock, const u16 *class_idx)
{
	u16 idx = class_idx ? *class_idx : 0;

	for (unsigned int i = 1; !idx && i < nr_classes; i++)
		if (classes[i].key == lock)
			idx = (u16)i;
	return idx && classes[idx].order ? classes[idx].rank : -1;
}

/* Under graph_lock. */
static u16 find_or_add_class(const void *key, const char *name) __must_hold(&graph_lock)
{
	for (unsigned int i = 1; i < nr_classes; i++)
		if (classes[i].key == key)
			return (u16)i;
	if (nr_classes == MAX_CLASSES)
		return 0;
	classes[nr_classes].key = key;
	if (name)
		strlcpy(classes[nr_classes].name, name, sizeof(classes[0].name));
	else
		snprintf(classes[nr_classes].name, sizeof(classes[0].name), "lock@%p", key);
	rank_class(&classes[nr_classes]);
	return (u16)nr_classes++;
}

u16 lockdep_register_key(const void *key, const char *name)
{
	unsigned long flags = local_irq_save();
	u16 idx;

	raw_spin_lock(&graph_lock);
	idx = find_or_add_class(key, name);
	raw_spin_unlock(&graph_lock);
	local_irq_restore(flags);
	if (!idx) {
		static int warned;

		if (!warned++)
			printk(KERN_WARNING "lockdep: class table full; %s not checked\n", name);
	}
	return idx;
}

/* A statically defined lock is its own class, registered on first use. */
static u16 class_of(u16 *class_idx, const void *lock, const char *name)
{
	if (!*class_idx)
		*class_idx = lockdep_register_key(lock, name ? name : static_lock_name(lock));
	return *class_idx;
}

/* Does `from` reach `to` through the edges?  Breadth first; under graph_lock. */
static bool reaches(u16 from, u16 to) __must_hold(&graph_lock)
{
	static u16 queue[MAX_CLASSES];
	static u32 seen[MAX_CLASSES / 32];
	unsigned int head = 0, tail = 0;

	memset(seen, 0, sizeof(seen));
	queue[tail++] = from;
	seen[from / 32] |= 1u << (from % 32);
	while (head < tail) {
		u16 c = queue[head++];

		if (c == to)
			return true;
		for (u16 n = 1; n < nr_classes; n++) {
			if (!test_bit2(dep_map, c, n) || (seen[n / 32] >> (n % 32)) & 1)
				continue;
			seen[n / 32] |= 1u << (n % 32);
			queue[tail++] = n;
		}
	}
	return false;
}

static const struct lock_dep *find_dep(u16 from, u16 to)
{
	for (unsigned int i = 0; i < nr_deps; i++)
		if (deps[i].from == from && deps[i].to == to)
			return &deps[i];
	return NULL;
}

/* The first edge out of `from` on a path to `to`: where that order began. */
static const struct lock_dep *first_edge_towards(u16 from, u16 to)
{
	for (u16 n = 1; n < nr_classes; n++)
		if (test_bit2(dep_map, from, n) && (n == to || reaches(n, to)))
			return find_dep(from, n);
	return NULL;
}

static void report_inversion(const struct held_lock *held, u16 b, const unsigned long *b_trace,
			     const struct lock_dep *old)
{
	u16 a = held->class_idx;

	lockdep_reports++;
	printk(KERN_ERR "WARNING: possible circular locking dependency (AB-BA deadlock)\n");
	printk(KERN_ERR "CPU#%d %s/%d takes %s while holding %s,\n", smp_processor_id(),
	       current->comm, current->pid, classes[b].name, classes[a].name);
	if (!old || old->to == a)
		printk(KERN_ERR "but %s was taken before %s here:\n", classes[b].name,
		       classes[a].name);
	else
		printk(KERN_ERR "but %s comes before %s through other locks, "
		       "a chain that starts here:\n", classes[b].name, classes[a].name);
	if (old) {
		printk(KERN_ERR "  %s taken at:\n", classes[old->from].name);
		print_stack_trace(old->from_trace, LOCK_TRACE_DEPTH);
		printk(KERN_ERR "  then %s taken at:\n", classes[old->to].name);
		print_stack_trace(old->to_trace, LOCK_TRACE_DEPTH);
	}
	printk(KERN_ERR "and now, %s taken at:\n", classes[a].name);
	print_stack_trace(held->trace, LOCK_TRACE_DEPTH);
	printk(KERN_ERR "then %s taken at:\n", classes[b].name);
	print_stack_trace(b_trace, LOCK_TRACE_DEPTH);
}

/* A new edge a -> b against a written order: b ranked before a. */
static bool breaks_written_order(u16 a, u16 b)
{
	return classes[a].order && classes[a].order == classes[b].order &&
	       classes[a].rank > classes[b].rank;
}

static void report_order_violation(const struct held_lock *held, u16 b,
				   const unsigned long *b_trace)
{
	u16 a = held->class_idx;

	lockdep_reports++;
	printk(KERN_ERR "BUG: lock order violation: CPU#%d %s/%d takes %s while holding %s;\n",
	       smp_processor_id(), current->comm, current->pid, classes[b].name,
	       classes[a].name);
	printk(KERN_ERR "the %s says %s comes first\n",
	       lock_orders[classes[a].order - 1].title, classes[b].name);
	printk(KERN_ERR "%s taken at:\n", classes[a].name);
	print_stack_trace(held->trace, LOCK_TRACE_DEPTH);
	printk(KERN_ERR "then %s taken at:\n", classes[b].name);
	print_stack_trace(b_trace, LOCK_TRACE_DEPTH);
}

/* Record held -> b; on a new edge that closes a cycle or breaks a written
 * order, report (once per pair).  Returns with the report printed,
 * graph_lock not held. */
static void check_edge(const struct held_lock *held, u16 b, const unsigned long *b_trace)
{
	u16 a = held->class_idx;
	const struct lock_dep *old = NULL;
	bool cycle = false, against_order = false;

	raw_spin_lock(&graph_lock);
	if (!test_bit2(dep_map, a, b)) {
		against_order = breaks_written_order(a, b);
		cycle = reaches(b, a) && !test_bit2(reported_map, b, a);
		if (cycle) {
			set_bit2(reported_map, b, a);
			set_bit2(reported_map, a, b);
			old = first_edge_towards(b, a);
		}
		set_bit2(dep_map, a, b);
		classes[a].nr_after++;
		if (nr_deps < MAX_DEPS) {
			struct lock_dep *d = &deps[nr_deps++];

			d->from = a;
			d->to = b;
			memcpy(d->from_trace, held->trace, sizeof(d->from_trace));
			memcpy(d->to_trace, b_trace, sizeof(d->to_trace));
		}
	}
	raw_spin_unlock(&graph_lock);
	if (against_order)
		report_order_violation(held, b, b_trace);
	if (cycle)
		report_inversion(held, b, b_trace, old);
}

static void check_against(const struct held_locks *held, u16 b, const unsigned long *trace)
{
	for (int i = 0; i < held->depth; i++) {
		u16 a = held->entry[i].class_idx;

		if (a && a != b && !test_bit2(dep_map, a, b))
			check_edge(&held->entry[i], b, trace);
	}
}

static void check_order(u16 b, const unsigned long *trace)
{
	if (!b)
		return;
	check_against(&__get_cpu_var(held_spinlocks), b, trace);
	if (!in_interrupt() && current)
		check_against(&current->held_mutexes, b, trace);
}

static void push_held(struct held_locks *held, const void *lock, u16 cls,
		      const unsigned long *trace)
{
	if (held->depth == MAX_HELD_LOCKS)
		return;                 /* deeper nesting goes unchecked */
	held->entry[held->depth].lock = lock;
	held->entry[held->depth].class_idx = cls;
	memcpy(held->entry[held->depth].trace, trace, sizeof(held->entry[0].trace));
	held->depth++;
}

/* Locks may be released out of order: remove the entry wherever it is. */
static void pop_held(struct held_locks *held, const void *lock)
{
	for (int i = held->depth - 1; i >= 0; i--) {
		if (held->entry[i].lock != lock)
			continue;
		memmove(&held->entry[i], &held->entry[i + 1],
			(size_t)(held->depth - i - 1) * sizeof(held->entry[0]));
		held->depth--;
		return;
	}
}

static const char *lock_name(const spinlock_t *lock)
{
	return lock->class_idx ? classes[lock->class_idx].name : "?";
}

static void __attribute__((noreturn)) report_recursion(spinlock_t *lock)
{
	lockdep_reports++;
	printk(KERN_EMERG "BUG: spinlock recursion on CPU#%d, lock %s, %s/%d\n",
	       smp_processor_id(), lock_name(lock), current->comm, current->pid);
	dump_stack();
	panic("spinlock recursion: this CPU would spin on %s forever", lock_name(lock));
}

/* Take the ticket and wait, reporting a wait of LOCKUP_SECONDS once. */
static void spin_wait(spinlock_t *lock) __acquires(lock)
{
	u16 ticket = 1;
	u64 deadline = 0;
	bool reported = false;

	asm volatile("lock xaddw %0, %1" : "+r"(ticket), "+m"(lock->raw.next) : : "memory");
	while (lock->raw.owner != ticket) {
		cpu_relax();
		if (reported || !tsc_khz)
			continue;
		if (!deadline) {
			deadline = rdtsc() + (u64)LOCKUP_SECONDS * tsc_khz * 1000;
		} else if (rdtsc() > deadline) {
			reported = true;
			printk(KERN_EMERG "BUG: spinlock lockup suspected on CPU#%d, lock %s, "
			       "owner CPU#%d\n", smp_processor_id(), lock_name(lock),
			       lock->owner_cpu);
			trigger_all_cpu_backtrace();
			lockdep_reports++;
		}
	}
	barrier();
	__acquire(lock);
}

void spin_lock_debug(spinlock_t *lock) __acquires(lock)
{
	unsigned long flags, trace[LOCK_TRACE_DEPTH];
	int cpu = smp_processor_id();
	u16 cls;

	if (!lockdep_enter(&flags)) {
		raw_spin_lock(&lock->raw);
		lock->owner_cpu = (s8)cpu;
		return;
	}
	cls = class_of(&lock->class_idx, lock, NULL);
	if (lock->owner_cpu == cpu && raw_spin_is_locked(&lock->raw))
		report_recursion(lock);
	save_trace(trace);
	check_order(cls, trace);
	lockdep_leave(flags);           /* spin with the caller's interrupt state */
	spin_wait(lock);
	lock->owner_cpu = (s8)cpu;
	if (lockdep_enter(&flags)) {
		push_held(&__get_cpu_var(held_spinlocks), lock, cls, trace);
		lockdep_leave(flags);
	}
}

bool spin_trylock_debug(spinlock_t *lock)
{
	unsigned long flags, trace[LOCK_TRACE_DEPTH];

	/* The unannotated trylock: spin_trylock() tells the checker. */
	if (!__raw_spin_trylock(&lock->raw))
		return false;
	lock->owner_cpu = (s8)smp_processor_id();
	if (!lockdep_enter(&flags))
		return true;
	save_trace(trace);              /* a trylock cannot deadlock: no check */
	push_held(&__get_cpu_var(held_spinlocks), lock,
		  class_of(&lock->class_idx, lock, NULL), trace);
	lockdep_leave(flags);
	return true;
}

bool spin_unlock_debug(spinlock_t *lock) __releases(lock)
{
	int cpu = smp_processor_id();
	unsigned long flags;

	if (lock->owner_cpu != cpu || !raw_spin_is_locked(&lock->raw)) {
		/* Refused, but to the checker the caller's hold ends here. */
		__release(lock);
		if (!lockdep_enter(&flags))
			return false;
		lockdep_reports++;
		class_of(&lock->class_idx, lock, NULL);
		printk(KERN_ERR "BUG: spinlock bad unlock on CPU#%d, lock %s (%s, owner CPU#%d); "
		       "not released\n", cpu, lock_name(lock),
		       raw_spin_is_locked(&lock->raw) ? "locked" : "not locked", lock->owner_cpu);
		dump_stack();
		lockdep_leave(flags);
		return false;
	}
	lock->owner_cpu = -1;
	if (lockdep_enter(&flags)) {
		pop_held(&__get_cpu_var(held_spinlocks), lock);
		lockdep_leave(flags);
	}
	raw_spin_unlock(&lock->raw);
	return true;
}

bool spin_held_by_me(const spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->raw) &&
	       (!debug_locks || lock->owner_cpu == smp_processor_id());
}

bool lockdep_task_holds(const void *lock, const struct held_locks *held)
{
	if (held->depth == MAX_HELD_LOCKS)
		return true;
	for (int i = 0; i < held->depth; i++)
		if (held->entry[i].lock == lock)
			return true;
	return false;
}

void lock_not_held(const void *lock, const char *expr, const char *file, int line)
{
	lockdep_reports++;
	printk(KERN_ERR "BUG: lock not held: %s (%p) at %s:%d, CPU#%d, %s/%d\n", expr, lock,
	       file, line, smp_processor_id(), current->comm, current->pid);
	dump_stack();
}

void lockdep_acquire(u16 *class_idx, const void *lock, const char *name,
		     struct held_locks *held, bool trylock)
{
	unsigned long flags, trace[LOCK_TRACE_DEPTH];
	u16 cls;

	if (!lockdep_enter(&flags))
		return;
	cls = class_of(class_idx, lock, name);
	save_trace(trace);
	if (!trylock)                   /* a trylock cannot deadlock */
		check_order(cls, trace);
	push_held(held, lock, cls, trace);
	lockdep_leave(flags);
}

void __lockdep_bit_lock_acquire(u16 cls, const void *lock, bool trylock)
{
	unsigned long flags, trace[LOCK_TRACE_DEPTH];
	struct held_locks *held;

	if (!debug_locks || !cls || !lockdep_enter(&flags))
		return;
	held = &__get_cpu_var(held_spinlocks);
	if (!trylock && held->depth < MAX_HELD_LOCKS && lockdep_task_holds(lock, held)) {
		lockdep_reports++;
		printk(KERN_EMERG "BUG: bit spinlock recursion on CPU#%d, lock %s %p\n",
		       smp_processor_id(), classes[cls].name, lock);
		dump_stack();
		panic("bit spinlock recursion: this CPU would spin on %s forever",
		      classes[cls].name);
	}
	save_trace(trace);
	if (!trylock)
		check_order(cls, trace);
	push_held(held, lock, cls, trace);
	lockdep_leave(flags);
}

void __lockdep_bit_lock_release(const void *lock)
{
	unsigned long flags;

	if (!debug_locks || !lockdep_enter(&flags))
		return;
	pop_held(&__get_cpu_var(held_spinlocks), lock);
	lockdep_leave(flags);
}

bool lockdep_bit_lock_held_by_me(const void *lock)
{
	unsigned long flags;
	bool held;

	if (!debug_locks || !lockdep_enter(&flags))
		return true;            /* not kept, or inside the checker */
	held = lockdep_task_holds(lock, &__get_cpu_var(held_spinlocks));
	lockdep_leave(flags);
	return held;
}

void lockdep_release(const void *lock, struct held_locks *held)
{
	unsigned long flags;

	if (!lockdep_enter(&flags))
		return;
	pop_held(held, lock);
	lockdep_leave(flags);
}

/* lockdep: the classes, how many classes each must precede, the reports. */
static int cmd_lockdep(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mprintf("lock debugging %s; %u classes, %u dependencies, %lu reports\n",
		debug_locks ? "on" : "off (boot with lock_debug)", nr_classes - 1, nr_deps,
		lockdep_reports);
	for (unsigned int i = 1; i < nr_classes; i++)
		mprintf("  %-40s before %u\n", classes[i].name, classes[i].nr_after);
	return 0;
}
MONITOR_CMD("lockdep", "lock classes and the order checker's findings", cmd_lockdep);
