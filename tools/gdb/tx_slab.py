# tools/gdb/tx_slab.py - the slab allocator's caches.
#
#   lx-slabinfo      every cache on cache_chain, in /proc/slabinfo's columns
#   tx-slab CACHE    one cache: sizes, colour, its full/partial/free slabs,
#                    objects in use, the per-CPU arrays
#
# Data read: cache_chain and struct kmem_cache (mm/slab_def.h): the three
# slab lists of struct slab (inuse, s_mem, colouroff), array[cpu].avail,
# num_active, num_slabs.  Only reads.
from tx_core import (Command, UsageError, list_entries, list_length, online_cpus, sym,
                     want_args)


def caches():
    return list_entries(sym("cache_chain"), "struct kmem_cache", "next")


def parked(cache):
    """Free objects waiting in the per-CPU arrays (kmem_cache_stats)."""
    array = cache["array"]
    return sum(int(array[cpu]["avail"]) for cpu in range(array.type.range()[1] + 1))


def active_objs(cache):
    """/proc/slabinfo's active_objs: handed out, less those parked in arrays."""
    active = int(cache["num_active"])
    return active - min(parked(cache), active)


class LxSlabinfo(Command):
    """lx-slabinfo: every slab cache (cache_chain) with the columns of
    /proc/slabinfo 2.1 - active and total objects, object size, objects
    per slab, pages per slab, active and total slabs.
    Handbook: slab.md (slabinfo)."""

    usage = "lx-slabinfo"

    def __init__(self):
        super().__init__("lx-slabinfo")

    def run(self, argv):
        want_args(argv, 0, 0)
        print("# name            <active_objs> <num_objs> <objsize> <objperslab> "
              "<pagesperslab> : slabdata <active_slabs> <num_slabs>")
        for c in caches():
            num, slabs = int(c["num"]), int(c["num_slabs"])
            active_slabs = slabs - list_length(c["slabs_free"])
            print(f"{c['name'].string():<17} {active_objs(c):6d} {slabs * num:6d} "
                  f"{int(c['objsize']):6d} {num:4d} {1 << int(c['gfporder']):4d} : "
                  f"slabdata {active_slabs:6d} {slabs:6d}")


def find_cache(name):
    for c in caches():
        if c["name"].string() == name:
            return c
    raise UsageError(f"no cache named {name} (lx-slabinfo lists them)")


class TxSlab(Command):
    """tx-slab CACHE: one slab cache by name - object size and stride,
    objects per slab, pages per slab, colouring (colour steps, colour_off,
    the next colour), its slabs on slabs_full/partial/free with the objects
    in use in each (first slabs listed with their colour offset and first
    object), and the free objects parked in each CPU's array.
    Handbook: slab.md (caches, slabs, colouring, per-CPU arrays)."""

    usage = "tx-slab CACHE   (a name from lx-slabinfo)"
    shown = 4

    def __init__(self):
        super().__init__("tx-slab")

    def run(self, argv):
        want_args(argv, 1, 1)
        c = find_cache(argv[0])
        print(f"cache {argv[0]} at {int(c):#x}: objsize {int(c['objsize'])} "
              f"buffer_size {int(c['buffer_size'])} align {int(c['align'])}, "
              f"{int(c['num'])} per slab of {1 << int(c['gfporder'])} page(s)")
        print(f"colour {int(c['colour'])} x {int(c['colour_off'])} bytes, next "
              f"{int(c['colour_next'])}; slab descriptor {int(c['slab_size'])} bytes "
              f"{'off' if int(c['slabp_cache']) else 'on'} slab")
        inuse = 0
        for kind in ("full", "partial", "free"):
            slabs = list(list_entries(c[f"slabs_{kind}"], "struct slab", "list"))
            used = sum(int(s["inuse"]) for s in slabs)
            inuse += used
            print(f"slabs_{kind}: {len(slabs)} slabs, {used} objects in use")
            for s in slabs[:self.shown]:
                print(f"  slab {int(s):#x} inuse {int(s['inuse'])} "
                      f"colouroff {int(s['colouroff'])} s_mem {int(s['s_mem']):#x}")
        arrays = ", ".join(f"cpu{cpu} {int(c['array'][cpu]['avail'])}" for cpu in online_cpus())
        print(f"objects in use {inuse} (num_active {int(c['num_active'])}), parked in arrays: "
              f"{arrays}; active_objs {active_objs(c)}, num_slabs {int(c['num_slabs'])}")


for cls in (LxSlabinfo, TxSlab):
    cls()
