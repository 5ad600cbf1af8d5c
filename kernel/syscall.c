/*
 * kernel/syscall.c - dispatching `int $0x80` (see kernel/syscall.h).
 *
 * Data: sys_call_table[], indexed by Linux i386 numbers; enosys_logged, a
 * bit per number already reported as missing.
 * Locking: the logged bits are set atomically.
 */
#include "kernel/syscall.h"
#include "ipc/shm.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/errno.h"

#define SYSCALL(nr, fn) [nr] = (syscall_fn_t)(void *)(fn)

static const syscall_fn_t sys_call_table[NR_syscalls] = {
	SYSCALL(1, sys_exit),
	SYSCALL(2, sys_fork),
	SYSCALL(3, sys_read),
	SYSCALL(4, sys_write),
	SYSCALL(5, sys_open),
	SYSCALL(6, sys_close),
	SYSCALL(7, sys_waitpid),
	SYSCALL(9, sys_link),
	SYSCALL(10, sys_unlink),
	SYSCALL(11, sys_execve),
	SYSCALL(12, sys_chdir),
	SYSCALL(13, sys_time),
	SYSCALL(19, sys_lseek),
	SYSCALL(20, sys_getpid),
	SYSCALL(27, sys_alarm),
	SYSCALL(29, sys_pause),
	SYSCALL(33, sys_access),
	SYSCALL(36, sys_sync),
	SYSCALL(37, sys_kill),
	SYSCALL(38, sys_rename),
	SYSCALL(39, sys_mkdir),
	SYSCALL(40, sys_rmdir),
	SYSCALL(41, sys_dup),
	SYSCALL(42, sys_pipe),
	SYSCALL(43, sys_times),
	SYSCALL(45, sys_brk),
	SYSCALL(54, sys_ioctl),
	SYSCALL(55, sys_fcntl64),                /* fcntl: the same for our flags */
	SYSCALL(57, sys_setpgid),
	SYSCALL(60, sys_umask),
	SYSCALL(63, sys_dup2),
	SYSCALL(64, sys_getppid),
	SYSCALL(65, sys_getpgrp),
	SYSCALL(66, sys_setsid),
	SYSCALL(75, sys_setrlimit),
	SYSCALL(77, sys_getrusage),
	SYSCALL(78, sys_gettimeofday),
	SYSCALL(83, sys_symlink),
	SYSCALL(85, sys_readlink),
	SYSCALL(87, sys_swapon),
	SYSCALL(88, sys_reboot),
	SYSCALL(91, sys_munmap),
	SYSCALL(104, sys_setitimer),
	SYSCALL(105, sys_getitimer),
	SYSCALL(114, sys_wait4),
	SYSCALL(115, sys_swapoff),
	SYSCALL(116, sys_sysinfo),
	SYSCALL(118, sys_fsync),
	SYSCALL(119, sys_sigreturn),
	SYSCALL(120, sys_clone),
	SYSCALL(122, sys_uname),
	SYSCALL(125, sys_mprotect),
	SYSCALL(132, sys_getpgid),
	SYSCALL(140, sys_llseek),
	SYSCALL(145, sys_readv),
	SYSCALL(146, sys_writev),
	SYSCALL(147, sys_getsid),
	SYSCALL(148, sys_fdatasync),
	SYSCALL(150, sys_mlock),
	SYSCALL(151, sys_munlock),
	SYSCALL(158, sys_sched_yield),
	SYSCALL(162, sys_nanosleep),
	SYSCALL(163, sys_mremap),
	SYSCALL(168, sys_poll),
	SYSCALL(172, sys_prctl),
	SYSCALL(173, sys_rt_sigreturn),
	SYSCALL(174, sys_rt_sigaction),
	SYSCALL(175, sys_rt_sigprocmask),
	SYSCALL(176, sys_rt_sigpending),
	SYSCALL(177, sys_rt_sigtimedwait),
	SYSCALL(179, sys_rt_sigsuspend),
	SYSCALL(180, sys_pread64),
	SYSCALL(181, sys_pwrite64),
	SYSCALL(183, sys_getcwd),
	SYSCALL(186, sys_sigaltstack),
	SYSCALL(190, sys_vfork),
	SYSCALL(191, sys_ugetrlimit),
	SYSCALL(192, sys_mmap2),
	SYSCALL(195, sys_stat64),
	SYSCALL(196, sys_lstat64),
	SYSCALL(197, sys_fstat64),
	SYSCALL(199, sys_getuid),               /* getuid32 */
	SYSCALL(200, sys_getuid),               /* getgid32 */
	SYSCALL(201, sys_getuid),               /* geteuid32 */
	SYSCALL(202, sys_getuid),               /* getegid32 */
	SYSCALL(219, sys_madvise),
	SYSCALL(220, sys_getdents64),
	SYSCALL(221, sys_fcntl64),
	SYSCALL(224, sys_gettid),
	SYSCALL(238, sys_tkill),
	SYSCALL(241, sys_sched_setaffinity),
	SYSCALL(242, sys_sched_getaffinity),
	SYSCALL(243, sys_set_thread_area),
	SYSCALL(244, sys_get_thread_area),
	SYSCALL(252, sys_exit_group),
	SYSCALL(258, sys_set_tid_address),
	SYSCALL(265, sys_clock_gettime32),
	SYSCALL(266, sys_clock_getres32),
	SYSCALL(267, sys_clock_nanosleep32),
	SYSCALL(270, sys_tgkill),
	SYSCALL(284, sys_waitid),
	SYSCALL(295, sys_openat),
	SYSCALL(300, sys_fstatat64),
	SYSCALL(303, sys_linkat),
	SYSCALL(304, sys_symlinkat),
	SYSCALL(305, sys_readlinkat),
	SYSCALL(307, sys_faccessat),
	SYSCALL(311, sys_set_robust_list),
	/* Futexes (issue 13): kernel/futex.c; restart_syscall: kernel/signal.c */
	SYSCALL(0, sys_restart_syscall),
	SYSCALL(240, sys_futex),
	SYSCALL(312, sys_get_robust_list),
	SYSCALL(421, sys_rt_sigtimedwait_time64),
	SYSCALL(422, sys_futex_time64),
	SYSCALL(330, sys_dup3),
	SYSCALL(331, sys_pipe2),
	SYSCALL(340, sys_prlimit64),
	SYSCALL(355, sys_getrandom),
	SYSCALL(383, sys_statx),
	SYSCALL(386, sys_rseq),
	SYSCALL(403, sys_clock_gettime64),
	SYSCALL(406, sys_clock_getres64),
	SYSCALL(407, sys_clock_nanosleep64),
	/* Files, processes and the log for busybox (issue 12): */
	SYSCALL(14, sys_mknod),
	SYSCALL(15, sys_chmod),
	SYSCALL(74, sys_sethostname),
	SYSCALL(94, sys_fchmod),
	SYSCALL(96, sys_getpriority),
	SYSCALL(97, sys_setpriority),
	SYSCALL(103, sys_syslog),
	SYSCALL(121, sys_setdomainname),
	SYSCALL(182, sys_chown16),
	SYSCALL(187, sys_sendfile),
	SYSCALL(198, sys_lchown),               /* lchown32 */
	SYSCALL(205, sys_getgroups32),
	SYSCALL(206, sys_setgroups32),
	SYSCALL(207, sys_fchown),               /* fchown32 */
	SYSCALL(212, sys_chown),                /* chown32 */
	SYSCALL(239, sys_sendfile64),
	SYSCALL(268, sys_statfs64),
	SYSCALL(269, sys_fstatfs64),
	SYSCALL(289, sys_ioprio_set),
	SYSCALL(290, sys_ioprio_get),
	SYSCALL(297, sys_mknodat),
	SYSCALL(298, sys_fchownat),
	SYSCALL(306, sys_fchmodat),
	SYSCALL(320, sys_utimensat),
	SYSCALL(412, sys_utimensat_time64),
	/* System V shared memory (issue 13): the multiplexer and the direct calls */
	SYSCALL(117, sys_ipc),
	/* Loadable modules (kernel/module.c) */
	SYSCALL(128, sys_init_module),
	SYSCALL(129, sys_delete_module),
	SYSCALL(350, sys_finit_module),
	SYSCALL(395, sys_shmget),
	SYSCALL(396, sys_shmctl),
	SYSCALL(397, sys_shmat),
	SYSCALL(398, sys_shmdt),
	SYSCALL(92, sys_truncate),
	SYSCALL(93, sys_ftruncate),             /* POSIX shm: shm_open's size */
	SYSCALL(193, sys_truncate64),
	SYSCALL(194, sys_ftruncate64),
};

static unsigned long enosys_logged[(NR_syscalls + 31) / 32];

static long sys_ni_syscall(unsigned long nr)
{
	unsigned long bit = 1UL << (nr % 32);

	if (nr < NR_syscalls && !(__sync_fetch_and_or(&enosys_logged[nr / 32], bit) & bit))
		/* below the console's level: never in the middle of user
		 * output, but in dmesg */
		printk(KERN_DEBUG "%s[%d]: system call %lu not implemented (-ENOSYS)\n",
		       current->comm, current->pid, nr);
	return -ENOSYS;
}

void syscall_invoke(struct pt_regs *regs)
{
	unsigned long nr = regs->eax;
	syscall_fn_t fn = nr < NR_syscalls ? sys_call_table[nr] : NULL;

	current->syscall_nr = (u32)nr;
	if (fn)
		regs->eax = (u32)fn(regs->ebx, regs->ecx, regs->edx, regs->esi, regs->edi,
				    regs->ebp);
	else
		regs->eax = (u32)sys_ni_syscall(nr);
}

void do_syscall(struct pt_regs *regs)
{
	local_irq_enable();
	syscall_invoke(regs);
	local_irq_disable();
}

