# tools/gdb/tx_modules.py - loaded modules (kernel/module.c) for gdb.
#
#   lx-lsmod               each module: name, core address, size, refcount, state
#   lx-symbols [DIR...]    add-symbol-file for every loaded module whose .ko is
#                          found (build/modules, or the directories given), at
#                          the addresses the loader chose
#
# Data read: the static list `modules` of kernel/module.c and each struct
# module (name, core, core_size, refcnt, state, its sections' addresses).
# Only reads (add-symbol-file changes gdb, not the machine).
import os

import gdb

from tx_core import Command, list_entries, sym

STATES = {0: "Loading", 1: "Live", 2: "Unloading"}
DEFAULT_DIRS = ["build/modules"]


def loaded_modules():
    return list_entries(sym("modules", "module.c"), "struct module", "list")


class LxLsmod(Command):
    """lx-lsmod: every loaded module - name, where its core is, size,
references, state (the same as /proc/modules)."""

    usage = "lx-lsmod"

    def __init__(self):
        super().__init__("lx-lsmod")

    def run(self, argv):
        if argv:
            raise ValueError("no arguments")
        print(f"{'Module':<20} {'Address':>10} {'Size':>8} {'Refs':>4}  State")
        for m in loaded_modules():
            refs = int(m["refcnt"]["counter"]) + int(m["users"])
            print(f"{m['name'].string():<20} {int(m['core']):#010x} {int(m['core_size']):>8} "
                  f"{refs:>4}  {STATES.get(int(m['state']), '?')}")


class LxSymbols(Command):
    """lx-symbols [DIR...]: load each module's symbols into gdb from its
.ko (looked for in build/modules, or in the directories given) at the
addresses the kernel loaded it to, so that breakpoints and backtraces in
module code work."""

    usage = "lx-symbols [DIR...]"

    def __init__(self):
        super().__init__("lx-symbols")

    def run(self, argv):
        dirs = argv or DEFAULT_DIRS
        for m in loaded_modules():
            name = m["name"].string()
            path = next((os.path.join(d, name + ".ko") for d in dirs
                         if os.path.exists(os.path.join(d, name + ".ko"))), None)
            if not path:
                print(f"{name}: no {name}.ko in {', '.join(dirs)}")
                continue
            cmd = f"add-symbol-file {path} {int(m['text_addr']):#x}"
            for section, field in ((".init.text", "init_text_addr"), (".data", "data_addr"),
                                   (".bss", "bss_addr")):
                if int(m[field]):
                    cmd += f" -s {section} {int(m[field]):#x}"
            gdb.execute(cmd, to_string=True)
            print(f"{name}: {path} at {int(m['text_addr']):#x}")


LxLsmod()
LxSymbols()
