# tools/gdb/tx_swap.py - swap areas and the swap cache.
#
#   tx-swap         each swap area: pages, inuse, the used slots of swap_map
#   tx-swapcache    the pages in the swap cache, by swap entry
#
# Data read: swap_info[] (struct swap_info_struct, mm/swapfile.h) and each
# area's swap_map[]; swapper_space (mm/swap_state.h), whose radix tree
# (lib/radix-tree.h: 64 slots a node, height levels) maps swp_entry_t.val
# to the struct page.  Only reads.
import struct

import gdb

from tx_core import Command, page_line, sym, want_args
from tx_mem import swap_entry_text

SWP_USED = 0x1
SWP_WRITEOK = 0x2
SWAP_MAP_BAD = 0x8000
RADIX_TREE_MAP_SHIFT = 6


def used_ranges(swap_map):
    """Runs of slots with a count (bad slots left out): [(first, last)]."""
    ranges = []
    for slot, count in enumerate(swap_map):
        if not count or count == SWAP_MAP_BAD:
            continue
        if ranges and ranges[-1][1] == slot - 1:
            ranges[-1][1] = slot
        else:
            ranges.append([slot, slot])
    return ranges


def read_swap_map(area):
    n = int(area["max"])
    raw = gdb.selected_inferior().read_memory(int(area["swap_map"]), 2 * n)
    return struct.unpack(f"<{n}H", bytes(raw))


class TxSwap(Command):
    """tx-swap: every swap area in use (swap_info[], swapon order by type) -
    its name, priority, usable pages and pages in use (as /proc/swaps in
    KiB), the allocator's bounds and cluster, and swap_map summarized:
    slots with users, bad slots, the highest count, the runs of used slots.
    Handbook: swap.md (swap_info_struct and swap_map)."""

    usage = "tx-swap"
    ranges_shown = 12

    def __init__(self):
        super().__init__("tx-swap")

    def run(self, argv):
        want_args(argv, 0, 0)
        print(f"nr_swap_pages {int(sym('nr_swap_pages'))} "
              f"total_swap_pages {int(sym('total_swap_pages'))}")
        info = sym("swap_info")
        for type_ in range(info.type.range()[1] + 1):
            area = info[type_]
            if int(area["flags"]) & SWP_USED:
                self.show(type_, area)

    def show(self, type_, area):
        flags = int(area["flags"])
        name = area["name"].string() if int(area["name"]) else "(no name)"
        print(f"type {type_} {name}: prio {int(area['prio'])} "
              f"{'writeok' if flags & SWP_WRITEOK else 'not writeok'}, "
              f"pages {int(area['pages'])} ({int(area['pages']) * 4} KiB), "
              f"inuse {int(area['inuse_pages'])} ({int(area['inuse_pages']) * 4} KiB), max {int(area['max'])}")
        print(f"  lowest_bit {int(area['lowest_bit'])} highest_bit {int(area['highest_bit'])} "
              f"cluster_next {int(area['cluster_next'])} cluster_nr {int(area['cluster_nr'])}")
        swap_map = read_swap_map(area)
        used = [c for c in swap_map if c and c != SWAP_MAP_BAD]
        bad = sum(c == SWAP_MAP_BAD for c in swap_map)
        print(f"  swap_map: {len(used)} slots used, {bad} bad, highest count "
              f"{max(used, default=0)}")
        ranges = used_ranges(swap_map)
        text = " ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges[:self.ranges_shown])
        more = f" ... ({len(ranges) - self.ranges_shown} more runs)" \
            if len(ranges) > self.ranges_shown else ""
        print(f"  used slots: {text or 'none'}{more}")


def radix_items(node, height, index=0):
    """(index, item) of every non-empty slot below a radix tree node."""
    slots = node["slots"]
    for i in range(slots.type.range()[1] + 1):
        item = slots[i]
        if not int(item):
            continue
        key = index << RADIX_TREE_MAP_SHIFT | i
        if height > 1:
            node_type = gdb.lookup_type("struct radix_tree_node").pointer()
            yield from radix_items(item.cast(node_type).dereference(), height - 1, key)
        else:
            yield key, item


class TxSwapcache(Command):
    """tx-swapcache: the pages in the swap cache - swapper_space's radix tree
    walked, each entry's swap type/offset with its page (pfn, count, flags),
    and the total against swapper_space.nrpages (/proc/meminfo SwapCached).
    Handbook: swapping.md (the swap cache)."""

    usage = "tx-swapcache"

    def __init__(self):
        super().__init__("tx-swapcache")

    def run(self, argv):
        want_args(argv, 0, 0)
        space = sym("swapper_space")
        root = space["page_tree"]
        height = int(root["height"])
        items = list(radix_items(root["rnode"].dereference(), height)) if height else []
        page_ptr = gdb.lookup_type("struct page").pointer()
        for key, item in items:
            print(f"{swap_entry_text(key)}: {page_line(item.cast(page_ptr))}")
        print(f"{len(items)} pages in the swap cache (nrpages {int(space['nrpages'])}, "
              f"SwapCached {int(space['nrpages']) * 4} kB)")


for cls in (TxSwap, TxSwapcache):
    cls()
