#include "mm/slab.h"
int kmem_cache_reap(gfp_t gfp) { (void)gfp; return 0; }
unsigned long slab_pages_total(void) { return 0; }
void kmem_cache_init(void) { }
