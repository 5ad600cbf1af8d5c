/*
 * mm/slab.c - the slab allocator (Bonwick, as in Linux 2.4/2.6).
 *
 * Data structures: see mm/slab_def.h.  cache_cache is the cache whose
 * objects are struct kmem_cache; it is set up by hand, every other cache
 * is allocated from it.
 *
 * Allocation: pop from this CPU's array cache; if empty, refill a batch
 * from the partial (then free) slabs under the cache lock; if there are
 * none, grow the cache by one slab.  Freeing: push onto the array cache;
 * if it is full, first give a batch back to the slabs.  Constructors run
 * when a slab is created, once per object lifetime: a freed object must be
 * returned in its constructed state.
 *
 * Colouring: the slack at the end of a slab shifts the first object by a
 * different multiple of a cache line in successive slabs, so objects at
 * the same index in different slabs do not compete for the same cache
 * lines.
 *
 * Debugging (slab_debug, or SLAB_RED_ZONE/SLAB_POISON per cache): a guard
 * word before and after every object says whether it is live; freed
 * objects are filled with POISON_FREE and checked when reused.  A broken
 * guard, a changed poison or a double free is reported with the cache, the
 * object and a backtrace, and counted in slab_corruption_reports.
 *
 * failslab (mm/fault_inject.h) makes kmem_cache_alloc, and so kmalloc,
 * fail on purpose (should_failslab).
 *
 * Locking: cachep->lock (irqsave) guards the slab lists, colour_next and
 * the cache-wide statistics (num_active, num_slabs, grown, reaped); an
 * array cache, with its hit and miss counts, is used only by its CPU
 * with local interrupts disabled (so the counts are exact without a
 * lock or an atomic operation); cache_chain_mutex guards the list of
 * caches (a mutex: shrinking a cache sends IPIs, which must not wait
 * under a spinlock).
 */
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/mm.h"
#include "mm/slab_def.h"

#define CACHE_LINE 64
#define RED_INACTIVE 0x09f91102u
#define RED_ACTIVE 0xd84156c5u
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON)
#define MAX_GFP_ORDER 5                 /* 128 KiB: the largest kmalloc size */

LIST_HEAD(cache_chain);
DEFINE_MUTEX(cache_chain_mutex);
unsigned long slab_corruption_reports;
static struct kmem_cache cache_cache;
static bool slab_debug;

static int set_slab_debug(char *val)
{
	(void)val;
	slab_debug = true;
	return 0;
}
__setup("slab_debug", set_slab_debug);

/* Off until switched on; unlike Linux (ignore-gfp-wait on by default)
 * sleeping requests may fail too. */
struct fail_alloc_attr failslab = {
	.attr = FAULT_ATTR_INITIALIZER,
	.name = "failslab",
	.verbose = 2,
};

static int setup_failslab(char *val)
{
	return fail_alloc_boot_option(&failslab, val);
}
__setup("failslab", setup_failslab);

static bool should_failslab(struct kmem_cache *cachep, gfp_t flags)
{
	if (likely(!failslab.attr.probability))
		return false;
	if (failslab.ignore_gfp_wait && (flags & __GFP_WAIT))
		return false;
	return fail_alloc_should_fail(&failslab, cachep->objsize, flags & __GFP_NOWARN);
}

static void slab_report(struct kmem_cache *cachep, const void *objp, const char *what)
{
	slab_corruption_reports++;
	printk(KERN_ERR "slab error in cache %s: %s (object %p)\n", cachep->name, what, objp);
	dump_stack();
}

/* --- object layout and debugging --- */

static u32 *red_zone1(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	return (u32 *)objp - 1;
}

static u32 *red_zone2(struct kmem_cache *cachep, void *objp)
{
	return (u32 *)((u8 *)objp + ALIGN(cachep->objsize, 4));
}

/* With red zones the object starts one alignment unit into its buffer,
 * so it stays aligned and the first guard word sits just before it. */
static size_t obj_offset(const struct kmem_cache *cachep)
{
	return cachep->flags & SLAB_RED_ZONE ? cachep->align : 0;
}

static void *index_to_obj(struct kmem_cache *cachep, struct slab *slabp, unsigned int i)
{
	return (u8 *)slabp->s_mem + i * cachep->buffer_size + obj_offset(cachep);
}

static unsigned int obj_to_index(struct kmem_cache *cachep, struct slab *slabp,
				 const void *objp)
{
	return (unsigned int)(((const u8 *)objp - (const u8 *)index_to_obj(cachep, slabp, 0)) /
			      cachep->buffer_size);
}

static void poison_obj(struct kmem_cache *cachep, void *objp)
{
	memset(objp, POISON_FREE, cachep->objsize - 1);
	((u8 *)objp)[cachep->objsize - 1] = POISON_END;
}

static void check_poison(struct kmem_cache *cachep, void *objp)
{
	const u8 *p = objp;

	for (size_t i = 0; i + 1 < cachep->objsize; i++)
		if (p[i] != POISON_FREE) {
			slab_report(cachep, objp, "object modified after it was freed");
			return;
		}
	if (p[cachep->objsize - 1] != POISON_END)
		slab_report(cachep, objp, "object modified after it was freed");
}

static void debug_on_alloc(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_POISON)
		check_poison(cachep, objp);
	if (cachep->flags & SLAB_RED_ZONE) {
		if (*red_zone1(cachep, objp) != RED_INACTIVE ||
		    *red_zone2(cachep, objp) != RED_INACTIVE)
			slab_report(cachep, objp, "red zone overwritten while free");
		*red_zone1(cachep, objp) = RED_ACTIVE;
		*red_zone2(cachep, objp) = RED_ACTIVE;
	}
}

/* Returns false when the free must not go ahead (a double free). */
static bool debug_on_free(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		u32 *r1 = red_zone1(cachep, objp), *r2 = red_zone2(cachep, objp);

		if (*r1 == RED_INACTIVE && *r2 == RED_INACTIVE) {
			slab_report(cachep, objp, "double free");
			return false;
		}
		if (*r1 != RED_ACTIVE || *r2 != RED_ACTIVE)
			slab_report(cachep, objp, "red zone overwritten (buffer overrun)");
		*r1 = RED_INACTIVE;
		*r2 = RED_INACTIVE;
	}
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
	return true;
}

/* --- sizing a cache --- */

/* How many objects fit in a slab of 2^order pages, and what is left over. */
static void cache_estimate(unsigned int order, size_t buffer_size, size_t align,
			   bool on_slab, unsigned int *num, size_t *left)
{
	size_t slab_bytes = PAGE_SIZE << order, mgmt = 0;
	unsigned int n = 0;

	for (;;) {
		size_t need = on_slab ? ALIGN(sizeof(struct slab) +
					      (n + 1) * sizeof(kmem_bufctl_t), align) : 0;

		if (need + (n + 1) * buffer_size > slab_bytes)
			break;
		n++;
		mgmt = need;
	}
	*num = n;
	*left = slab_bytes - n * buffer_size - mgmt;
}

/* Smallest order that holds an object and wastes at most 1/8 of the slab
 * (past MAX_GFP_ORDER, any order that holds one: debug words can push the
 * biggest kmalloc object just over 128 KiB). */
static void choose_order(struct kmem_cache *cachep, bool on_slab, size_t *left)
{
	for (cachep->gfporder = 0; cachep->gfporder < MAX_ORDER - 1; cachep->gfporder++) {
		cache_estimate(cachep->gfporder, cachep->buffer_size, cachep->align, on_slab,
			       &cachep->num, left);
		if (cachep->num && (cachep->gfporder >= MAX_GFP_ORDER ||
				    *left * 8 <= (PAGE_SIZE << cachep->gfporder)))
			break;
	}
}

void kmem_cache_setup(struct kmem_cache *cachep, const char *name, size_t size,
		      size_t align, unsigned int flags, void (*ctor)(void *))
{
	bool off_slab;
	size_t left;

	memset(cachep, 0, sizeof(*cachep));
	if (slab_debug)
		flags |= SLAB_DEBUG_FLAGS;
	if (ctor)
		flags &= ~SLAB_POISON;  /* poison would destroy the constructed state */
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, (size_t)CACHE_LINE);
	cachep->align = align = max(align, sizeof(void *));
	cachep->objsize = size;
	cachep->flags = flags;
	cachep->buffer_size = ALIGN(obj_offset(cachep) + ALIGN(size, 4) +
				    (flags & SLAB_RED_ZONE ? 4 : 0), align);
	off_slab = cachep->buffer_size >= PAGE_SIZE / 8 && kmalloc_cache_for(1);
	choose_order(cachep, !off_slab, &left);
	cachep->slab_size = sizeof(struct slab) + cachep->num * sizeof(kmem_bufctl_t);
	if (off_slab)
		cachep->slabp_cache = kmalloc_cache_for(cachep->slab_size);
	else
		cachep->slab_size = ALIGN(cachep->slab_size, align);
	cachep->colour_off = max(align, (size_t)CACHE_LINE);
	cachep->colour = (unsigned int)(left / cachep->colour_off);
	cachep->flags = flags;
	cachep->gfpflags = flags & SLAB_CACHE_DMA ? GFP_DMA : 0;
	cachep->ctor = ctor;
	cachep->name = name;
	spin_lock_init(&cachep->lock);
	INIT_LIST_HEAD(&cachep->slabs_full);
	INIT_LIST_HEAD(&cachep->slabs_partial);
	INIT_LIST_HEAD(&cachep->slabs_free);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		/* Small objects get deep arrays, huge ones shallow. */
		unsigned int limit = cachep->buffer_size > 4096 ? 8 : AC_LIMIT_MAX;

		cachep->array[cpu].limit = limit;
		cachep->array[cpu].batchcount = (limit + 1) / 2;
	}
}

/* --- slabs --- */

static void *kmem_getpages(struct kmem_cache *cachep, gfp_t flags)
{
	/* Slab memory must have a kernel address: never high memory. */
	struct page *page = alloc_pages((flags & ~__GFP_HIGHMEM) | cachep->gfpflags,
					cachep->gfporder);

	return page ? page_address(page) : NULL;
}

static void init_slab_objects(struct kmem_cache *cachep, struct slab *slabp)
{
	for (unsigned int i = 0; i < cachep->num; i++) {
		void *objp = index_to_obj(cachep, slabp, i);

		if (cachep->flags & SLAB_RED_ZONE) {
			*red_zone1(cachep, objp) = RED_INACTIVE;
			*red_zone2(cachep, objp) = RED_INACTIVE;
		}
		if (cachep->ctor)
			cachep->ctor(objp);
		if (cachep->flags & SLAB_POISON)
			poison_obj(cachep, objp);
		slab_bufctl(slabp)[i] = i + 1;
	}
	slab_bufctl(slabp)[cachep->num - 1] = BUFCTL_END;
	slabp->free = 0;
	slabp->inuse = 0;
}

/* Add one slab to the cache's free list; false when no memory. */
static bool cache_grow(struct kmem_cache *cachep, gfp_t flags)
{
	unsigned long lflags, offset;
	struct slab *slabp;
	u8 *addr;

	spin_lock_irqsave(&cachep->lock, lflags);
	/* LAB slab BEGIN: the new slab's colour: an offset of colour_next
	 * steps of colour_off bytes; colour_next then moves on, back to 0
	 * after colour, so consecutive slabs start their objects at
	 * different cache lines. */
	offset = cachep->colour_next * cachep->colour_off;
	if (++cachep->colour_next > cachep->colour)
		cachep->colour_next = 0;
	/* LAB slab STUB: offset = 0; */
	/* LAB slab END */
	spin_unlock_irqrestore(&cachep->lock, lflags);

	addr = kmem_getpages(cachep, flags);
	if (!addr)
		return false;
	if (cachep->slabp_cache) {
		slabp = kmem_cache_alloc(cachep->slabp_cache, flags & ~__GFP_HIGHMEM);
		if (!slabp) {
			free_pages((unsigned long)addr, cachep->gfporder);
			return false;
		}
		slabp->s_mem = addr + offset;
	} else {
		slabp = (struct slab *)(addr + offset);
		slabp->s_mem = addr + offset + cachep->slab_size;
	}
	slabp->colouroff = offset;
	for (unsigned int i = 0; i < (1u << cachep->gfporder); i++) {
		struct page *page = virt_to_page(addr + i * PAGE_SIZE);

		SetPageSlab(page);
		page->lru.next = (struct list_head *)cachep;
		page->lru.prev = (struct list_head *)slabp;
	}
	init_slab_objects(cachep, slabp);

	spin_lock_irqsave(&cachep->lock, lflags);
	list_add_tail(&slabp->list, &cachep->slabs_free);
	cachep->num_slabs++;
	cachep->grown++;
	spin_unlock_irqrestore(&cachep->lock, lflags);
	return true;
}

/* Return a slab's pages (and off-slab descriptor).  Not on any list. */
static void slab_destroy(struct kmem_cache *cachep, struct slab *slabp)
{
	u8 *addr = (u8 *)slabp->s_mem - slabp->colouroff -
		   (cachep->slabp_cache ? 0 : cachep->slab_size);

	for (unsigned int i = 0; i < (1u << cachep->gfporder); i++) {
		struct page *page = virt_to_page(addr + i * PAGE_SIZE);

		ClearPageSlab(page);
		INIT_LIST_HEAD(&page->lru);
	}
	free_pages((unsigned long)addr, cachep->gfporder);
	if (cachep->slabp_cache)
		kmem_cache_free(cachep->slabp_cache, slabp);
}

/* Move objects from slabs into this CPU's array.  cachep->lock held. */
static void refill_from_slabs(struct kmem_cache *cachep, struct array_cache *ac)
{
	lockdep_assert_held(&cachep->lock);
	while (ac->avail < ac->batchcount) {
		struct list_head *list = !list_empty(&cachep->slabs_partial)
						 ? &cachep->slabs_partial : &cachep->slabs_free;
		if (list_empty(list))
			return;
		struct slab *slabp = list_first_entry(list, struct slab, list);

		while (slabp->free != BUFCTL_END && ac->avail < ac->batchcount) {
			ac->entry[ac->avail++] = index_to_obj(cachep, slabp, slabp->free);
			slabp->free = slab_bufctl(slabp)[slabp->free];
			slabp->inuse++;
			cachep->num_active++;
		}
		list_move(&slabp->list, slabp->free == BUFCTL_END ? &cachep->slabs_full
								  : &cachep->slabs_partial);
	}
}

/* Give n objects back to their slabs.  cachep->lock held. */
static void free_block(struct kmem_cache *cachep, void **objpp, unsigned int n)
{
	lockdep_assert_held(&cachep->lock);
	for (unsigned int i = 0; i < n; i++) {
		struct slab *slabp = page_get_slab(virt_to_page(objpp[i]));
		unsigned int idx = obj_to_index(cachep, slabp, objpp[i]);

		slab_bufctl(slabp)[idx] = slabp->free;
		slabp->free = idx;
		slabp->inuse--;
		cachep->num_active--;
		list_move(&slabp->list, slabp->inuse ? &cachep->slabs_partial
						     : &cachep->slabs_free);
	}
}

/* --- the object interface --- */

/* An object from this CPU's array, refilled from the slabs if empty;
 * NULL if the slabs are empty too.  Interrupts off. */
static void *cache_alloc_local(struct kmem_cache *cachep)
{
	struct array_cache *ac = &cachep->array[smp_processor_id()];

	if (ac->avail) {
		ac->allochit++;
		return ac->entry[--ac->avail];
	}
	ac->allocmiss++;
	spin_lock(&cachep->lock);
	refill_from_slabs(cachep, ac);
	spin_unlock(&cachep->lock);
	return ac->avail ? ac->entry[--ac->avail] : NULL;
}

/* Growing happens with interrupts as the caller had them: a GFP_KERNEL
 * allocation may sleep in the page allocator (reclaim), and may wake up
 * on another CPU, so the array is looked up afresh each time round. */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *objp;

	if (should_failslab(cachep, flags))
		return NULL;
	for (;;) {
		unsigned long iflags = local_irq_save();

		objp = cache_alloc_local(cachep);
		local_irq_restore(iflags);
		if (objp || !cache_grow(cachep, flags))
			break;
	}
	if (objp)
		debug_on_alloc(cachep, objp);
	return objp;
}

bool obj_in_cache(struct kmem_cache *cachep, const void *objp)
{
	struct page *page;
	struct slab *slabp;

	if (!virt_addr_valid(objp))
		return false;
	page = virt_to_page(objp);
	if (!PageSlab(page) || page_get_cache(page) != cachep)
		return false;
	slabp = page_get_slab(page);
	return (const u8 *)objp >= (const u8 *)index_to_obj(cachep, slabp, 0) &&
	       ((const u8 *)objp - (const u8 *)index_to_obj(cachep, slabp, 0)) %
			       cachep->buffer_size == 0;
}

void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	unsigned long iflags;
	struct array_cache *ac;

	if (!obj_in_cache(cachep, objp)) {
		slab_report(cachep, objp, "freeing an address that is not an object of this cache");
		return;
	}
	if (!debug_on_free(cachep, objp))
		return;
	iflags = local_irq_save();
	ac = &cachep->array[get_cpu()];
	if (ac->avail < ac->limit) {
		ac->freehit++;
	} else {
		/* Full: the oldest batch goes back to the slabs. */
		ac->freemiss++;
		spin_lock(&cachep->lock);
		free_block(cachep, ac->entry, ac->batchcount);
		spin_unlock(&cachep->lock);
		ac->avail -= ac->batchcount;
		memmove(ac->entry, ac->entry + ac->batchcount, ac->avail * sizeof(void *));
	}
	ac->entry[ac->avail++] = objp;
	put_cpu();
	local_irq_restore(iflags);
}

/* One CPU empties its own array (only it touches it, interrupts off). */
static void drain_cpu_array(void *arg)
{
	struct kmem_cache *cachep = arg;
	struct array_cache *ac = &cachep->array[smp_processor_id()];

	spin_lock(&cachep->lock);
	free_block(cachep, ac->entry, ac->avail);
	ac->avail = 0;
	spin_unlock(&cachep->lock);
}

/* Empty every CPU's array into the slabs: each CPU its own, by IPI. */
static void drain_array_caches(struct kmem_cache *cachep)
{
	on_each_cpu(drain_cpu_array, cachep, true);
}

int kmem_cache_shrink(struct kmem_cache *cachep)
{
	unsigned long iflags;
	int pages = 0;

	drain_array_caches(cachep);
	/* LAB slab BEGIN: give back every slab with no object in use - the
	 * ones on cachep->slabs_free - and return how many pages that freed
	 * (2^gfporder a slab).  Take each off its list under cachep->lock
	 * (spin_lock_irqsave: the lock is taken from interrupts too),
	 * counting it out of num_slabs and into reaped; drop the lock around
	 * slab_destroy, which frees pages and maybe an off-slab descriptor. */
	spin_lock_irqsave(&cachep->lock, iflags);
	while (!list_empty(&cachep->slabs_free)) {
		struct slab *slabp = list_first_entry(&cachep->slabs_free, struct slab, list);

		list_del(&slabp->list);
		cachep->num_slabs--;
		cachep->reaped++;
		spin_unlock_irqrestore(&cachep->lock, iflags);
		slab_destroy(cachep, slabp);
		pages += 1 << cachep->gfporder;
		spin_lock_irqsave(&cachep->lock, iflags);
	}
	spin_unlock_irqrestore(&cachep->lock, iflags);
	/* LAB slab STUB: (void)iflags, (void)slab_destroy; */
	/* LAB slab END */
	return pages;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *cachep;

	if (!name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1))) {
		printk(KERN_ERR "kmem_cache_create(%s): bad size %zu or align %zu\n",
		       name ? name : "(null)", size, align);
		return NULL;
	}
	cachep = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (!cachep)
		return NULL;
	kmem_cache_setup(cachep, name, size, align, flags, ctor);
	mutex_lock(&cache_chain_mutex);
	list_add_tail(&cachep->next, &cache_chain);
	mutex_unlock(&cache_chain_mutex);
	return cachep;
}

int kmem_cache_destroy(struct kmem_cache *cachep)
{

	kmem_cache_shrink(cachep);
	if (!list_empty(&cachep->slabs_full) || !list_empty(&cachep->slabs_partial)) {
		printk(KERN_ERR "kmem_cache_destroy: cache %s still has %lu objects in use\n",
		       cachep->name, cachep->num_active);
		dump_stack();
		return -1;
	}
	mutex_lock(&cache_chain_mutex);
	list_del(&cachep->next);
	mutex_unlock(&cache_chain_mutex);
	kmem_cache_free(&cache_cache, cachep);
	return 0;
}

/* Each CPU's counts are its own; a sum read while CPUs count is a
 * moment's picture, exact once they stop. */
void kmem_cache_stats(const struct kmem_cache *cachep, struct kmem_cache_stats *st)
{
	memset(st, 0, sizeof(*st));
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct array_cache *ac = &cachep->array[cpu];

		st->allochit += ac->allochit;
		st->allocmiss += ac->allocmiss;
		st->freehit += ac->freehit;
		st->freemiss += ac->freemiss;
		st->parked += *(const volatile unsigned int *)&ac->avail;
	}
}

const char *kmem_cache_name(const struct kmem_cache *cachep)
{
	return cachep->name;
}

size_t kmem_cache_size(const struct kmem_cache *cachep)
{
	return cachep->objsize;
}

void kmem_cache_init(void)
{
	kmem_cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
			 SLAB_HWCACHE_ALIGN, NULL);
	list_add(&cache_cache.next, &cache_chain);
	kmalloc_init();
}
