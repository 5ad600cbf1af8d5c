# tools/gdb/tessera.py - gdb commands that understand Tessera's structures.
# Sourced by tools/gdb/tessera.gdb.
#
#   tps                 every task: pid, name, state, CPU, priority (from task_list)
#   tpercpu NAME CPU    a per-CPU variable's copy on CPU (per_cpu(NAME, CPU))
#   trq CPU             CPU's runqueue: running task, idle task, queued tasks
import gdb

STATES = {0: "R", 1: "S", 2: "D", 64: "X"}


def container_of(ptr, typename, member):
    typ = gdb.lookup_type(typename)
    offset = int(gdb.parse_and_eval(f"(unsigned long)&(({typename} *)0)->{member}"))
    return gdb.Value(int(ptr) - offset).cast(typ.pointer())


def list_entries(head, typename, member):
    node = head["next"]
    while int(node) != int(head.address):
        yield container_of(node, typename, member)
        node = node["next"]


def task_line(t):
    comm = t["comm"].string()
    cpu = int(t["thread_info"]["cpu"])
    state = STATES.get(int(t["state"]), "?")
    return f"{int(t['pid']):5d} {comm:<16} {state} {cpu:3d} {int(t['prio']):3d}"


class Tps(gdb.Command):
    """List every task: pid, name, state, CPU, priority."""

    def __init__(self):
        super().__init__("tps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("  PID COMMAND          S CPU PRI")
        head = gdb.parse_and_eval("task_list")
        for t in list_entries(head, "struct task_struct", "tasks"):
            print(task_line(t))


def per_cpu(name, cpu):
    var = gdb.parse_and_eval(f"per_cpu__{name}")
    offset = int(gdb.parse_and_eval(f"__per_cpu_offset[{cpu}]"))
    return gdb.Value(int(var.address) + offset).cast(var.type.pointer()).dereference()


class Tpercpu(gdb.Command):
    """tpercpu NAME CPU: print CPU's copy of the per-CPU variable NAME."""

    def __init__(self):
        super().__init__("tpercpu", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        name, cpu = gdb.string_to_argv(arg)
        print(per_cpu(name, int(cpu)))


class Trq(gdb.Command):
    """trq CPU: the runqueue of CPU - current, idle and queued tasks."""

    def __init__(self):
        super().__init__("trq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        rq = per_cpu("runqueues", int(arg or 0))
        print(f"nr_running {int(rq['nr_running'])}, switches {int(rq['nr_switches'])}")
        print("curr:   " + task_line(rq["curr"].dereference()))
        print("idle:   " + task_line(rq["idle"].dereference()))
        queues = rq["queue"]
        for prio in range(queues.type.range()[1] + 1):
            for t in list_entries(queues[prio], "struct task_struct", "run_list"):
                print("queued: " + task_line(t))


Tps()
Tpercpu()
Trq()
