/*
 * fs/exec.h - starting programs (fs/exec.c) and the ways a process is
 * ended by a fault or a signal (kernel/signal.c, kernel/exit.c).
 *
 * do_execve() replaces the current task's program with the static ELF
 * executable at path (absolute, in the root file system); it returns only
 * on failure (-ENOENT, -ENOEXEC, -ENOMEM, ...).
 * Locking: none beyond the address space's.
 */
#ifndef FS_EXEC_H
#define FS_EXEC_H

#include "kernel/arch/ptrace.h"

struct task_struct;

int do_execve(const char *path, char *const argv[], char *const envp[]);
/* Run init= (if given) as pid 1; returns if there is none. */
void run_init_process(void);
/* A word of the command line after init= that no kernel parameter
 * claims: init gets it (argv without '=', the environment with one). */
bool init_takes_param(const char *param, const char *val);
/* A user-mode fault nothing can resolve: a SIGSEGV handler gets it
 * (si_code SEGV_MAPERR or SEGV_ACCERR, si_addr addr); without one, the
 * Linux-style log line and death by SIGSEGV. */
void force_sigsegv(struct pt_regs *regs, unsigned long addr, int code);
/* A user-mode exception other than a page fault: sig (SIGFPE, SIGILL...)
 * with its si_code and si_addr to the handler, or death with a
 * "traps: prog[pid] ..." line. */
void force_sig_trap(int sig, int code, unsigned long addr, struct pt_regs *regs, const char *what);
/* Die of sig (the default action of a fatal signal), with every other
 * thread of the group. */
void __attribute__((noreturn)) exit_by_signal(int sig);
/* End the whole thread group with this wait status (exit_group, a fatal
 * signal); every thread's exit reports the first such status. */
void __attribute__((noreturn)) do_group_exit(int status);
void load_TLS(int cpu);
/* set_thread_area for p (current, or clone's new thread for
 * CLONE_SETTLS, which may not ask for a free entry: can_allocate). */
int do_set_thread_area(struct task_struct *p, void __user *u_info, bool can_allocate);
/* exec: the new program starts with no TLS descriptors of the old one. */
void flush_thread(void);

#endif
