/*
 * kernel/syscall.h - the Linux i386 system-call entry: `int $0x80`, the
 * number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, the result (or
 * a negative errno) back in eax.
 *
 * sys_call_table[] maps numbers to handlers, each taking the six argument
 * registers; a number with no handler returns -ENOSYS and is logged once.
 * Handlers run in process context with interrupts on and may sleep.
 * Locking: none here.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/arch/ptrace.h"

#define SYSCALL_VECTOR 0x80
#define NR_syscalls 450

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long);

void do_syscall(struct pt_regs *regs);

/* Where syscall handlers live (for the table in kernel/syscall.c). */
long sys_exit(unsigned long status);
long sys_exit_group(unsigned long status);
long sys_read(unsigned long fd, unsigned long buf, unsigned long count);
long sys_write(unsigned long fd, unsigned long buf, unsigned long count);
long sys_readv(unsigned long fd, unsigned long iov, unsigned long iovcnt);
long sys_writev(unsigned long fd, unsigned long iov, unsigned long iovcnt);
long sys_open(unsigned long path, unsigned long flags, unsigned long mode);
long sys_openat(unsigned long dirfd, unsigned long path, unsigned long flags, unsigned long mode);
long sys_close(unsigned long fd);
long sys_lseek(unsigned long fd, unsigned long off, unsigned long whence);
long sys_llseek(unsigned long fd, unsigned long hi, unsigned long lo, unsigned long result,
		unsigned long whence);
long sys_dup(unsigned long fd);
long sys_dup2(unsigned long oldfd, unsigned long newfd);
long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags);
long sys_fstat64(unsigned long fd, unsigned long buf);
long sys_stat64(unsigned long path, unsigned long buf);
long sys_fstatat64(unsigned long dirfd, unsigned long path, unsigned long buf,
		   unsigned long flags);
long sys_getdents64(unsigned long fd, unsigned long buf, unsigned long count);
long sys_getcwd(unsigned long buf, unsigned long size);
long sys_chdir(unsigned long path);
long sys_mkdir(unsigned long path, unsigned long mode);
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg);
long sys_pipe(unsigned long fds);
long sys_kill(unsigned long pid, unsigned long sig);
long sys_tgkill(unsigned long tgid, unsigned long tid, unsigned long sig);
long sys_rt_sigreturn(void);
long sys_sigreturn(void);
long sys_rt_sigaction(unsigned long sig, unsigned long act, unsigned long oact,
		      unsigned long size);
long sys_rt_sigprocmask(unsigned long how, unsigned long set, unsigned long oset,
			unsigned long size);
long sys_pread64(unsigned long fd, unsigned long buf, unsigned long count, unsigned long lo,
		 unsigned long hi);
long sys_pwrite64(unsigned long fd, unsigned long buf, unsigned long count, unsigned long lo,
		  unsigned long hi);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_madvise(unsigned long start, unsigned long len, unsigned long advice);
long sys_pipe2(unsigned long fds, unsigned long flags);
long sys_brk(unsigned long brk);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_set_thread_area(unsigned long u_info);
long sys_set_tid_address(unsigned long tidptr);
long sys_ugetrlimit(unsigned long resource, unsigned long rlim);
long sys_getpid(void);
long sys_getppid(void);
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, unsigned long parent_tid,
	       unsigned long tls, unsigned long child_tid);
long sys_wait4(unsigned long pid, unsigned long stat_addr, unsigned long options,
	       unsigned long ru);
long sys_waitpid(unsigned long pid, unsigned long stat_addr, unsigned long options);
long sys_execve(unsigned long path, unsigned long argv, unsigned long envp);
long sys_clock_gettime64(unsigned long which, unsigned long tp);
long sys_clock_gettime32(unsigned long which, unsigned long tp);
long sys_gettimeofday(unsigned long tv, unsigned long tz);
long sys_time(unsigned long tloc);
long sys_nanosleep(unsigned long req, unsigned long rem);
long sys_clock_nanosleep32(unsigned long which, unsigned long flags, unsigned long req,
			   unsigned long rem);
long sys_clock_nanosleep64(unsigned long which, unsigned long flags, unsigned long req,
			   unsigned long rem);
long sys_getrandom(unsigned long buf, unsigned long len, unsigned long flags);
long sys_getuid(void);
long sys_sched_yield(void);
long sys_uname(unsigned long name);
long sys_sched_setaffinity(unsigned long pid, unsigned long len, unsigned long mask);
long sys_sched_getaffinity(unsigned long pid, unsigned long len, unsigned long mask);
long sys_sysinfo(unsigned long info);
long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd);

long sys_lstat64(unsigned long path, unsigned long buf);
long sys_statx(unsigned long dirfd, unsigned long path, unsigned long flags, unsigned long mask,
	       unsigned long buf);
long sys_unlink(unsigned long path);
long sys_rmdir(unsigned long path);
long sys_symlink(unsigned long target, unsigned long path);
long sys_symlinkat(unsigned long target, unsigned long dirfd, unsigned long path);
long sys_rename(unsigned long oldpath, unsigned long newpath);
long sys_access(unsigned long path, unsigned long mode);
long sys_faccessat(unsigned long dirfd, unsigned long path, unsigned long mode);
long sys_readlink(unsigned long path, unsigned long buf, unsigned long size);
long sys_readlinkat(unsigned long dirfd, unsigned long path, unsigned long buf,
		    unsigned long size);
long sys_umask(unsigned long mask);
long sys_fcntl64(unsigned long fd, unsigned long cmd, unsigned long arg);
long sys_poll(unsigned long fds, unsigned long nfds, unsigned long timeout_ms);
long sys_sync(void);
long sys_alarm(unsigned long secs);
long sys_times(unsigned long buf);
long sys_getrusage(unsigned long who, unsigned long ru);
long sys_setpgid(unsigned long pid, unsigned long pgid);
long sys_getpgid(unsigned long pid);
long sys_getpgrp(void);
long sys_getsid(unsigned long pid);
long sys_setsid(void);
long sys_setrlimit(unsigned long resource, unsigned long rlim);
long sys_prlimit64(unsigned long pid, unsigned long resource, unsigned long new_rlim,
		   unsigned long old_rlim);
long sys_prctl(unsigned long option, unsigned long arg2);
long sys_set_robust_list(unsigned long head, unsigned long len);
long sys_rseq(void);
long sys_mlock(unsigned long start, unsigned long len);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_sigaltstack(unsigned long uss, unsigned long uoss);
long sys_get_thread_area(unsigned long u_info);
long sys_pause(void);
long sys_rt_sigsuspend(unsigned long mask, unsigned long size);

#endif
