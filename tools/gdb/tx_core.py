# tools/gdb/tx_core.py - what every Tessera gdb helper stands on.
#
# The command base class (one-line usage on bad arguments, a one-line
# message instead of a Python traceback on any error), reading kernel
# symbols (static ones too), list_head walks, per-CPU variables, struct
# page <-> pfn arithmetic over mem_map[], PG_* flag names (read from the
# kernel's own enum pageflags, so they never drift) and reads of guest
# physical memory through QEMU's gdb stub (for high memory, which has no
# lasting kernel address: HIGHPTE page tables, pkmap'd pages).
#
# Data read: mem_map, max_pfn, max_low_pfn, __per_cpu_offset[],
# cpu_online_map, task_list, enum pageflags.  Locking: none - gdb reads a
# stopped machine (every vCPU is halted in all-stop mode), so nothing
# moves under it; a lock held when the guest stopped shows up as whatever
# half-done state its holder left.  Everything here only reads.
import re

import gdb

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_OFFSET = 0xC0000000
ZONES_PGSHIFT = 30                     # mm/mmzone.h: top 2 bits of page->flags


class UsageError(Exception):
    """Wrong or missing arguments: the command prints its usage line."""


class Command(gdb.Command):
    """Base of every helper: subclasses set `usage` and define run(argv)."""

    usage = ""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)
        self.name = name

    def invoke(self, arg, from_tty):
        # Catch everything: a student's typo must give a line, not a trace.
        try:
            self.run(gdb.string_to_argv(arg))
        except (UsageError, ValueError) as e:
            detail = f" ({e})" if str(e) else ""
            print(f"usage: {self.usage}{detail}")
        except gdb.MemoryError as e:
            print(f"{self.name}: cannot read guest memory: {e}")
        except Exception as e:          # gdb.error and anything unforeseen
            print(f"{self.name}: {e}")

    def run(self, argv):
        raise NotImplementedError


def want_args(argv, least, most):
    if not least <= len(argv) <= most:
        raise UsageError()


def sym(name, file=None):
    """A kernel variable, static ones through their file ('printk.c'::log_buf)."""
    return gdb.parse_and_eval(f"'{file}'::{name}" if file else name)


def number(expr):
    """An argument as a number: any gdb expression (0x10, mem_map+5, $x)."""
    try:
        return int(gdb.parse_and_eval(expr))
    except gdb.error as e:
        raise UsageError(f"not a number: {expr}: {e}")


def container_of(ptr, typename, member):
    typ = gdb.lookup_type(typename)
    offset = int(gdb.parse_and_eval(f"(unsigned long)&(({typename} *)0)->{member}"))
    return gdb.Value(int(ptr) - offset).cast(typ.pointer())


def list_nodes(head):
    """The list_head pointers of a list, head excluded."""
    node = head["next"]
    while int(node) != int(head.address):
        yield node
        node = node["next"]


def list_entries(head, typename, member):
    for node in list_nodes(head):
        yield container_of(node, typename, member)


def list_length(head):
    return sum(1 for _ in list_nodes(head))


def per_cpu(name, cpu):
    """per_cpu(name, cpu): the variable's address plus the CPU's offset."""
    var = gdb.parse_and_eval(f"per_cpu__{name}")
    offset = int(gdb.parse_and_eval(f"__per_cpu_offset[{int(cpu)}]"))
    return gdb.Value(int(var.address) + offset).cast(var.type.pointer()).dereference()


def online_cpus():
    bits = int(sym("cpu_online_map")["bits"])
    return [cpu for cpu in range(32) if bits >> cpu & 1]


def cpu_arg(text):
    cpu = number(text)
    if cpu not in online_cpus():
        raise UsageError(f"CPU {cpu} is not online: {online_cpus()}")
    return cpu


def selected_cpu():
    """QEMU's stub shows each vCPU as a thread, numbered from CPU 0 up."""
    thread = gdb.selected_thread()
    return thread.num - 1 if thread else 0


def runqueue(cpu):
    return per_cpu("runqueues", cpu)


def current_task(cpu):
    return runqueue(cpu)["curr"]


def current_task_mm():
    """The mm the selected CPU runs on: a kernel thread's borrowed one."""
    return current_task(selected_cpu())["active_mm"]


def tasks():
    return list_entries(sym("task_list"), "struct task_struct", "tasks")


def find_task(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.error(f"no task with pid {pid}")


def page_type():
    return gdb.lookup_type("struct page")


def pfn_to_page(pfn):
    if not 0 <= pfn < int(sym("max_pfn")):
        raise gdb.error(f"pfn {pfn:#x} is beyond max_pfn {int(sym('max_pfn')):#x}")
    return sym("mem_map") + pfn


def page_to_pfn(page):
    offset = int(page) - int(sym("mem_map"))
    size = page_type().sizeof
    if offset % size or not 0 <= offset // size < int(sym("max_pfn")):
        raise gdb.error(f"{int(page):#x} is not a struct page in mem_map[]")
    return offset // size


def as_page(value):
    return gdb.Value(int(value)).cast(page_type().pointer())


def is_highmem_pfn(pfn):
    return pfn >= int(sym("max_low_pfn"))


def page_address(page):
    """The kernel address of a page: arithmetic when low, page->virtual
    (its pkmap slot, 0 when not kmapped) when high."""
    pfn = page_to_pfn(page)
    if is_highmem_pfn(pfn):
        return int(page["virtual"])
    return PAGE_OFFSET + (pfn << PAGE_SHIFT)


def page_flag_names(flags):
    names = [f.name[3:] for f in gdb.lookup_type("enum pageflags").fields()
             if f.name.startswith("PG_") and flags >> f.enumval & 1]
    return "|".join(names) or "-"


def zone_name(zone_idx):
    return sym("contig_page_data")["node_zones"][zone_idx]["name"].string()


def page_zone_name(page):
    return zone_name(int(page["flags"]) >> ZONES_PGSHIFT)


def page_line(page):
    """One page in a list: pfn, references, flags."""
    return (f"pfn {page_to_pfn(page):#7x} count {int(page['_count']['counter']):3d} "
            f"{page_flag_names(int(page['flags']))}")


def phys_read(paddr, size):
    """Bytes of guest physical memory: QEMU's stub switched to physical
    addresses for the read (Qqemu.PhyMemMode), then back."""
    answer = gdb.execute("maint packet Qqemu.PhyMemMode:1", to_string=True)
    if "OK" not in answer:
        raise gdb.error("physical memory reads need QEMU's gdb stub (Qqemu.PhyMemMode)")
    try:
        return bytes(gdb.selected_inferior().read_memory(paddr, size))
    finally:
        gdb.execute("maint packet Qqemu.PhyMemMode:0", to_string=True)


def phys_u32(paddr):
    return int.from_bytes(phys_read(paddr, 4), "little")


def symbol_at(addr):
    """func+0xoff for a code address, from the ELF symbol table as the
    kernel's sprint_symbol (kallsyms) finds it: never an inlined callee."""
    text = gdb.execute(f"info symbol {addr:#x}", to_string=True)
    m = re.match(r"(\S+)(?: \+ (\d+))? in section", text)
    return f"{m.group(1)}+{int(m.group(2) or 0):#x}" if m else f"{addr:#x}"


def zones():
    """The zones that have memory, as /proc does: (index, struct zone)."""
    node = sym("contig_page_data")["node_zones"]
    count = node.type.range()[1] + 1
    return [(i, node[i]) for i in range(count) if int(node[i]["present_pages"])]


def zone_arg(text):
    for i, zone in zones():
        if zone["name"].string().lower() == text.lower() or text == str(i):
            return zone
    names = ", ".join(z["name"].string() for _, z in zones())
    raise UsageError(f"no zone {text}; zones: {names}")
