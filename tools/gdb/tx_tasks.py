# tools/gdb/tx_tasks.py - tasks, CPUs, the log and the lock debugger.
#
#   lx-ps                  every task (task_list): pid, tgid, name, state, CPU, prio
#   lx-cpus                each online CPU: current and idle task, queued tasks
#   tx-rq CPU              one CPU's runqueue: curr, idle and every queued task
#   lx-dmesg               the kernel log (printk.c's log_buf ring)
#   lx-list-check HEAD     walk a list_head, checking next->prev == this
#   tx-locks               held locks (lock_debug): per CPU and per task
#   $lx_current([cpu])     the task running on a CPU (default: the selected one)
#   $lx_per_cpu(var, cpu)  CPU's copy of a per-CPU variable ("runqueues")
#   $container_of(ptr, "type", "member")
#
# Data read: task_list, per-CPU runqueues (struct rq, kernel/sched.c),
# log_buf/log_end (kernel/printk.c), held_spinlocks per CPU and
# task->held_mutexes, the lock classes (kernel/locking/lockdep.c).  Only
# reads; see tx_core.py for why no lock is needed.
import gdb

from tx_core import (Command, UsageError, container_of, cpu_arg, current_task, list_entries,
                     online_cpus, runqueue, per_cpu, selected_cpu, sym, tasks, want_args)

TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_STOPPED = 0, 1, 2, 4


def state_char(state):
    """The letter the monitor's ps prints (kernel/sched.c:state_char)."""
    if state == TASK_RUNNING:
        return "R"
    if state & TASK_INTERRUPTIBLE:
        return "S"
    if state & TASK_UNINTERRUPTIBLE:
        return "D"
    return "T" if state == TASK_STOPPED else "X"


def task_line(t):
    return (f"{int(t['pid']):5d} {int(t['tgid']):5d} {t['comm'].string():<16} "
            f"{state_char(int(t['state']))} {int(t['thread_info']['cpu']):3d} "
            f"{int(t['prio']):3d} {'user' if int(t['mm']) else 'kthread'}")


TASK_HEADER = "  PID  TGID COMMAND          S CPU PRI MM"


class LxPs(Command):
    """lx-ps: every task on task_list - pid, tgid, name, state letter (as
    the monitor's ps), CPU, priority, and whether it has a user mm.
    Handbook: smp-and-scheduling.md (task_struct, runqueues)."""

    usage = "lx-ps"

    def __init__(self):
        super().__init__("lx-ps")

    def run(self, argv):
        want_args(argv, 0, 0)
        print(TASK_HEADER)
        for t in tasks():
            print(task_line(t))


class LxCpus(Command):
    """lx-cpus: each online CPU with its running task, its idle task and
    how many tasks its runqueue holds.  Handbook: smp-and-scheduling.md."""

    usage = "lx-cpus"

    def __init__(self):
        super().__init__("lx-cpus")

    def run(self, argv):
        want_args(argv, 0, 0)
        here = selected_cpu()
        for cpu in online_cpus():
            rq = runqueue(cpu)
            curr = rq["curr"]
            mark = "*" if cpu == here else " "
            print(f"{mark}cpu {cpu}: curr {int(curr['pid'])} {curr['comm'].string()}, "
                  f"idle {rq['idle']['comm'].string()}, nr_running {int(rq['nr_running'])}, "
                  f"switches {int(rq['nr_switches'])}")


class TxRq(Command):
    """tx-rq CPU: that CPU's runqueue - nr_running, switches, the running
    task, the idle task and every queued task by priority.
    Handbook: smp-and-scheduling.md (the runqueues)."""

    usage = "tx-rq CPU"

    def __init__(self):
        super().__init__("tx-rq")

    def run(self, argv):
        want_args(argv, 1, 1)
        rq = runqueue(cpu_arg(argv[0]))
        print(f"nr_running {int(rq['nr_running'])}, switches {int(rq['nr_switches'])}")
        print(TASK_HEADER)
        print("curr:   " + task_line(rq["curr"].dereference()))
        print("idle:   " + task_line(rq["idle"].dereference()))
        queues = rq["queue"]
        for prio in range(queues.type.range()[1] + 1):
            for t in list_entries(queues[prio], "struct task_struct", "run_list"):
                print("queued: " + task_line(t))


class LxCurrent(gdb.Function):
    """$lx_current([cpu]): the task_struct running on cpu (default: the CPU
    gdb has selected, `info threads`), from that CPU's runqueue."""

    def __init__(self):
        super().__init__("lx_current")

    def invoke(self, cpu=None):
        return current_task(selected_cpu() if cpu is None else int(cpu)).dereference()


class LxPerCpu(gdb.Function):
    """$lx_per_cpu("var", cpu): cpu's copy of DEFINE_PER_CPU(type, var),
    i.e. per_cpu__var at its address plus __per_cpu_offset[cpu]."""

    def __init__(self):
        super().__init__("lx_per_cpu")

    def invoke(self, var, cpu=None):
        return per_cpu(var.string(), selected_cpu() if cpu is None else int(cpu))


class ContainerOf(gdb.Function):
    """$container_of(ptr, "struct type", "member"): the structure whose
    member ptr points to, as the kernel's container_of()."""

    def __init__(self):
        super().__init__("container_of")

    def invoke(self, ptr, typename, member):
        return container_of(ptr, typename.string(), member.string())


class LxDmesg(Command):
    """lx-dmesg: the kernel log buffer, oldest surviving byte first - what
    the monitor's dmesg prints (kernel/printk.c: log_buf, a ring of which
    log_end counts every byte ever written).  Handbook: booting.md."""

    usage = "lx-dmesg"

    def __init__(self):
        super().__init__("lx-dmesg")

    def run(self, argv):
        want_args(argv, 0, 0)
        buf = sym("log_buf", "printk.c")
        size = buf.type.sizeof
        end = int(sym("log_end", "printk.c"))
        start = max(0, end - size)
        raw = bytes(gdb.selected_inferior().read_memory(int(buf.address), size))
        text = bytes(raw[pos % size] for pos in range(start, end))
        gdb.write(text.decode("utf-8", "replace"))


def list_head_arg(text):
    value = gdb.parse_and_eval(text)
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        value = value.dereference()
    if value.type.strip_typedefs().tag != "list_head":
        raise UsageError(f"{text} is a {value.type}, not a struct list_head")
    return value


class LxListCheck(Command):
    """lx-list-check HEAD: walk the list_head HEAD (an expression: task_list,
    &zone->active_list, ...) forwards, checking that each node's next
    points back to it through ->prev; reports the entry count, or the first
    broken link.  Handbook: smp-and-scheduling.md (lib/list.h)."""

    usage = "lx-list-check HEAD   (a struct list_head or a pointer to one)"
    limit = 1 << 20

    def __init__(self):
        super().__init__("lx-list-check")

    def run(self, argv):
        want_args(argv, 1, 1)
        head = list_head_arg(argv[0])
        node, count = head.address, 0
        while True:
            nxt = node["next"]
            if int(nxt) == 0 or int(nxt["prev"]) != int(node):
                back = "unreadable" if int(nxt) == 0 else f"{int(nxt['prev']):#x}"
                print(f"broken after entry {count}: node {int(node):#x} ->next {int(nxt):#x}, "
                      f"whose ->prev is {back}")
                return
            if int(nxt) == int(head.address):
                print(f"list {argv[0]} is consistent: {count} entries")
                return
            node, count = nxt, count + 1
            if count > self.limit:
                print(f"more than {self.limit} entries without coming back to the head: a loop?")
                return


def held_lines(held):
    """Each entry of a struct held_locks: its class name and lock address."""
    classes = sym("classes", "lockdep.c")
    for i in range(int(held["depth"])):
        entry = held["entry"][i]
        name = classes[int(entry["class_idx"])]["name"].string()
        yield f"    {name:<40} {int(entry['lock']):#x}"


class TxLocks(Command):
    """tx-locks: the locks held right now, as lock_debug records them -
    spinlocks per CPU (held_spinlocks), sleeping locks per task
    (task->held_mutexes) - with their class names.  Says so when the
    kernel runs without lock_debug (nothing is recorded then).
    Handbook: locking.md."""

    usage = "tx-locks"

    def __init__(self):
        super().__init__("tx-locks")

    def run(self, argv):
        want_args(argv, 0, 0)
        if not int(sym("debug_locks")):
            print("lock_debug is off: no held locks are recorded (boot with lock_debug)")
            return
        print(f"lock debugging on; {int(sym('nr_classes', 'lockdep.c')) - 1} classes, "
              f"{int(sym('nr_deps', 'lockdep.c'))} dependencies, "
              f"{int(sym('lockdep_reports'))} reports")
        for cpu in online_cpus():
            lines = list(held_lines(per_cpu("held_spinlocks", cpu)))
            print(f"cpu {cpu}: {len(lines)} spinlock(s)")
            for line in lines:
                print(line)
        for t in tasks():
            lines = list(held_lines(t["held_mutexes"]))
            if lines:
                print(f"task {int(t['pid'])} {t['comm'].string()}: {len(lines)} sleeping lock(s)")
                print("\n".join(lines))


for cls in (LxPs, LxCpus, TxRq, LxCurrent, LxPerCpu, ContainerOf, LxDmesg, LxListCheck,
            TxLocks):
    cls()
