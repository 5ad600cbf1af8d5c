# tools/gdb/tx_zones.py - zones: the buddy allocator, watermarks, per-CPU
# page lists and the LRU lists.
#
#   tx-buddy [ZONE ORDER]   free blocks per zone and order (/proc/buddyinfo);
#                           with ZONE ORDER, the pfns on that free list
#   tx-zones                watermarks, free, present and spanned pages
#   tx-pcp [CPU]            each CPU's per-CPU page lists and their pages
#   tx-lru [ZONE [N]]       the active and inactive lists: counts, first N pages
#
# Data read: contig_page_data.node_zones[] (struct zone, mm/mmzone.h):
# free_area[order] (free_list, nr_free), pcp[cpu] (count, high, batch,
# list), active_list/inactive_list with nr_active/nr_inactive, and the
# struct pages on those lists.  Only reads.
from tx_core import (Command, UsageError, cpu_arg, list_entries,
                     list_length, number, online_cpus, page_line, page_to_pfn, zone_arg, zones,
                     want_args)


def lru_pages(head):
    return list_entries(head, "struct page", "lru")


class TxBuddy(Command):
    """tx-buddy [ZONE ORDER]: the buddy allocator's free blocks per zone and
    order, the numbers /proc/buddyinfo prints (free_area[order].nr_free);
    with ZONE (DMA, Normal, HighMem or its index) and ORDER, the first pfn
    of each block on that free list, walked and counted.
    Handbook: physical-memory.md (the buddy allocator)."""

    usage = "tx-buddy [ZONE ORDER]"

    def __init__(self):
        super().__init__("tx-buddy")

    def run(self, argv):
        if len(argv) == 2:
            self.one_list(zone_arg(argv[0]), number(argv[1]))
            return
        want_args(argv, 0, 0)
        for _, zone in zones():
            area = zone["free_area"]
            orders = area.type.range()[1] + 1
            counts = " ".join(f"{int(area[o]['nr_free']):6d}" for o in range(orders))
            print(f"Node 0, zone {zone['name'].string():>8} {counts}")

    def one_list(self, zone, order):
        area = zone["free_area"]
        if not 0 <= order <= area.type.range()[1]:
            raise UsageError(f"order {order} out of range")
        pfns = [page_to_pfn(p) for p in lru_pages(area[order]["free_list"])]
        print(f"zone {zone['name'].string()} order {order}: nr_free "
              f"{int(area[order]['nr_free'])}, {len(pfns)} on the list")
        for i in range(0, len(pfns), 8):
            print("  " + " ".join(f"{pfn:#7x}" for pfn in pfns[i:i + 8]))


class TxZones(Command):
    """tx-zones: each zone with memory - its pfn range, spanned and present
    pages, free pages, the watermarks min/low/high, lowmem_reserve and the
    LRU counts, the fields /proc/zoneinfo shows.
    Handbook: physical-memory.md (zones and watermarks)."""

    usage = "tx-zones"

    def __init__(self):
        super().__init__("tx-zones")

    def run(self, argv):
        want_args(argv, 0, 0)
        for _, z in zones():
            start = int(z["zone_start_pfn"])
            reserve = ", ".join(str(int(z["lowmem_reserve"][i]))
                                for i in range(z["lowmem_reserve"].type.range()[1] + 1))
            print(f"zone {z['name'].string()}: pfn {start:#x}-{start + int(z['spanned_pages']):#x}")
            print(f"  spanned {int(z['spanned_pages'])} present {int(z['present_pages'])} "
                  f"free {int(z['free_pages'])}")
            print(f"  min {int(z['pages_min'])} low {int(z['pages_low'])} "
                  f"high {int(z['pages_high'])} protection ({reserve})")
            print(f"  nr_active {int(z['nr_active'])} nr_inactive {int(z['nr_inactive'])} "
                  f"all_unreclaimable {int(z['all_unreclaimable'])}")


class TxPcp(Command):
    """tx-pcp [CPU]: each CPU's per-CPU page lists, zone by zone - count,
    high, batch (as /proc/zoneinfo's pagesets) and the pfns of the pages on
    the list, walked and counted.  Handbook: physical-memory.md (per-CPU
    lists), smp-and-scheduling.md (why they need get_cpu())."""

    usage = "tx-pcp [CPU]"

    def __init__(self):
        super().__init__("tx-pcp")

    def run(self, argv):
        want_args(argv, 0, 1)
        cpus = [cpu_arg(argv[0])] if argv else online_cpus()
        for cpu in cpus:
            for _, zone in zones():
                pcp = zone["pcp"][cpu]
                pfns = [page_to_pfn(p) for p in lru_pages(pcp["list"])]
                print(f"cpu {cpu} zone {zone['name'].string()}: count {int(pcp['count'])} "
                      f"high {int(pcp['high'])} batch {int(pcp['batch'])}, "
                      f"{len(pfns)} on the list")
                for i in range(0, len(pfns), 8):
                    print("  " + " ".join(f"{pfn:#7x}" for pfn in pfns[i:i + 8]))


class TxLru(Command):
    """tx-lru [ZONE [N]]: each zone's LRU lists - nr_active and nr_inactive,
    and the first N pages (default 5) of each list, most recently added
    first, with their flags.  Given a ZONE, both lists are also walked to
    the end and counted (slow on a big zone).  Handbook: reclaim.md."""

    usage = "tx-lru [ZONE [N]]"

    def __init__(self):
        super().__init__("tx-lru")

    def run(self, argv):
        want_args(argv, 0, 2)
        chosen = [zone_arg(argv[0])] if argv else [z for _, z in zones()]
        first = number(argv[1]) if len(argv) == 2 else 5
        for zone in chosen:
            print(f"zone {zone['name'].string()}:")
            for name in ("active", "inactive"):
                head = zone[f"{name}_list"]
                walked = f", {list_length(head)} on the list" if argv else ""
                print(f"  {name}: nr_{name} {int(zone[f'nr_{name}'])}{walked}")
                for i, page in zip(range(first), lru_pages(head)):
                    print(f"    {page_line(page)}")


for cls in (TxBuddy, TxZones, TxPcp, TxLru):
    cls()
