#include "mm/slab.h"
#include "mm/mm.h"
int kmem_cache_reap(gfp_t gfp) { (void)gfp; return 0; }
unsigned long slab_pages_total(void) { return 0; }
void kmem_cache_init(void) { }
#include "lib/string.h"
/* TEMPORARY page-per-object stand-ins until the slab allocator lands. */
void *kmalloc(size_t size, gfp_t gfp) { return size <= PAGE_SIZE ? (void *)__get_free_page(gfp) : NULL; }
void *kzalloc(size_t size, gfp_t gfp) { return size <= PAGE_SIZE ? (void *)get_zeroed_page(gfp) : NULL; }
void kfree(const void *p) { free_page((unsigned long)p); }
