# tools/gdb/tessera.py - loads the gdb helpers that understand Tessera's
# structures (sourced by tools/gdb/tessera.gdb).  Each module registers
# its commands; `help tessera` lists them and docs/debugging.md says what
# each shows.  The helpers only read the stopped machine.
#
#   tx_core.py   the shared pieces: the command base, lists, per-CPU, pages
#   tx_tasks.py  lx-ps, lx-cpus, tx-rq, lx-dmesg, lx-list-check, tx-locks,
#                $lx_current, $lx_per_cpu, $container_of
#   tx_mem.py    lx-pfn_to_page, lx-page_to_pfn, lx-virt_to_page,
#                lx-page_address, tx-page, tx-pgwalk, tx-pkmap, tx-vmas,
#                lx-vmallocinfo
#   tx_zones.py  tx-buddy, tx-zones, tx-pcp, tx-lru
#   tx_slab.py   lx-slabinfo, tx-slab
#   tx_swap.py   tx-swap, tx-swapcache
#   tx_modules.py lx-lsmod, lx-symbols
import importlib
import os
import sys

import gdb

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

MODULES = ["tx_core", "tx_tasks", "tx_mem", "tx_zones", "tx_slab", "tx_swap", "tx_modules"]

# Sourcing again (after editing a helper) reloads every module.
for name in MODULES:
    if name in sys.modules:
        importlib.reload(sys.modules[name])
    else:
        importlib.import_module(name)


class Tessera(gdb.Command):
    """Tessera's gdb helpers (tools/gdb/, docs/debugging.md):
lx-ps, lx-cpus, tx-rq CPU, lx-dmesg, lx-list-check HEAD, tx-locks,
lx-pfn_to_page PFN, lx-page_to_pfn PAGE, lx-virt_to_page ADDR,
lx-page_address PAGE, tx-page PAGE|PFN, tx-pgwalk [PID] ADDR, tx-pkmap,
tx-vmas PID, lx-vmallocinfo, tx-buddy [ZONE ORDER], tx-zones, tx-pcp [CPU],
tx-lru [ZONE [N]], lx-slabinfo, tx-slab CACHE, tx-swap, tx-swapcache,
lx-lsmod, lx-symbols [DIR...];
functions $lx_current([cpu]), $lx_per_cpu("var", cpu),
$container_of(ptr, "type", "member").  `help CMD` says more."""

    def __init__(self):
        super().__init__("tessera", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print(self.__doc__)


Tessera()
