# tools/gdb/tx_mem.py - pages, page tables, kmaps, vmas and vmalloc areas.
#
#   lx-pfn_to_page PFN        &mem_map[PFN]
#   lx-page_to_pfn PAGE       PAGE - mem_map
#   lx-virt_to_page ADDR      the struct page behind a kernel address
#   lx-page_address PAGE      a page's kernel address (pkmap slot if high)
#   tx-page PAGE|PFN          one struct page decoded, with every pte mapping it
#   tx-pgwalk [PID] ADDR      the i386 two-level walk for ADDR in a task's mm
#   tx-pkmap                  the pkmap slots in use (kmap of high pages)
#   tx-vmas PID               a process's vmas, as /proc/PID/maps
#   lx-vmallocinfo            the vmalloc areas (vmlist)
#
# Data read: mem_map[] (struct page, mm/mm_types.h), pte chains
# (struct pte_chain, mm/rmap.h), page directories and page tables
# (mm/pgtable.h; read as guest physical memory, since a HIGHPTE page table
# has no kernel address unless it happens to be kmapped), pkmap_count[]
# and pkmap_page_table (mm/highmem.c), mm->mmap (vm_area_struct), vmlist
# (mm/vmalloc.c).  Only reads.
import struct

import gdb

from tx_core import (PAGE_OFFSET, PAGE_SHIFT, PAGE_SIZE, Command, UsageError, as_page,
                     current_task_mm, find_task, is_highmem_pfn, list_entries, number,
                     page_address, page_flag_names, page_to_pfn, page_zone_name, pfn_to_page,
                     phys_read, phys_u32, sym, symbol_at, tasks, want_args)

PGDIR_SHIFT = 22
_PAGE_PRESENT, _PAGE_RW, _PAGE_USER = 0x1, 0x2, 0x4
_PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_PSE, _PAGE_PROTNONE = 0x20, 0x40, 0x80, 0x80
SWP_TYPE_BITS = 5                      # MAX_SWAPFILES_SHIFT (mm/swap.h)


def page_arg(text):
    """A struct page given as a pointer into mem_map[] or as a pfn."""
    value = number(text)
    if value < int(sym("max_pfn")):
        return pfn_to_page(value)
    page = as_page(value)
    page_to_pfn(page)                  # refuses what is not in mem_map[]
    return page


class LxPfnToPage(Command):
    """lx-pfn_to_page PFN: the struct page of frame PFN (&mem_map[PFN]).
    Handbook: physical-memory.md (mem_map)."""

    usage = "lx-pfn_to_page PFN"

    def __init__(self):
        super().__init__("lx-pfn_to_page")

    def run(self, argv):
        want_args(argv, 1, 1)
        pfn = number(argv[0])
        print(f"pfn {pfn:#x} -> (struct page *) {int(pfn_to_page(pfn)):#x}")


class LxPageToPfn(Command):
    """lx-page_to_pfn PAGE: the frame number of a struct page (PAGE - mem_map).
    Handbook: physical-memory.md (mem_map)."""

    usage = "lx-page_to_pfn PAGE   (a struct page pointer)"

    def __init__(self):
        super().__init__("lx-page_to_pfn")

    def run(self, argv):
        want_args(argv, 1, 1)
        page = as_page(number(argv[0]))
        print(f"(struct page *) {int(page):#x} -> pfn {page_to_pfn(page):#x}")


def kernel_pgd():
    return int(sym("swapper_pg_dir").address)


def walk(pgd_vaddr, addr):
    """(pde, pte or None, physical address or None) for addr under the
    page directory at kernel address pgd_vaddr.  Both levels are read as
    physical memory: a user page table may be a high page."""
    pde = phys_u32(pgd_vaddr - PAGE_OFFSET + 4 * (addr >> PGDIR_SHIFT))
    if not pde & _PAGE_PRESENT:
        return pde, None, None
    if pde & _PAGE_PSE:
        return pde, None, (pde & 0xFFC00000) | (addr & 0x3FFFFF)
    pte = phys_u32((pde & ~0xFFF) + 4 * (addr >> PAGE_SHIFT & 0x3FF))
    paddr = (pte & ~0xFFF) | (addr & 0xFFF) if pte & _PAGE_PRESENT else None
    return pde, pte, paddr


class LxVirtToPage(Command):
    """lx-virt_to_page ADDR: the struct page behind a kernel address - by
    arithmetic in the direct map (low memory), else by walking the kernel's
    page tables (vmalloc, pkmap, fixmap).  Handbook: kernel-virtual-memory.md."""

    usage = "lx-virt_to_page ADDR   (a kernel virtual address)"

    def __init__(self):
        super().__init__("lx-virt_to_page")

    def run(self, argv):
        want_args(argv, 1, 1)
        addr = number(argv[0]) & 0xFFFFFFFF
        if addr < PAGE_OFFSET:
            raise UsageError(f"{addr:#x} is a user address (try tx-pgwalk PID ADDR)")
        lowmem_end = PAGE_OFFSET + (int(sym("max_low_pfn")) << PAGE_SHIFT)
        if addr < lowmem_end:
            pfn, how = (addr - PAGE_OFFSET) >> PAGE_SHIFT, "direct map"
        else:
            _, _, paddr = walk(kernel_pgd(), addr)
            if paddr is None:
                print(f"{addr:#x}: not mapped in swapper_pg_dir")
                return
            pfn, how = paddr >> PAGE_SHIFT, "page tables"
        print(f"{addr:#x} -> (struct page *) {int(pfn_to_page(pfn)):#x} pfn {pfn:#x} ({how})")


class LxPageAddress(Command):
    """lx-page_address PAGE: the kernel address of a page - PAGE_OFFSET +
    pfn << 12 for a low page, page->virtual (its pkmap slot) for a high
    one, which has none unless kmapped.  Handbook: kernel-virtual-memory.md."""

    usage = "lx-page_address PAGE   (a struct page pointer or a pfn)"

    def __init__(self):
        super().__init__("lx-page_address")

    def run(self, argv):
        want_args(argv, 1, 1)
        page = page_arg(argv[0])
        addr = page_address(page)
        where = "high, " if is_highmem_pfn(page_to_pfn(page)) else ""
        if addr:
            print(f"(struct page *) {int(page):#x} -> {addr:#x} ({where}pfn {page_to_pfn(page):#x})")
        else:
            print(f"(struct page *) {int(page):#x}: high page not kmapped, no kernel address")


def pte_chain_slots(page):
    """Physical addresses of the ptes mapping page (mm/rmap.h): one in
    pte.direct with PG_direct, else the used slots of each pte_chain block
    ([idx, NRPTE) in the head, all of them in the blocks after it)."""
    flags = int(page["flags"])
    direct_bit = int(gdb.parse_and_eval("PG_direct"))
    if flags >> direct_bit & 1:
        return [int(page["pte"]["direct"])]
    chain = page["pte"]["chain"]
    nrpte = chain.type.target()["ptes"].type.range()[1] + 1
    slots = []
    while int(chain):
        word = int(chain["next_and_idx"])
        slots += [int(chain["ptes"][i]) for i in range(word & nrpte, nrpte)]
        chain = gdb.Value(word & ~nrpte).cast(chain.type)
    return slots


def mm_owner(mm):
    for t in tasks():
        if int(t["mm"]) == mm:
            return f"pid {int(t['pid'])} {t['comm'].string()}"
    return "no task"


def pte_user(pte_paddr):
    """Whose pte this is: the page table's page keeps its mm in ->mapping
    and the first user address it maps in ->index (mm/rmap.h)."""
    table = pfn_to_page(pte_paddr >> PAGE_SHIFT)
    mm = int(table["mapping"])
    addr = int(table["index"]) + ((pte_paddr & 0xFFF) // 4 << PAGE_SHIFT)
    return f"mm {mm:#x} ({mm_owner(mm)}) address {addr:#010x}"


def list_neighbour(ptr):
    """An lru pointer: the page it belongs to, or a list head elsewhere."""
    lru_offset = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    try:
        return f"pfn {page_to_pfn(as_page(int(ptr) - lru_offset)):#x}"
    except gdb.error:
        return f"{int(ptr):#x} (not a page: a list head, or a slab's cache)"


def describe_use(page, flags):
    """What private/mapping mean for this page's current use."""
    if "slab" in flags.split("|"):
        cache = page["lru"]["next"].cast(gdb.lookup_type("struct kmem_cache").pointer())
        return [f"slab page of cache {cache['name'].string()}, slab {int(page['lru']['prev']):#x}"]
    lines = []
    if "buddy" in flags.split("|"):
        lines.append(f"free in the buddy allocator, order {int(page['private'])}")
    if "swapcache" in flags.split("|"):
        lines.append("in the swap cache as " + swap_entry_text(int(page["private"])))
    return lines


def swap_entry_text(val):
    """A swp_entry_t.val: type in the top 5 bits, offset below."""
    shift = 32 - SWP_TYPE_BITS
    return f"swap entry type {val >> shift} offset {val & ((1 << shift) - 1):#x}"


class TxPage(Command):
    """tx-page PAGE|PFN: one struct page decoded - zone, flags by name,
    _count, mapping, index, private (buddy order, swap entry, slab cache),
    its lru neighbours, and every pte that maps it, found through the
    reverse map (pte.direct or the pte_chain blocks), with the mm and user
    address of each.  Handbook: physical-memory.md, rmap.md."""

    usage = "tx-page PAGE|PFN   (a struct page pointer, or a frame number)"

    def __init__(self):
        super().__init__("tx-page")

    def run(self, argv):
        want_args(argv, 1, 1)
        page = page_arg(argv[0])
        pfn = page_to_pfn(page)
        flags = page_flag_names(int(page["flags"]))
        print(f"page {int(page):#x} pfn {pfn:#x} zone {page_zone_name(page)}"
              f"{' (high)' if is_highmem_pfn(pfn) else ''}")
        print(f"flags {int(page['flags']):#010x} {flags}")
        print(f"_count {int(page['_count']['counter'])}  mapping {int(page['mapping']):#x}  "
              f"index {int(page['index']):#x}  private {int(page['private']):#x}  "
              f"virtual {int(page['virtual']):#x}")
        for line in describe_use(page, flags):
            print(line)
        if "slab" not in flags.split("|"):
            print(f"lru prev {list_neighbour(page['lru']['prev'])}, "
                  f"next {list_neighbour(page['lru']['next'])}")
        slots = [] if "slab" in flags.split("|") else pte_chain_slots(page)
        print(f"mapped by {len(slots)} pte(s)")
        for paddr in slots:
            print(f"  pte at phys {paddr:#010x} = {phys_u32(paddr):#010x}: {pte_user(paddr)}")


def entry_flags(level, entry):
    """An entry in the words of the monitor's pt (mm/pgtable.c)."""
    if not entry & _PAGE_PRESENT:
        if entry & _PAGE_PROTNONE:
            return f"{level} {entry:08x}  not present (a PROT_NONE page)"
        if level == "pte" and entry:
            type_ = entry >> 1 & ((1 << SWP_TYPE_BITS) - 1)
            return f"{level} {entry:08x}  not present: swap entry type {type_} offset {entry >> 8:#x}"
        return f"{level} {entry:08x}  not present"
    return (f"{level} {entry:08x}  present {'rw' if entry & _PAGE_RW else 'ro'} "
            f"{'user' if entry & _PAGE_USER else 'kernel'} "
            f"{'accessed' if entry & _PAGE_ACCESSED else '-'} "
            f"{'dirty' if entry & _PAGE_DIRTY else '-'}{' 4M' if entry & _PAGE_PSE else ''}")


def high_tag(pfn):
    return ", high" if pfn < int(sym("max_pfn")) and is_highmem_pfn(pfn) else ""


class TxPgwalk(Command):
    """tx-pgwalk [PID] ADDR: walk the i386 two-level page tables for ADDR
    in the mm of task PID (default: the task running on the selected CPU,
    a kernel thread's borrowed active_mm, or swapper_pg_dir) - the pde,
    the pte, their flags, the physical address and the first bytes there;
    a swap entry decoded as type/offset when not present.  Page tables are
    read as guest physical memory (QEMU's stub, Qqemu.PhyMemMode), so
    HIGHPTE tables need no kmap.  Handbook: kernel-virtual-memory.md,
    address-spaces.md, swap.md."""

    usage = "tx-pgwalk [PID] ADDR"

    def __init__(self):
        super().__init__("tx-pgwalk")

    def run(self, argv):
        want_args(argv, 1, 2)
        addr = number(argv[-1]) & 0xFFFFFFFF
        mm = find_task(number(argv[0]))["mm"] if len(argv) == 2 else current_task_mm()
        if len(argv) == 2 and not int(mm):
            raise gdb.error(f"task {argv[0]} is a kernel thread: no user mm")
        pgd = int(mm["pgd"]) if int(mm) else kernel_pgd()
        print(f"pgd {pgd:#x} (mm {int(mm):#x})")
        print(f"vaddr {addr:08x}: pgd index {addr >> PGDIR_SHIFT}, "
              f"pte index {addr >> PAGE_SHIFT & 0x3FF}, offset {addr & 0xFFF:#x}")
        pde, pte, paddr = walk(pgd, addr)
        print(entry_flags("pgd", pde))
        if pte is not None:
            table = pde >> PAGE_SHIFT
            print(f"page table pfn {table:#x}{high_tag(table)}")
            print(entry_flags("pte", pte))
        if paddr is None:
            return
        pfn = paddr >> PAGE_SHIFT
        print(f"paddr {paddr:08x} (pfn {pfn:#x}{high_tag(pfn)})")
        data = phys_read(paddr, min(16, PAGE_SIZE - (paddr & 0xFFF)))
        print("bytes " + " ".join(f"{b:02x}" for b in data))


def pkmap_base():
    """PKMAP_BASE (mm/highmem.h): the 4 MiB below the fixmap's start."""
    fixaddr_start = 0xFFFFF000 - ((int(gdb.parse_and_eval("__end_of_fixed_addresses")) - 1)
                                  << PAGE_SHIFT)
    return (fixaddr_start & ~0x3FFFFF) - 0x400000


class TxPkmap(Command):
    """tx-pkmap: the pkmap slots (kmap of high pages, mm/highmem.c) - each
    slot in use with its address, page and users (pkmap_count - 1), and
    how many are in use, stale (count 1: unmapped, TLB not yet flushed)
    and free, as the monitor's kmaps.  Handbook: kernel-virtual-memory.md."""

    usage = "tx-pkmap"

    def __init__(self):
        super().__init__("tx-pkmap")

    def run(self, argv):
        want_args(argv, 0, 0)
        counts_var = sym("pkmap_count", "highmem.c")
        n = counts_var.type.range()[1] + 1
        raw = gdb.selected_inferior().read_memory(int(counts_var.address), 4 * n)
        counts = struct.unpack(f"<{n}i", bytes(raw))
        table = sym("pkmap_page_table", "highmem.c")
        base = pkmap_base()
        print(f"pkmap window {base:#x}-{base + n * PAGE_SIZE - 1:#x}, {n} slots, "
              f"next search at {int(sym('last_pkmap_nr', 'highmem.c'))}")
        for slot, count in enumerate(counts):
            if count > 1:
                pfn = int(table[slot]["pte_low"]) >> PAGE_SHIFT
                print(f"  slot {slot:4d} {base + slot * PAGE_SIZE:#x} -> pfn {pfn:#x}, "
                      f"{count - 1} user(s)")
        used = sum(c > 1 for c in counts)
        stale = sum(c == 1 for c in counts)
        print(f"{used} in use, {stale} unmapped but not yet flushed, {n - used - stale} free")


VM_FLAGS = [(0x8, "shared"), (0x10, "mayread"), (0x20, "maywrite"), (0x40, "mayexec"),
            (0x80, "mayshare"), (0x100, "growsdown"), (0x2000, "locked")]


def dentry_path(dentry):
    parts = []
    while int(dentry["d_parent"]) != int(dentry):
        parts.append(dentry["d_name"].string())
        dentry = dentry["d_parent"]
    return "/" + "/".join(reversed(parts))


def vma_name(mm, vma):
    """What /proc/PID/maps names an area by (fs/proc/array.c:vma_name)."""
    inode = vma["vm_inode"]
    if int(inode):
        shmem_ops = int(sym("shmem_inode_operations").address)
        if int(inode["i_op"]) == shmem_ops:
            info = inode["i_private"].cast(gdb.lookup_type("struct shmem_inode_info").pointer())
            return f"{info['name'].string()} (deleted)"
        dentry = inode["i_dentry"]
        return dentry_path(dentry) if int(dentry) else "(deleted)"
    start, end, brk = int(vma["vm_start"]), int(vma["vm_end"]), int(mm["brk"])
    if start >= int(mm["start_brk"]) and end <= (brk + PAGE_SIZE - 1) & ~0xFFF \
            and brk > int(mm["start_brk"]):
        return "[heap]"
    return "[stack]" if int(vma["vm_flags"]) & 0x100 else ""


def vma_line(mm, vma):
    f = int(vma["vm_flags"])
    perms = ("r" if f & 1 else "-") + ("w" if f & 2 else "-") + ("x" if f & 4 else "-") \
        + ("s" if f & 8 else "p")
    words = ",".join(name for bit, name in VM_FLAGS if f & bit)
    kind = "file" if int(vma["vm_inode"]) else "anon"
    pgoff = int(vma["vm_pgoff"]) << PAGE_SHIFT if int(vma["vm_inode"]) else 0
    return (f"{int(vma['vm_start']):08x}-{int(vma['vm_end']):08x} {perms} {pgoff:08x} "
            f"{kind} {vma_name(mm, vma):<20} {words}")


class TxVmas(Command):
    """tx-vmas PID: the areas of a process's address space (mm->mmap, sorted
    by address) - start-end, permissions as /proc/PID/maps, file offset,
    file or anonymous, the name maps gives it, and the other VM_ flags.
    Handbook: address-spaces.md."""

    usage = "tx-vmas PID"

    def __init__(self):
        super().__init__("tx-vmas")

    def run(self, argv):
        want_args(argv, 1, 1)
        task = find_task(number(argv[0]))
        mm = task["mm"]
        if not int(mm):
            print(f"task {argv[0]} ({task['comm'].string()}) is a kernel thread: no vmas")
            return
        print(f"mm {int(mm):#x}: {int(mm['map_count'])} vmas, pgd {int(mm['pgd']):#x}")
        for vma in list_entries(mm["mmap"], "struct vm_area_struct", "vm_list"):
            print(vma_line(mm, vma))


class LxVmallocinfo(Command):
    """lx-vmallocinfo: every vmalloc area on vmlist (mm/vmalloc.c), in the
    monitor's vmallocinfo format: start-end (guard page included), size,
    the caller, and its pages.  Handbook: kernel-virtual-memory.md."""

    usage = "lx-vmallocinfo"

    def __init__(self):
        super().__init__("lx-vmallocinfo")

    def run(self, argv):
        want_args(argv, 0, 0)
        area = sym("vmlist", "vmalloc.c")
        while int(area):
            start, size = int(area["addr"]), int(area["size"])
            print(f"{start:#010x}-{start + size:#010x} {size:8d} "
                  f"{symbol_at(int(area['caller']))} pages={int(area['nr_pages'])}")
            area = area["next"]


for cls in (LxPfnToPage, LxPageToPfn, LxVirtToPage, LxPageAddress, TxPage, TxPgwalk,
            TxPkmap, TxVmas, LxVmallocinfo):
    cls()
