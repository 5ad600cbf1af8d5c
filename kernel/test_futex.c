/*
 * kernel/test_futex.c - ktests for futexes: the keys (private ones are
 * (mm, address); a shared anonymous page's is the page; a file page's is
 * (mapping, index) whatever address maps it) and the references they
 * hold, the hash spreading the words of one page, the error returns, and
 * wake/requeue counts with kernel threads sleeping in FUTEX_WAIT on a
 * user word of a borrowed address space; a ping-pong between two threads
 * on two CPUs that would hang on a lost wake-up; a timed wait cut short
 * by a signal resumed by restart_syscall to its first deadline; a seeded
 * mutex-and-requeue storm on every CPU.
 * Each test runs in an address space of its own (use_mm) and drops it.
 * Locking: the mm is this test's (and its threads') alone.
 */
#include "fs/fs.h"
#include "kernel/arch/futex.h"
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/futex.h"
#include "kernel/kthread.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"

#define RW (VM_READ | VM_WRITE)

static u32 __user *uword(long addr)
{
	return (u32 __user *)(unsigned long)addr;
}

/* The test thread in an address space of its own (use_mm) with one page
 * mapped at *addr, VM_SHARED if shared says so; NULL without memory. */
static struct mm_struct *futex_test_mm(unsigned long shared, long *addr)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	use_mm(mm);
	*addr = do_mmap(mm, 0, 2 * PAGE_SIZE, RW | shared, NULL, 0);
	return mm;
}

static void futex_test_mm_done(struct mm_struct *mm)
{
	unuse_mm(mm);
	mmput(mm);
}

KTEST(futex, private_keys_are_mm_and_address)
{
	struct mm_struct *mm;
	struct futex_key k1, k2;
	int count;
	long addr;

	mm = futex_test_mm(0, &addr);
	if (!mm)
		return;
	count = atomic_read(&mm->mm_count);
	KEXPECT_EQ(get_futex_key(uword(addr + 12), 0, &k1), 0);
	KEXPECT_EQ(k1.type, FUTEX_KEY_PRIVATE);
	KEXPECT(k1.ptr == mm);
	KEXPECT_EQ(k1.word, addr);
	KEXPECT_EQ(k1.offset, 12);
	KEXPECT_EQ(atomic_read(&mm->mm_count), count + 1);      /* the key's reference */
	/* Not a shared mapping: a shared op gets the same private key. */
	KEXPECT_EQ(get_futex_key(uword(addr + 12), FLAGS_SHARED, &k2), 0);
	KEXPECT(match_futex(&k1, &k2));
	put_futex_key(&k2);
	KEXPECT_EQ(get_futex_key(uword(addr + 16), 0, &k2), 0);
	KEXPECT(!match_futex(&k1, &k2));
	put_futex_key(&k2);
	put_futex_key(&k1);
	KEXPECT_EQ(atomic_read(&mm->mm_count), count);
	futex_test_mm_done(mm);
}

KTEST(futex, bad_addresses)
{
	struct futex_key k;
	long addr;
	struct mm_struct *mm = futex_test_mm(0, &addr);

	if (!mm)
		return;
	KEXPECT_EQ(get_futex_key(uword(0x10000002), 0, &k), -EINVAL);
	KEXPECT_EQ(get_futex_key(uword((long)TASK_SIZE), 0, &k), -EFAULT);
	KEXPECT_EQ(get_futex_key(uword(0x10000000), FLAGS_SHARED, &k), -EFAULT);
	KEXPECT_EQ(get_futex_key(uword(0x10000000), 0, &k), 0);        /* private: just a number */
	put_futex_key(&k);
	futex_test_mm_done(mm);
}

/* Shared anonymous memory is a shmem object (mm/shmem.c): its words are
 * named by the object and the page's index in it, as file pages are. */
KTEST(futex, shared_anonymous_key_is_the_shmem_object)
{
	struct mm_struct *mm;
	struct futex_key k;
	struct inode *inode;
	int count;
	long addr;

	mm = futex_test_mm(VM_SHARED, &addr);
	if (!mm)
		return;
	KEXPECT_EQ(put_user(0u, uword(addr + PAGE_SIZE)), 0);
	KEXPECT_EQ(get_futex_key(uword(addr + PAGE_SIZE + 8), FLAGS_SHARED, &k), 0);
	KEXPECT_EQ(k.type, FUTEX_KEY_INODE);
	KEXPECT_EQ(k.word, 1);                                  /* the object's second page */
	KEXPECT_EQ(k.offset, 8);
	inode = ((struct address_space *)k.ptr)->host;
	count = inode->i_count;
	put_futex_key(&k);
	KEXPECT_EQ(inode->i_count, count - 1);                  /* the key held the object */
	KEXPECT_EQ(get_futex_key(uword(addr + 8), 0, &k), 0);
	KEXPECT_EQ(k.type, FUTEX_KEY_PRIVATE);                  /* FUTEX_PRIVATE_FLAG */
	put_futex_key(&k);
	futex_test_mm_done(mm);
}

KTEST(futex, file_key_is_the_same_at_every_address)
{
	struct futex_key k1, k2, k3;
	struct mm_struct *mm;
	struct dentry *d;
	long a1, a2;

	vfs_mkdir("/ktest", 0755);
	if (vfs_mknod("/ktest/futex", S_IFREG | 0644, 0, &d)) {
		KEXPECT(false);
		return;
	}
	vfs_write(d->d_inode, "x", 1, 2 * PAGE_SIZE - 1);       /* two pages */
	mm = futex_test_mm(0, &a1);             /* a page before the file's */
	if (!mm)
		return;
	a1 = do_mmap(mm, 0, 2 * PAGE_SIZE, RW | VM_SHARED, d->d_inode, 0);
	a2 = do_mmap(mm, 0, PAGE_SIZE, RW | VM_SHARED, d->d_inode, 1);
	KEXPECT(a1 + (long)PAGE_SIZE != a2);
	KEXPECT_EQ(get_futex_key(uword(a1 + PAGE_SIZE + 4), FLAGS_SHARED, &k1), 0);
	KEXPECT_EQ(get_futex_key(uword(a2 + 4), FLAGS_SHARED, &k2), 0);
	KEXPECT_EQ(get_futex_key(uword(a1 + 4), FLAGS_SHARED, &k3), 0);
	KEXPECT_EQ(k1.type, FUTEX_KEY_INODE);
	KEXPECT(k1.ptr == &d->d_inode->i_data);
	KEXPECT_EQ(k1.word, 1);
	KEXPECT(match_futex(&k1, &k2));
	KEXPECT(futex_hash_index(&k1) == futex_hash_index(&k2));
	KEXPECT(!match_futex(&k1, &k3));                        /* page 0 */
	put_futex_key(&k3);
	put_futex_key(&k2);
	put_futex_key(&k1);
	futex_test_mm_done(mm);
	KEXPECT_EQ(vfs_unlink("/ktest/futex"), 0);
}

/* The words of one page are spread over the hash: a lock array in one
 * page must not fall in a handful of buckets. */
KTEST(futex, words_of_one_page_spread_over_the_hash)
{
	static bool used[FUTEX_HASHSIZE];
	struct futex_key k = { FUTEX_KEY_PRIVATE, &init_mm, 0x08048000, 0 };
	int buckets = 0;

	for (unsigned int off = 0; off < PAGE_SIZE; off += 4) {
		k.offset = off;
		used[futex_hash_index(&k)] = true;
	}
	for (int i = 0; i < FUTEX_HASHSIZE; i++)
		buckets += used[i];
	KEXPECT(buckets >= FUTEX_HASHSIZE * 3 / 4);
}

KTEST(futex, wait_errors_and_timeout)
{
	struct mm_struct *mm;
	struct futex_timeout to;
	u64 start;
	long addr;

	mm = futex_test_mm(0, &addr);
	if (!mm)
		return;
	KEXPECT_EQ(put_user(5u, uword(addr)), 0);
	KEXPECT_EQ(do_futex(uword(addr), FUTEX_WAIT, 6, NULL, NULL, 0, 0), -EAGAIN);
	KEXPECT_EQ(do_futex(uword(addr), FUTEX_WAIT_BITSET, 5, NULL, NULL, 0, 0), -EINVAL);
	KEXPECT_EQ(do_futex(uword(addr), FUTEX_LOCK_PI, 0, NULL, NULL, 0, 0), -ENOSYS);
	start = ktime_get_ns();
	to = (struct futex_timeout){ start + 20 * 1000000ull, false };
	KEXPECT_EQ(do_futex(uword(addr), FUTEX_WAIT, 5, &to, NULL, 0, 0), -ETIMEDOUT);
	KEXPECT(ktime_get_ns() >= to.deadline);
	futex_test_mm_done(mm);
}

/* A kernel thread in the test's address space, sleeping on a word. */
struct futex_sleeper {
	struct mm_struct *mm;
	u32 __user *uaddr;
	u32 val;
	long result;
};

static int futex_sleeper_fn(void *data)
{
	struct futex_sleeper *s = data;

	use_mm(s->mm);
	s->result = do_futex(s->uaddr, FUTEX_WAIT, s->val, NULL, NULL, 0, 0);
	unuse_mm(s->mm);
	return 0;
}

/* Until n tasks sleep on key (a few seconds at most). */
static bool await_sleepers(const struct futex_key *key, unsigned int n)
{
	for (int i = 0; i < 500; i++) {
		if (futex_nr_waiters(key) == n)
			return true;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	return false;
}

#define NR_SLEEPERS 4

KTEST(futex, wake_and_requeue_counts)
{
	struct futex_sleeper s[NR_SLEEPERS];
	struct task_struct *t[NR_SLEEPERS];
	struct mm_struct *mm;
	struct futex_key ka, kb;
	u32 __user *a, *b;
	long addr;

	mm = futex_test_mm(VM_SHARED, &addr);
	if (!mm)
		return;
	a = uword(addr);
	b = uword(addr + 64);
	KEXPECT_EQ(put_user(1u, a), 0);
	KEXPECT_EQ(put_user(0u, b), 0);
	KEXPECT_EQ(get_futex_key(a, FLAGS_SHARED, &ka), 0);
	KEXPECT_EQ(get_futex_key(b, FLAGS_SHARED, &kb), 0);
	for (int i = 0; i < NR_SLEEPERS; i++) {
		s[i] = (struct futex_sleeper){ mm, a, 1, 1 };
		t[i] = kthread_run(futex_sleeper_fn, &s[i], "futex%d", i);
	}
	KEXPECT(await_sleepers(&ka, NR_SLEEPERS));
	KEXPECT_EQ(futex_wake(a, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY), 1);
	KEXPECT_EQ(futex_nr_waiters(&ka), NR_SLEEPERS - 1);
	KEXPECT_EQ(do_futex(a, FUTEX_CMP_REQUEUE, 0, NULL, b, 1, 2), -EAGAIN);
	KEXPECT_EQ(do_futex(a, FUTEX_CMP_REQUEUE, 1, NULL, b, 1, 1), 2);   /* 1 woken, 1 moved */
	KEXPECT_EQ(futex_nr_waiters(&ka), NR_SLEEPERS - 3);
	KEXPECT_EQ(futex_nr_waiters(&kb), 1);
	KEXPECT_EQ(futex_wake(b, FLAGS_SHARED, 5, FUTEX_BITSET_MATCH_ANY), 1);
	KEXPECT_EQ(futex_wake(a, FLAGS_SHARED, 5, FUTEX_BITSET_MATCH_ANY), 1);
	for (int i = 0; i < NR_SLEEPERS; i++) {
		if (t[i])
			kthread_stop(t[i]);
		KEXPECT_EQ(s[i].result, 0);                     /* each woken, none timed out */
	}
	put_futex_key(&kb);
	put_futex_key(&ka);
	futex_test_mm_done(mm);
}

/* Two threads hand a word back and forth: each waits for its parity,
 * advances the word and wakes the other.  A lost wake-up hangs (and the
 * ktest watchdog reports it). */
struct pingpong {
	struct mm_struct *mm;
	u32 __user *word;
	u32 parity;
	int rounds;
	int errors;
};

static int pingpong_fn(void *data)
{
	struct pingpong *p = data;
	u32 v;

	use_mm(p->mm);
	for (int i = 0; i < p->rounds; i++) {
		for (;;) {
			if (get_user(v, p->word)) {
				p->errors++;
				break;
			}
			if (v % 2 == p->parity)
				break;
			/* 0 when woken, -EAGAIN if it moved on meanwhile */
			do_futex(p->word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, v, NULL, NULL, 0, 0);
		}
		if (put_user(v + 1, p->word))
			p->errors++;
		futex_wake(p->word, 0, 1, FUTEX_BITSET_MATCH_ANY);
	}
	unuse_mm(p->mm);
	return 0;
}

KTEST(futex, pingpong_between_cpus_loses_no_wakeup)
{
	struct mm_struct *mm;
	struct pingpong p[2];
	struct task_struct *t[2];
	long addr;
	u32 v = 0;

	mm = futex_test_mm(0, &addr);
	if (!mm)
		return;
	KEXPECT_EQ(put_user(0u, uword(addr)), 0);
	for (int i = 0; i < 2; i++) {
		p[i] = (struct pingpong){ mm, uword(addr), (u32)i, 1000, 0 };
		t[i] = kthread_create(pingpong_fn, &p[i], "pingpong%d", i);
		if (t[i] && num_online_cpus() > 1)
			kthread_bind(t[i], i);
		if (t[i])
			wake_up_process(t[i]);
	}
	for (int i = 0; i < 2; i++) {
		if (t[i])
			kthread_stop(t[i]);
		KEXPECT_EQ(p[i].errors, 0);
	}
	KEXPECT_EQ(get_user(v, uword(addr)), 0);
	KEXPECT_EQ(v, 2000);
	futex_test_mm_done(mm);
}

/* A timed wait cut short by a signal saves its deadline in the restart
 * block; restart_syscall (what do_notify_resume makes of it when no
 * handler runs) waits on to that deadline, not a fresh timeout.  An
 * untimed wait asks for a plain restart. */
struct restarter {
	struct mm_struct *mm;
	u32 __user *word;
	u64 deadline;
	long first, restarted, again, untimed;
	bool saved;                     /* the restart block held the deadline */
	u64 done_at;
};

static int restarter_fn(void *data)
{
	struct restarter *r = data;
	struct futex_timeout to = { r->deadline, false };

	use_mm(r->mm);
	r->first = do_futex(r->word, FUTEX_WAIT_BITSET, 0, &to, NULL, 0, FUTEX_BITSET_MATCH_ANY);
	r->saved = current->restart_block.fn && current->restart_block.futex.deadline == r->deadline &&
		   current->restart_block.futex.uaddr == r->word;
	current->pending = 0;           /* as if delivered, with no handler */
	r->restarted = sys_restart_syscall();
	r->done_at = ktime_get_ns();
	r->again = sys_restart_syscall();       /* nothing saved any more */
	send_sig(SIGALRM, current);
	r->untimed = do_futex(r->word, FUTEX_WAIT, 0, NULL, NULL, 0, 0);
	current->pending = 0;
	unuse_mm(r->mm);
	return 0;
}

KTEST(futex, timed_wait_restarts_to_its_first_deadline)
{
	struct mm_struct *mm;
	struct task_struct *t;
	struct restarter r;
	struct futex_key k;
	long addr;

	mm = futex_test_mm(0, &addr);
	if (!mm)
		return;
	KEXPECT_EQ(put_user(0u, uword(addr)), 0);
	KEXPECT_EQ(get_futex_key(uword(addr), FLAGS_SHARED, &k), 0);
	r = (struct restarter){ .mm = mm, .word = uword(addr),
				.deadline = ktime_get_ns() + 1000 * 1000000ull };
	t = kthread_run(restarter_fn, &r, "restarter");
	KEXPECT(t && await_sleepers(&k, 1));
	if (t) {
		send_sig(SIGALRM, t);
		kthread_stop(t);
	}
	KEXPECT_EQ(r.first, -ERESTART_RESTARTBLOCK);
	KEXPECT(r.saved);
	KEXPECT_EQ(r.restarted, -ETIMEDOUT);
	KEXPECT(r.done_at >= r.deadline);
	KEXPECT_EQ(r.again, -EINTR);
	KEXPECT_EQ(r.untimed, -ERESTARTSYS);
	KEXPECT_EQ(futex_nr_waiters(&k), 0);
	put_futex_key(&k);
	futex_test_mm_done(mm);
}

/*
 * A storm on two words of a shared page, the way glibc uses them: a
 * mutex (0 free, 1 locked, 2 locked with sleepers: Drepper's "futexes
 * are tricky" mutex) guarding a counter, and a barrier whose last
 * arrival requeues the sleepers from the barrier word onto the mutex
 * (the old condvar broadcast), so each of them is woken by an unlock
 * and wakes the next.  Threads on every CPU, random pauses (seeded).  A
 * broken exclusion miscounts; a lost wake-up, or a requeued sleeper
 * whose lock_ptr moved under it, hangs (the watchdog reports it).
 */
#define STORM_THREADS 4
#define STORM_ROUNDS 150

struct storm {
	struct mm_struct *mm;
	u32 __user *mutex, *gate;
	int counter, arrived, errors;
	u32 seed;
};

static u32 storm_op(struct storm *s, unsigned int op, u32 arg)
{
	u32 old = 0;

	if (futex_atomic_op_inuser(op, arg, s->mutex, &old))
		s->errors++;
	return old;
}

static void storm_wait(struct storm *s, u32 __user *word, u32 val)
{
	long r = do_futex(word, FUTEX_WAIT, val, NULL, NULL, 0, 0);

	if (r && r != -EAGAIN)
		s->errors++;
}

/* Take the mutex marking it contended: what a requeued sleeper must do. */
static void storm_lock_contended(struct storm *s)
{
	while (storm_op(s, FUTEX_OP_SET, 2))
		storm_wait(s, s->mutex, 2);
}

static void storm_lock(struct storm *s)
{
	u32 cur = 0;

	if (futex_atomic_cmpxchg_inatomic(&cur, s->mutex, 0, 1))
		s->errors++;
	if (cur)
		storm_lock_contended(s);
}

static void storm_unlock(struct storm *s)
{
	if (storm_op(s, FUTEX_OP_ADD, (u32)-1) != 1) {
		if (put_user(0u, s->mutex))
			s->errors++;
		futex_wake(s->mutex, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	}
}

static void storm_barrier(struct storm *s)
{
	u32 gen = 0, now = 0;

	storm_lock(s);
	if (get_user(gen, s->gate))
		s->errors++;
	if (++s->arrived < STORM_THREADS) {
		storm_unlock(s);
		while (!get_user(now, s->gate) && now == gen)
			storm_wait(s, s->gate, gen);
		storm_lock_contended(s);        /* woken through the mutex */
		storm_unlock(s);
		return;
	}
	s->arrived = 0;
	if (put_user(gen + 1, s->gate) || put_user(2u, s->mutex))
		s->errors++;
	if (do_futex(s->gate, FUTEX_CMP_REQUEUE, 1, NULL, s->mutex, STORM_THREADS, gen + 1) < 0)
		s->errors++;
	storm_unlock(s);
}

static int storm_fn(void *data)
{
	struct storm *s = data;
	u32 rng = __sync_fetch_and_add(&s->seed, 0x9e3779b9u);

	use_mm(s->mm);
	for (int r = 0; r < STORM_ROUNDS; r++) {
		storm_lock(s);
		s->counter++;
		storm_unlock(s);
		udelay(prandom_below(&rng, 40));
		storm_barrier(s);
	}
	unuse_mm(s->mm);
	return 0;
}

KTEST(futex, mutex_and_requeue_storm_across_cpus)
{
	struct task_struct *t[STORM_THREADS];
	struct mm_struct *mm;
	struct storm s;
	u32 gate = 0;
	long addr;

	mm = futex_test_mm(VM_SHARED, &addr);
	if (!mm)
		return;
	s = (struct storm){ .mm = mm, .mutex = uword(addr), .gate = uword(addr + 64),
			    .seed = ktest_random_seed() };
	KEXPECT_EQ(put_user(0u, s.mutex), 0);
	KEXPECT_EQ(put_user(0u, s.gate), 0);
	for (int i = 0; i < STORM_THREADS; i++) {
		t[i] = kthread_create(storm_fn, &s, "storm%d", i);
		if (t[i])
			kthread_bind(t[i], i % num_online_cpus());
		if (t[i])
			wake_up_process(t[i]);
	}
	for (int i = 0; i < STORM_THREADS; i++) {
		KEXPECT(t[i] != NULL);
		if (t[i])
			kthread_stop(t[i]);
	}
	KEXPECT_EQ(s.errors, 0);
	KEXPECT_EQ(s.counter, STORM_THREADS * STORM_ROUNDS);
	KEXPECT_EQ(get_user(gate, s.gate), 0);
	KEXPECT_EQ(gate, STORM_ROUNDS);
	futex_test_mm_done(mm);
}
