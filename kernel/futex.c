/*
 * kernel/futex.c - futexes (fast user-space mutexes), Linux 2.6-style:
 * the futex system call (240, and 422 with a 64-bit timespec), the robust
 * lists (set_robust_list 311, get_robust_list 312) and their walk at exit.
 *
 * User space does the uncontended work with atomic instructions on a
 * 32-bit word; the kernel only keeps sleepers.  FUTEX_WAIT sleeps if the
 * word still holds the value the caller saw, FUTEX_WAKE wakes sleepers,
 * FUTEX_REQUEUE/CMP_REQUEUE wake some and move the rest to another word
 * (a condition variable's broadcast moving them to the mutex),
 * FUTEX_WAKE_OP changes a second word and wakes on both, the BITSET
 * variants wake only waiters whose bitset meets the waker's.
 *
 * Data: futex_queues[], FUTEX_HASHSIZE buckets, each a spinlock and a
 * chain of the struct futex_q of the tasks sleeping on keys hashing
 * there (kernel/futex.h explains the keys).  A futex_q lives on its
 * waiter's stack.
 *
 * Locking: a bucket's lock covers its chain and, for each futex_q on it,
 * q->key and q->lock_ptr.  The lost wake-up is closed by reading the word
 * under the bucket lock (futex_wait_setup): a waker changes the word
 * first and then takes the lock to wake, so either the waiter's read saw
 * the new value (EAGAIN) or the waiter was queued before the waker looked.
 * User memory is touched under the lock only by the kernel/arch/futex.h
 * accessors, which fail with -EFAULT instead of sleeping for a page; the
 * caller then lets go, faults the page in and starts over.  Two buckets
 * are locked lower address first (double_lock_hb).  No other lock is
 * taken under a bucket lock but the runqueue's (waking), and a bucket is
 * never locked with mmap_sem held (mm/lock_order.c).
 * A waker dequeues q, wakes q->task and only then clears q->lock_ptr: a
 * waiter finding lock_ptr NULL knows it was woken and that nobody will
 * touch its futex_q again (unqueue_me).
 */
#include "kernel/futex.h"
#include "fs/fs.h"
#include "kernel/arch/futex.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"

/* FUTEX_WAKE_OP's val3: op (bits 28-30, bit 31 "oparg is a shift"),
 * cmp (24-27), oparg (12-23) and cmparg (0-11), both signed. */
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* A robust list is walked this far at most: it lives in user memory and
 * may be a loop. */
#define ROBUST_LIST_LIMIT 2048

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

static struct futex_hash_bucket futex_queues[FUTEX_HASHSIZE];

/* One sleeping task: on its bucket's chain while it waits. */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	spinlock_t *lock_ptr;           /* its bucket's lock; NULL once woken */
	struct futex_key key;
	u32 bitset;
};

void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASHSIZE; i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}

/* Multiplicative hashing: every bit of the key moves the top bits. */
unsigned int futex_hash_index(const struct futex_key *key)
{
	u32 h = (u32)(unsigned long)key->ptr;

	h = (h ^ (u32)key->word) * 0x9e370001u;
	h = (h ^ key->offset) * 0x9e370001u;
	return h >> (32 - FUTEX_HASHBITS);
}

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	return &futex_queues[futex_hash_index(key)];
}

bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->type == b->type && a->ptr == b->ptr && a->word == b->word &&
	       a->offset == b->offset;
}

/* Keep what the key names alive while it is in use. */
static void get_futex_key_refs(struct futex_key *key)
{
	struct address_space *mapping = key->ptr;

	switch (key->type) {
	case FUTEX_KEY_PRIVATE: mmgrab(key->ptr); break;
	case FUTEX_KEY_INODE: igrab(mapping->host); break;
	}
}

void put_futex_key(struct futex_key *key)
{
	struct address_space *mapping = key->ptr;

	switch (key->type) {
	case FUTEX_KEY_PRIVATE: mmdrop(key->ptr); break;
	case FUTEX_KEY_INODE: iput(mapping->host); break;
	}
}

/* A word of a shared mapping: named by its page's place in the object
 * behind it (a file's page cache, or the shmem object of shared
 * anonymous memory), wherever it is mapped.  The page is faulted in and
 * held while we look at it.  A page without a mapping was truncated
 * away after the fault: the word is gone (-EFAULT).  mmap_sem held. */
static int shared_futex_key(struct mm_struct *mm, unsigned long address, struct futex_key *key)
{
	struct page *page;
	struct address_space *mapping;

	lockdep_assert_held(&mm->mmap_sem);
	page = get_user_page(mm, address);
	if (!page)
		return -EFAULT;
	mapping = page->mapping;
	if (mapping) {
		key->type = FUTEX_KEY_INODE;
		key->ptr = mapping;
		key->word = page->index;
		get_futex_key_refs(key);
	}
	put_page(page);
	return mapping ? 0 : -EFAULT;
}

int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err = 0;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	key->offset = address % PAGE_SIZE;
	key->type = FUTEX_KEY_PRIVATE;
	key->ptr = mm;
	key->word = address - key->offset;
	if (!(flags & FLAGS_SHARED)) {
		get_futex_key_refs(key);
		return 0;
	}
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (!vma || vma->vm_start > address)
		err = -EFAULT;
	else if (vma->vm_flags & VM_SHARED)
		err = shared_futex_key(mm, address, key);
	else
		get_futex_key_refs(key);
	up_read(&mm->mmap_sem);
	return err;
}

/* Make the page at uaddr present (and writable if write), as a user
 * access would: for a word that faulted under the bucket locks. */
static int fault_in_user_word(u32 __user *uaddr, bool write)
{
	return do_user_fault(current->mm, (unsigned long)uaddr, write,
			     task_pt_regs(current)->esp);
}

/* Bucket lock held: take q off its chain and wake its task.  lock_ptr is
 * cleared last - after that the waiter may return and its stack (q) be
 * gone. */
static void wake_futex(struct futex_q *q)
{
	struct task_struct *p = q->task;

	lockdep_assert_held(q->lock_ptr);
	list_del_init(&q->list);
	wake_up_process(p);
	__sync_synchronize();
	q->lock_ptr = NULL;
}

/* Our own futex_q off its chain, unless a waker took it off already:
 * true if we did (nobody woke us), false if we were woken.  A requeue
 * may move q to another bucket meanwhile: then lock_ptr changes under
 * us and we try again with the new one. */
static bool unqueue_me(struct futex_q *q)
{
	spinlock_t *lock_ptr;
	bool unqueued = false;

	for (;;) {
		lock_ptr = *(spinlock_t *volatile *)&q->lock_ptr;
		if (!lock_ptr)
			break;
		spin_lock(lock_ptr);
		if (lock_ptr == q->lock_ptr) {
			list_del_init(&q->list);
			spin_unlock(lock_ptr);
			unqueued = true;
			break;
		}
		spin_unlock(lock_ptr);
	}
	put_futex_key(&q->key);
	return unqueued;
}

/* Read the word under the bucket lock and, if it still holds val, queue
 * q there.  0 when queued (with q->key's reference), -EAGAIN when the
 * word changed, -EFAULT/-EINVAL for a bad address. */
static long futex_wait_setup(u32 __user *uaddr, u32 val, unsigned int flags, struct futex_q *q)
{
	struct futex_hash_bucket *hb;
	u32 uval;
	int err;

	for (;;) {
		if ((err = get_futex_key(uaddr, flags, &q->key)))
			return err;
		hb = hash_futex(&q->key);
		spin_lock(&hb->lock);
		err = futex_get_value_locked(&uval, uaddr);
		if (!err && uval == val) {
			q->task = current;
			q->lock_ptr = &hb->lock;
			list_add_tail(&q->list, &hb->chain);
			spin_unlock(&hb->lock);
			return 0;
		}
		spin_unlock(&hb->lock);
		put_futex_key(&q->key);
		if (!err)
			return -EAGAIN;
		if (get_user(uval, uaddr))      /* bring the page in, then again */
			return -EFAULT;
		if (fatal_signal_pending(current))
			return -EINTR;          /* the page keeps going: we are dying */
	}
}

static u64 timeout_left(const struct futex_timeout *to)
{
	u64 now;

	if (!to)
		return (u64)KTIME_MAX;
	now = to->realtime ? ktime_get_real_ns() : ktime_get_ns();
	return to->deadline > now ? to->deadline - now : 0;
}

/* Sleep until a waker takes q off its chain, a signal comes or the
 * deadline passes.  The state is set before the chain is looked at, so
 * a wake-up in between is not lost. */
static void futex_wait_queue_me(struct futex_q *q, const struct futex_timeout *to)
{
	u64 left;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&q->list) || signal_pending(current))
			break;
		left = timeout_left(to);
		if (!left)
			break;
		if (to)
			schedule_timeout((long)nsecs_to_jiffies(left));
		else
			schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static long futex_wait_restart(struct restart_block *rb);

/* A signal: without a timeout the call is restarted as Linux does
 * (-ERESTARTSYS: again after a SA_RESTART handler or none, else EINTR);
 * with one it is EINTR after a handler, and without one resumed by
 * restart_syscall towards the same deadline. */
static long futex_wait_interrupted(u32 __user *uaddr, unsigned int flags, u32 val,
				   const struct futex_timeout *to, u32 bitset)
{
	struct restart_block *rb = &current->restart_block;

	if (!to)
		return -ERESTARTSYS;
	rb->fn = futex_wait_restart;
	rb->futex.uaddr = uaddr;
	rb->futex.val = val;
	rb->futex.flags = flags | (to->realtime ? FLAGS_CLOCKRT : 0);
	rb->futex.bitset = bitset;
	rb->futex.deadline = to->deadline;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val,
		       const struct futex_timeout *to, u32 bitset)
{
	struct futex_q q;
	long err;

	if (!bitset)
		return -EINVAL;
	q.bitset = bitset;
	if ((err = futex_wait_setup(uaddr, val, flags, &q)))
		return err;
	futex_wait_queue_me(&q, to);
	if (!unqueue_me(&q))
		return 0;                       /* woken */
	if (to && !timeout_left(to))
		return -ETIMEDOUT;
	return futex_wait_interrupted(uaddr, flags, val, to, bitset);
}

static long futex_wait_restart(struct restart_block *rb)
{
	struct futex_timeout to = {
		.deadline = rb->futex.deadline,
		.realtime = rb->futex.flags & FLAGS_CLOCKRT,
	};

	return futex_wait(rb->futex.uaddr, rb->futex.flags & FLAGS_SHARED, rb->futex.val, &to,
			  rb->futex.bitset);
}

long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_q *q, *next;
	struct futex_key key;
	long woken = 0;
	int err;

	if (!bitset)
		return -EINVAL;
	if ((err = get_futex_key(uaddr, flags, &key)))
		return err;
	hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(q, next, &hb->chain, list) {
		if (!match_futex(&q->key, &key) || !(q->bitset & bitset))
			continue;
		wake_futex(q);
		if (++woken >= nr_wake)         /* as Linux: 0 or less wakes one */
			break;
	}
	spin_unlock(&hb->lock);
	put_futex_key(&key);
	return woken;
}

/* Both keys, or (an error) neither. */
static int get_futex_keys(u32 __user *uaddr1, u32 __user *uaddr2, unsigned int flags,
			  struct futex_key *key1, struct futex_key *key2)
{
	int err = get_futex_key(uaddr1, flags, key1);

	if (!err && (err = get_futex_key(uaddr2, flags, key2)))
		put_futex_key(key1);
	return err;
}

static void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
	__acquires(&hb1->lock) __acquires(&hb2->lock)
{
	if (hb1 == hb2) {
		spin_lock(&hb1->lock);
		__acquire(&hb2->lock);
	} else if (hb1 < hb2) {
		spin_lock(&hb1->lock);
		spin_lock(&hb2->lock);
	} else {
		spin_lock(&hb2->lock);
		spin_lock(&hb1->lock);
	}
}

static void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
	__releases(&hb1->lock) __releases(&hb2->lock)
{
	spin_unlock(&hb1->lock);
	if (hb1 != hb2)
		spin_unlock(&hb2->lock);
	else
		__release(&hb2->lock);
}

/* Let go of both buckets, then of both keys' references (which may
 * sleep: never under a bucket lock). */
static void double_unlock_put(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2,
			      struct futex_key *key1, struct futex_key *key2)
	__releases(&hb1->lock) __releases(&hb2->lock)
{
	double_unlock_hb(hb1, hb2);
	put_futex_key(key2);
	put_futex_key(key1);
}

/* Both buckets locked: wake up to nr_wake waiters of key1 and move up to
 * nr_requeue more to key2 (their key now holds a reference on key2's
 * object; *moved says how many key1 references to drop once unlocked).
 * Returns woken + moved, as Linux does. */
static long requeue_locked(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2,
			   struct futex_key *key1, struct futex_key *key2, int nr_wake,
			   int nr_requeue, int *moved)
{
	struct futex_q *q, *next;
	int count = 0;

	lockdep_assert_held(&hb1->lock);
	lockdep_assert_held(&hb2->lock);
	list_for_each_entry_safe(q, next, &hb1->chain, list) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!match_futex(&q->key, key1))
			continue;
		if (++count <= nr_wake) {
			wake_futex(q);
			continue;
		}
		if (hb1 != hb2) {       /* within one chain, moving would loop */
			list_move_tail(&q->list, &hb2->chain);
			q->lock_ptr = &hb2->lock;
		}
		q->key = *key2;
		get_futex_key_refs(key2);
		(*moved)++;
	}
	return count;
}

/* Two words' keys and buckets, locked together (requeue, wake_op). */
struct futex_pair {
	struct futex_key key1, key2;
	struct futex_hash_bucket *hb1, *hb2;
};

/* What requeue and wake_op do under both bucket locks: check (or change)
 * a user word - >= 0 done, -EFAULT when the word was not resident (no
 * page fault may sleep there), another error to give up with - then act
 * on the queues with check's answer. */
struct pair_op {
	int (*check)(void *arg);
	long (*act)(struct futex_pair *fp, int checked, void *arg);
	void *arg;
	u32 __user *fault_at;   /* the word check touches */
	bool fault_write;       /* ...and whether it writes it */
};

/* Lock both buckets, run op->check and op->act under them, unlock.  On
 * -EFAULT drop everything, fault the word in and start again - with the
 * keys looked up afresh, since the fault may change them. */
static long pair_locked(struct futex_pair *fp, u32 __user *uaddr1, u32 __user *uaddr2,
			unsigned int flags, const struct pair_op *op)
{
	long ret;

	for (;;) {
		if ((ret = get_futex_keys(uaddr1, uaddr2, flags, &fp->key1, &fp->key2)))
			return ret;
		fp->hb1 = hash_futex(&fp->key1);
		fp->hb2 = hash_futex(&fp->key2);
		double_lock_hb(fp->hb1, fp->hb2);
		ret = op->check(op->arg);
		if (ret >= 0)
			ret = op->act(fp, (int)ret, op->arg);
		double_unlock_put(fp->hb1, fp->hb2, &fp->key1, &fp->key2);
		if (ret != -EFAULT)
			return ret;
		if (fault_in_user_word(op->fault_at, op->fault_write))
			return -EFAULT;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
}

struct requeue_args {
	u32 __user *uaddr1;
	const u32 *cmpval;      /* NULL: FUTEX_REQUEUE, no check */
	int nr_wake, nr_requeue, moved;
};

/* 1 if FUTEX_CMP_REQUEUE's word no longer holds cmpval, else 0. */
static int requeue_word_changed(void *arg)
{
	struct requeue_args *ra = arg;
	u32 cur;
	int err;

	if (!ra->cmpval)
		return 0;
	if ((err = futex_get_value_locked(&cur, ra->uaddr1)))
		return err;
	return cur != *ra->cmpval;
}

static long requeue_act(struct futex_pair *fp, int changed, void *arg)
{
	struct requeue_args *ra = arg;

	if (changed)
		return -EAGAIN;
	return requeue_locked(fp->hb1, fp->hb2, &fp->key1, &fp->key2, ra->nr_wake,
			      ra->nr_requeue, &ra->moved);
}

/* FUTEX_REQUEUE (cmpval NULL) and FUTEX_CMP_REQUEUE: the latter first
 * checks, under the bucket locks, that *uaddr1 is still *cmpval. */
static long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, const u32 *cmpval)
{
	struct requeue_args ra = { uaddr1, cmpval, nr_wake, nr_requeue, 0 };
	struct pair_op op = { requeue_word_changed, requeue_act, &ra, uaddr1, false };
	struct futex_pair fp;
	long ret;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = pair_locked(&fp, uaddr1, uaddr2, flags, &op);
	while (ra.moved--)      /* the moved waiters' references, after unlocking */
		put_futex_key(&fp.key1);
	return ret;
}

static s32 sign_extend12(u32 v)
{
	return (s32)(v << 20) >> 20;
}

/* Apply val3's operation to *uaddr2 and compare the old value as it
 * says: 1 or 0 for the comparison, or -EFAULT / -ENOSYS.  Bucket locks
 * held (the caller's). */
static int futex_atomic_op(u32 encoded, u32 __user *uaddr2)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	s32 oparg = sign_extend12(encoded >> 12), cmparg = sign_extend12(encoded);
	u32 old;
	s32 o;
	int err;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1 << (oparg & 31);      /* a shift out of range: Linux masks it */
	if ((err = futex_atomic_op_inuser(op, (u32)oparg, uaddr2, &old)))
		return err;
	o = (s32)old;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return o == cmparg;
	case FUTEX_OP_CMP_NE: return o != cmparg;
	case FUTEX_OP_CMP_LT: return o < cmparg;
	case FUTEX_OP_CMP_LE: return o <= cmparg;
	case FUTEX_OP_CMP_GT: return o > cmparg;
	case FUTEX_OP_CMP_GE: return o >= cmparg;
	default: return -ENOSYS;        /* the operation has been done, as in Linux */
	}
}

/* Wake up to nr waiters of key on a locked bucket. */
static long wake_locked(struct futex_hash_bucket *hb, const struct futex_key *key, int nr)
{
	struct futex_q *q, *next;
	long woken = 0;

	lockdep_assert_held(&hb->lock);
	list_for_each_entry_safe(q, next, &hb->chain, list) {
		if (!match_futex(&q->key, key))
			continue;
		wake_futex(q);
		if (++woken >= nr)
			break;
	}
	return woken;
}

struct wake_op_args {
	u32 __user *uaddr2;
	u32 encoded;
	int nr_wake, nr_wake2;
};

static int wake_op_apply(void *arg)
{
	struct wake_op_args *wa = arg;

	return futex_atomic_op(wa->encoded, wa->uaddr2);
}

static long wake_op_act(struct futex_pair *fp, int cmp_held, void *arg)
{
	struct wake_op_args *wa = arg;
	long woken = wake_locked(fp->hb1, &fp->key1, wa->nr_wake);

	if (cmp_held)
		woken += wake_locked(fp->hb2, &fp->key2, wa->nr_wake2);
	return woken;
}

/* FUTEX_WAKE_OP: change *uaddr2, wake nr_wake on uaddr1 and, if the
 * comparison held, nr_wake2 on uaddr2 - all under both bucket locks, so
 * no waiter of either word can slip in between (glibc's condvar signal). */
static long futex_wake_op(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
			  int nr_wake, int nr_wake2, u32 encoded)
{
	struct wake_op_args wa = { uaddr2, encoded, nr_wake, nr_wake2 };
	struct pair_op op = { wake_op_apply, wake_op_act, &wa, uaddr2, true };
	struct futex_pair fp;

	return pair_locked(&fp, uaddr1, uaddr2, flags, &op);
}

unsigned int futex_nr_waiters(const struct futex_key *key)
{
	struct futex_hash_bucket *hb = hash_futex(key);
	struct futex_q *q;
	unsigned int n = 0;

	spin_lock(&hb->lock);
	list_for_each_entry(q, &hb->chain, list)
		n += match_futex(&q->key, key);
	spin_unlock(&hb->lock);
	return n;
}

/*
 * The priority-inheritance operations (FUTEX_LOCK_PI, UNLOCK_PI,
 * TRYLOCK_PI, WAIT_REQUEUE_PI, CMP_REQUEUE_PI, LOCK_PI2) are refused
 * with -ENOSYS: they need a kernel rt_mutex per futex whose owner's
 * priority is raised to its highest waiter's, and Tessera's scheduler has
 * no priority inheritance to give.  glibc then declines
 * PTHREAD_PRIO_INHERIT mutexes (ENOTSUP) and everything else works.
 * FUTEX_FD went from Linux in 2.6.26: -ENOSYS too.
 */
long do_futex(u32 __user *uaddr, int op, u32 val, const struct futex_timeout *timeout,
	      u32 __user *uaddr2, u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = op & FUTEX_PRIVATE_FLAG ? 0 : FLAGS_SHARED;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, flags, val, timeout, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, timeout, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, flags, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, (int)val, (int)val2, val3);
	default:
		return -ENOSYS;
	}
}

/* Which operations read a timeout from the fourth argument; the others
 * take it as the number val2. */
static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* The timeout as a deadline: FUTEX_WAIT's is relative (to CLOCK_MONOTONIC
 * now), WAIT_BITSET's absolute on the clock the op names. */
static long futex_get_timeout(int op, const void __user *utime, bool wide,
			      struct futex_timeout *to)
{
	struct timespec64 t;
	u64 ns;

	if (get_timespec(utime, wide, &t))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	ns = timespec_to_ns(t.tv_sec, t.tv_nsec);
	to->realtime = op & FUTEX_CLOCK_REALTIME;
	to->deadline = ns;
	if ((op & FUTEX_CMD_MASK) == FUTEX_WAIT) {
		to->deadline = ktime_get_ns() + ns;
		if (to->deadline > (u64)KTIME_MAX)
			to->deadline = (u64)KTIME_MAX;
	}
	return 0;
}

static long sys_futex_common(u32 __user *uaddr, int op, u32 val, const void __user *utime,
			     u32 __user *uaddr2, u32 val3, bool wide)
{
	struct futex_timeout to, *tp = NULL;
	u32 val2 = 0;
	long err;

	if (utime && futex_cmd_has_timeout(op & FUTEX_CMD_MASK)) {
		if ((err = futex_get_timeout(op, utime, wide, &to)))
			return err;
		tp = &to;
	} else if (!futex_cmd_has_timeout(op & FUTEX_CMD_MASK)) {
		val2 = (u32)(unsigned long)utime;
	}
	return do_futex(uaddr, op, val, tp, uaddr2, val2, val3);
}

long sys_futex(u32 __user *uaddr, unsigned long op, unsigned long val,
	       const void __user *utime, u32 __user *uaddr2, unsigned long val3)
{
	return sys_futex_common(uaddr, (int)op, (u32)val, utime, uaddr2, (u32)val3, false);
}

long sys_futex_time64(u32 __user *uaddr, unsigned long op, unsigned long val,
		      const void __user *utime, u32 __user *uaddr2, unsigned long val3)
{
	return sys_futex_common(uaddr, (int)op, (u32)val, utime, uaddr2, (u32)val3, true);
}

void futex_clear_child_tid(int __user *tidptr)
{
	if (!put_user(0, tidptr))
		futex_wake((u32 __user *)tidptr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
}

/*
 * Robust lists.  glibc keeps, per thread, a list in user memory of the
 * robust mutexes the thread holds; the head is registered with
 * set_robust_list.  Each entry is a struct robust_list inside a mutex,
 * futex_offset bytes from the mutex's futex word; bit 0 of a pointer
 * marks a PI futex.  list_op_pending is the entry being locked or
 * unlocked right now, which may or may not be on the list yet.
 */
struct robust_list {
	u32 next;
};

struct robust_list_head {
	struct robust_list list;
	s32 futex_offset;
	u32 list_op_pending;
};

long sys_set_robust_list(void __user *head, unsigned long len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_get_robust_list(unsigned long pid, u32 __user *head_ptr, u32 __user *len_ptr)
{
	struct task_struct *p = current;
	u32 head;

	if (pid) {
		p = find_get_task((int)pid);
		if (!p)
			return -ESRCH;
		head = (u32)(unsigned long)p->robust_list;
		put_task_struct(p);
	} else {
		head = (u32)(unsigned long)p->robust_list;
	}
	if (put_user((u32)sizeof(struct robust_list_head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}

/* The dying owner tid held the futex at uaddr: mark it OWNER_DIED
 * (keeping WAITERS) and wake one waiter, who will find the mark and
 * recover the mutex.  Not ours: left alone.  The list_op_pending word
 * found 0 was being unlocked when the owner died, maybe before its
 * FUTEX_WAKE: one waiter is woken so it is not left asleep (as current
 * Linux does).  -EFAULT for a bad word. */
static int handle_futex_death(u32 __user *uaddr, int tid, bool pi, bool pending_op)
{
	u32 uval, cur;

	if ((unsigned long)uaddr % sizeof(u32))
		return -EINVAL;
	if (get_user(uval, uaddr))
		return -EFAULT;
	if (pending_op && !pi && !uval) {
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	for (;;) {
		if ((uval & FUTEX_TID_MASK) != (u32)tid)
			return 0;
		if (futex_atomic_cmpxchg_inatomic(&cur, uaddr, uval,
						  (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED))
			return -EFAULT;
		if (cur == uval)
			break;
		uval = cur;             /* a waiter set WAITERS meanwhile */
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer from user memory: the address and its PI bit. */
static int fetch_robust_entry(u32 *entry, const u32 __user *from, bool *pi)
{
	u32 v;

	if (get_user(v, from))
		return -EFAULT;
	*entry = v & ~1u;
	*pi = v & 1;
	return 0;
}

static u32 __user *robust_futex_word(u32 entry, s32 futex_offset)
{
	return (u32 __user *)(unsigned long)(entry + (u32)futex_offset);
}

/* The list lives in the old image's memory, so it is walked there (a
 * brief switch back); Linux releases robust futexes at exec too since
 * 5.5, and the new program registers its own list. */
void futex_exec_release(struct mm_struct *old, struct mm_struct *new)
{
	if (current->robust_list) {
		use_mm(old);
		exit_robust_list(current);
		use_mm(new);
	}
	current->robust_list = NULL;
}

void exit_robust_list(struct task_struct *tsk)
{
	struct robust_list_head __user *head = tsk->robust_list;
	u32 uhead = (u32)(unsigned long)head, entry, next, pending;
	bool pi, next_pi, pending_pi;
	int limit = ROBUST_LIST_LIMIT;
	s32 futex_offset;

	if (!head || !tsk->mm)
		return;
	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(futex_offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pending_pi))
		return;
	while (entry != uhead) {
		/* Read the next link first: waking a waiter may free this one. */
		int err = fetch_robust_entry(&next, (const u32 __user *)(unsigned long)entry,
					     &next_pi);

		if (entry != pending)
			handle_futex_death(robust_futex_word(entry, futex_offset), tsk->pid, pi,
					   false);
		if (err || !--limit)
			break;
		entry = next;
		pi = next_pi;
		cond_resched();
	}
	if (pending)
		handle_futex_death(robust_futex_word(pending, futex_offset), tsk->pid, pending_pi,
				   true);
}
