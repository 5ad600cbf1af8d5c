/*
 * mm/test_slab.c - ktests of the slab allocator and kmalloc: alignment,
 * no overlap, constructors once per object lifetime, shrink giving pages
 * back (exactly the empty slabs', for a random pattern), destroy refusing a busy cache, colouring, off-slab descriptors,
 * every kmalloc size, DMA twins, per-CPU array behaviour, the debug
 * reports (use after free, overrun, double free), and a seeded random
 * stress.  Locking: run alone on the boot CPU.
 */
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/ktest_mm.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/slab_def.h"
#include "mm/vmalloc.h"

KTEST(slab, alignment_and_no_overlap)
{
	struct kmem_cache *c = kmem_cache_create("test-align", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *c2 = kmem_cache_create("test-align128", 40, 128, 0, NULL);
	u8 *objs[100];

	KEXPECT(c && c2);
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(i % 2 ? c : c2, GFP_KERNEL);
		KEXPECT(((unsigned long)objs[i] & (i % 2 ? 63 : 127)) == 0);
		memset(objs[i], i, 40);
	}
	for (int i = 0; i < 100; i++)
		for (int b = 0; b < 40; b++)
			if (objs[i][b] != (u8)i) {
				ktest_fail(__FILE__, __LINE__, "object %d overwritten", i);
				b = 40;
				i = 100;
			}
	for (int i = 0; i < 100; i++)
		kmem_cache_free(i % 2 ? c : c2, objs[i]);
	KEXPECT_EQ(kmem_cache_destroy(c), 0);
	KEXPECT_EQ(kmem_cache_destroy(c2), 0);
}

static int ctor_calls;

static void count_ctor(void *objp)
{
	ctor_calls++;
	*(u32 *)objp = 0xc0ffee;
}

KTEST(slab, constructor_once_per_object_lifetime)
{
	struct kmem_cache *c = kmem_cache_create("test-ctor", 64, 0, 0, count_ctor);
	void *a, *b;

	ctor_calls = 0;
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KEXPECT_EQ(ctor_calls, (int)c->num);            /* the whole slab at once */
	KEXPECT_EQ(*(u32 *)a, 0xc0ffee);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);            /* reuse: no second ctor */
	KEXPECT(b == a);
	KEXPECT_EQ(ctor_calls, (int)c->num);
	kmem_cache_free(c, b);
	KEXPECT_EQ(kmem_cache_destroy(c), 0);
}

KTEST(slab, shrink_returns_pages)
{
	struct kmem_cache *c = kmem_cache_create("test-shrink", 200, 0, 0, NULL);
	void *objs[300];
	unsigned long before;

	drain_all_pages();
	before = nr_free_pages();
	for (int i = 0; i < 300; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	KEXPECT(c->num_slabs >= 300 / c->num);
	for (int i = 0; i < 300; i++)
		kmem_cache_free(c, objs[i]);
	KEXPECT(kmem_cache_shrink(c) >= (int)(300 / c->num));
	KEXPECT_EQ(c->num_slabs, 0);
	drain_all_pages();
	KEXPECT_EQ(nr_free_pages(), before);
	KEXPECT_EQ(kmem_cache_destroy(c), 0);
}

#define SHRINK_OBJS 400

static void *shrink_objs[SHRINK_OBJS];

static struct slab *slab_of(const void *obj)
{
	return page_get_slab(virt_to_page(obj));
}

/* Each slab's fate, the same for all its objects: 0 every object freed,
 * 1 every other one, 2 none. */
static unsigned int fate(const void *obj, u32 seed)
{
	return (((u32)(unsigned long)slab_of(obj) >> 4) * 2654435761u ^ seed) % 3;
}

static bool filled_with(const u8 *p, u8 byte, size_t n)
{
	while (n--)
		if (*p++ != byte)
			return false;
	return true;
}

/* How many slabs hold the objects still in shrink_objs. */
static unsigned long slabs_in_use(void)
{
	unsigned long n = 0;

	for (int i = 0; i < SHRINK_OBJS; i++) {
		bool first = shrink_objs[i] != NULL;

		for (int j = 0; first && j < i; j++)
			first = !shrink_objs[j] || slab_of(shrink_objs[j]) != slab_of(shrink_objs[i]);
		n += first;
	}
	return n;
}

/* Objects of a random size freed slab by slab in a random pattern:
 * shrink gives back exactly the slabs left with no object in use, 2^order
 * pages each, and keeps the others with their objects intact; once every
 * object is freed a second shrink gives back the rest, and the free pages
 * are as before the cache grew. */
KTEST(slab, shrink_frees_exactly_the_empty_slabs)
{
	u32 seed = ktest_random_seed(), rng = seed;
	struct kmem_cache *c = kmem_cache_create("test-shrink-exact", 32 + prandom_below(&rng, 2048),
						 0, 0, NULL);
	unsigned long before, slabs, kept;

	before = settled_free_pages();  /* off-slab descriptors' cache reaped too */
	for (int i = 0; i < SHRINK_OBJS; i++) {
		shrink_objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		memset(shrink_objs[i], i & 0xff, 32);
	}
	for (int i = 0; i < SHRINK_OBJS; i++) {
		unsigned int f = fate(shrink_objs[i], seed);

		if (f == 0 || (f == 1 && i % 2)) {
			kmem_cache_free(c, shrink_objs[i]);
			shrink_objs[i] = NULL;
		}
	}
	slabs = c->num_slabs;
	kept = slabs_in_use();
	KEXPECT_EQ(kmem_cache_shrink(c), (int)((slabs - kept) << c->gfporder));
	KEXPECT_EQ(c->num_slabs, kept);
	for (int i = 0; i < SHRINK_OBJS; i++)
		if (shrink_objs[i] && !filled_with(shrink_objs[i], i & 0xff, 32))
			ktest_fail(__FILE__, __LINE__, "object %d lost its bytes in the shrink", i);
	for (int i = 0; i < SHRINK_OBJS; i++)
		if (shrink_objs[i])
			kmem_cache_free(c, shrink_objs[i]);
	KEXPECT_EQ(kmem_cache_shrink(c), (int)(kept << c->gfporder));
	KEXPECT_EQ(c->num_slabs, 0);
	KEXPECT_EQ(settled_free_pages(), before);
	KEXPECT_EQ(kmem_cache_destroy(c), 0);
}

KTEST(slab, destroy_refuses_busy_cache)
{
	struct kmem_cache *c = kmem_cache_create("test-busy", 32, 0, 0, NULL);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	size_t mark = log_buf_len();

	KEXPECT_EQ(kmem_cache_destroy(c), -1);
	KEXPECT(log_buf_contains("cache test-busy still has 1 objects in use", mark));
	kmem_cache_free(c, obj);
	KEXPECT_EQ(kmem_cache_destroy(c), 0);
}

KTEST(slab, colouring_varies_offsets)
{
	struct kmem_cache *c = kmem_cache_create("test-colour", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	unsigned long offsets = 0;
	void *objs[64];

	KEXPECT(c->colour > 0);
	for (int i = 0; i < 64; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		offsets |= 1UL << (page_get_slab(virt_to_page(objs[i]))->colouroff / c->colour_off);
	}
	KEXPECT(offsets != 1 && offsets != 0);          /* more than one colour used */
	for (int i = 0; i < 64; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

static void tally_colours(struct slab *slabp, struct kmem_cache *c, unsigned int *count,
			  unsigned int *bad)
{
	if (slabp->colouroff % c->colour_off || slabp->colouroff / c->colour_off > c->colour)
		(*bad)++;
	else
		count[slabp->colouroff / c->colour_off]++;
}

/* Colours are handed out in turn, 0 to colour and round again: over the
 * slabs of a fresh cache every colour is used as often as every other
 * (give or take one), and no offset is anything but a colour. */
KTEST(slab, colours_taken_in_turn)
{
	struct kmem_cache *c = kmem_cache_create("test-colour-turns", 600, 0, SLAB_HWCACHE_ALIGN,
						 NULL);
	unsigned int count[64] = { 0 }, bad = 0, slabs = 0, want;
	void *objs[512];
	int n = 0;
	struct slab *slabp;
	unsigned long flags;

	KEXPECT(c && c->colour > 0 && c->colour < 64);
	if (!c || !c->colour || c->colour >= 64)
		return;
	want = 3 * (c->colour + 1);
	while (n < 512 && c->num_slabs < want)
		objs[n++] = kmem_cache_alloc(c, GFP_KERNEL);
	spin_lock_irqsave(&c->lock, flags);
	list_for_each_entry(slabp, &c->slabs_full, list)
		tally_colours(slabp, c, count, &bad);
	list_for_each_entry(slabp, &c->slabs_partial, list)
		tally_colours(slabp, c, count, &bad);
	list_for_each_entry(slabp, &c->slabs_free, list)
		tally_colours(slabp, c, count, &bad);
	slabs = (unsigned int)c->num_slabs;
	spin_unlock_irqrestore(&c->lock, flags);
	KEXPECT_EQ(bad, 0);
	for (unsigned int i = 0; i <= c->colour; i++)
		if (count[i] < slabs / (c->colour + 1) || count[i] > slabs / (c->colour + 1) + 1)
			ktest_fail(__FILE__, __LINE__, "colour %u used by %u of %u slabs", i, count[i],
				   slabs);
	while (n)
		kmem_cache_free(c, objs[--n]);
	kmem_cache_destroy(c);
}

KTEST(slab, big_objects_use_off_slab_descriptors)
{
	struct kmem_cache *c = kmem_cache_create("test-big", 2000, 0, 0, NULL);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	struct slab *slabp = page_get_slab(virt_to_page(obj));

	KEXPECT(c->slabp_cache != NULL);
	KEXPECT(page_get_cache(virt_to_page(slabp)) == c->slabp_cache);
	KEXPECT_EQ((unsigned long)slabp->s_mem & ~PAGE_MASK, slabp->colouroff);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

KTEST(kmalloc, every_size_class_and_between)
{
	static const size_t sizes[] = { 1, 32, 33, 100, 1000, 4095, 4096, 4097, 8191,
					20000, 65536, 100000, 131072 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);

		KEXPECT(p != NULL);
		if (!p)
			continue;
		KEXPECT(ksize(p) >= sizes[i]);
		KEXPECT(ksize(p) < 2 * sizes[i] || sizes[i] < 32);
		memset(p, 0x5a, sizes[i]);
		kfree(p);
	}
	KEXPECT(kmalloc(131073, GFP_KERNEL) == NULL);
	kfree(NULL);
}

KTEST(kmalloc, kzalloc_zeroes_and_dma_twin)
{
	u8 *p = kmalloc(300, GFP_KERNEL);
	u8 *z, *d;

	memset(p, 0xff, 300);
	kfree(p);
	z = kzalloc(300, GFP_KERNEL);
	for (int i = 0; i < 300; i++)
		if (z[i]) {
			ktest_fail(__FILE__, __LINE__, "kzalloc byte %d is %d", i, z[i]);
			break;
		}
	kfree(z);
	d = kmalloc(300, GFP_DMA);
	KEXPECT(d && page_zonenum(virt_to_page(d)) == ZONE_DMA);
	KEXPECT_STREQ(page_get_cache(virt_to_page(d))->name, "size-512(DMA)");
	kfree(d);
}

KTEST(kmalloc, array_cache_hits_and_flushes)
{
	struct kmem_cache *c = kmalloc_cache_for(64);
	struct array_cache *ac = &c->array[smp_processor_id()];
	unsigned long hits, misses;
	void *objs[AC_LIMIT_MAX * 2];

	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	hits = ac->allochit;
	KEXPECT(kmalloc(64, GFP_KERNEL) == p);          /* LIFO: the hot object */
	KEXPECT_EQ(ac->allochit, hits + 1);
	kfree(p);
	for (unsigned int i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmalloc(64, GFP_KERNEL);
	misses = ac->freemiss;
	for (unsigned int i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
	KEXPECT(ac->freemiss > misses);                  /* the array overflowed */
	KEXPECT(ac->avail <= ac->limit);
}

struct stats_run {
	struct kmem_cache *c;
	int frees;
};

/* On every CPU at once (by IPI): allocate and free, as fast as it goes. */
static void alloc_free_many(void *arg)
{
	struct stats_run *run = arg;

	for (int i = 0; i < 2000; i++) {
		void *p = kmem_cache_alloc(run->c, GFP_ATOMIC);

		if (p) {
			kmem_cache_free(run->c, p);
			__atomic_add_fetch(&run->frees, 1, __ATOMIC_RELAXED);
		}
	}
}

/* The hit/miss counts are each CPU's own (mm/slab.c's lock comment), so
 * with every CPU counting at once none may be lost: one free count per
 * free, and one alloc count per allocation plus one per slab grown (the
 * allocation that grows a slab looks in its array again). */
KTEST(slab, statistics_exact_with_all_cpus_counting)
{
	struct stats_run run = { kmem_cache_create("ktest_stats", 48, 0, 0, NULL), 0 };
	struct kmem_cache_stats st;

	KEXPECT(run.c != NULL);
	if (!run.c)
		return;
	on_each_cpu(alloc_free_many, &run, true);
	kmem_cache_stats(run.c, &st);
	KEXPECT_EQ(run.frees, 2000 * num_online_cpus());
	KEXPECT_EQ(st.freehit + st.freemiss, (unsigned long)run.frees);
	KEXPECT_EQ(st.allochit + st.allocmiss, (unsigned long)run.frees + run.c->grown);
	KEXPECT_EQ(kmem_cache_destroy(run.c), 0);
}

KTEST(kmalloc, kfree_of_foreign_address_is_reported)
{
	unsigned long reports = slab_corruption_reports;
	unsigned long page = __get_free_page(GFP_KERNEL);
	static int not_heap;

	kfree((void *)page);
	kfree(&not_heap);
	KEXPECT_EQ(slab_corruption_reports, reports + 2);
	free_page(page);
}

KTEST(slab, debug_catches_use_after_free_overrun_double_free)
{
	struct kmem_cache *c = kmem_cache_create("test-debug", 48, 0,
						 SLAB_POISON | SLAB_RED_ZONE, NULL);
	unsigned long reports = slab_corruption_reports;
	size_t mark = log_buf_len();
	u8 *p = kmem_cache_alloc(c, GFP_KERNEL);

	p[48] = 1;                                      /* overrun into the red zone */
	kmem_cache_free(c, p);
	KEXPECT_EQ(slab_corruption_reports, reports + 1);
	KEXPECT(log_buf_contains("slab error in cache test-debug: red zone overwritten", mark));
	kmem_cache_free(c, p);                          /* double free */
	KEXPECT_EQ(slab_corruption_reports, reports + 2);
	KEXPECT(log_buf_contains("double free", mark));
	p[3] = 0;                                       /* write after free */
	KEXPECT(kmem_cache_alloc(c, GFP_KERNEL) == p);
	KEXPECT_EQ(slab_corruption_reports, reports + 3);
	KEXPECT(log_buf_contains("object modified after it was freed", mark));
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
}

#define STRESS_OPS 5000
#define STRESS_LIVE 256

KTEST(kmalloc, random_stress)
{
	struct { u8 *p; size_t size; u8 tag; } *live = vmalloc(STRESS_LIVE * sizeof(*live));
	u32 rng = ktest_random_seed();
	unsigned long slab_before;
	int nlive = 0, bad = 0;

	KEXPECT(live != NULL);
	if (!live)
		return;
	kmem_cache_reap(GFP_KERNEL);
	slab_before = slab_pages_total();
	for (int op = 0; op < STRESS_OPS; op++) {
		if (nlive < STRESS_LIVE && (nlive == 0 || prandom_below(&rng, 2))) {
			size_t size = 1 + prandom_below(&rng, prandom_below(&rng, 8) ? 512 : 20000);
			u8 tag = (u8)prandom_next(&rng);
			u8 *p = kmalloc(size, GFP_KERNEL);

			if (!p)
				continue;
			memset(p, tag, size);
			live[nlive].p = p;
			live[nlive].size = size;
			live[nlive++].tag = tag;
		} else {
			int i = (int)prandom_below(&rng, (u32)nlive);

			for (size_t b = 0; b < live[i].size; b++)
				bad += live[i].p[b] != live[i].tag;
			kfree(live[i].p);
			live[i] = live[--nlive];
		}
	}
	while (nlive--)
		kfree(live[nlive].p);
	vfree(live);
	KEXPECT_EQ(bad, 0);
	kmem_cache_reap(GFP_KERNEL);
	KEXPECT(slab_pages_total() <= slab_before);
}
