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

/* int $0x80: the call in regs, with interrupts on while it runs. */
void do_syscall(struct pt_regs *regs);
/* The same with interrupts already on (sysenter's, kernel/arch/vsyscall.c). */
void syscall_invoke(struct pt_regs *regs);

/*
 * Where syscall handlers live (for the table in kernel/syscall.c).  The
 * prototypes are Linux's shapes: an argument that is a user address is a
 * __user pointer (kernel/compiler.h), so `make check` follows it into the
 * handler; the others stay unsigned long, the register's width.  Addresses
 * that are not dereferenced but mapped or unmapped (mmap2, munmap, brk,
 * mprotect, ...) are numbers, as in Linux.  The table casts every handler
 * to syscall_fn_t, once, in its SYSCALL() macro.
 */
struct pollfd;
long sys_exit(unsigned long status);
long sys_init_module(const void __user *image, unsigned long len, const char __user *uargs);
long sys_finit_module(unsigned long fd, const char __user *uargs, unsigned long flags);
long sys_delete_module(const char __user *name, unsigned long flags);
long sys_exit_group(unsigned long status);
long sys_read(unsigned long fd, char __user *buf, unsigned long count);
long sys_write(unsigned long fd, const char __user *buf, unsigned long count);
long sys_readv(unsigned long fd, const void __user *iov, unsigned long iovcnt);
long sys_writev(unsigned long fd, const void __user *iov, unsigned long iovcnt);
long sys_open(const char __user *path, unsigned long flags, unsigned long mode);
long sys_openat(unsigned long dirfd, const char __user *path, unsigned long flags,
		unsigned long mode);
long sys_close(unsigned long fd);
long sys_lseek(unsigned long fd, unsigned long off, unsigned long whence);
long sys_llseek(unsigned long fd, unsigned long hi, unsigned long lo, u64 __user *result,
		unsigned long whence);
long sys_dup(unsigned long fd);
long sys_dup2(unsigned long oldfd, unsigned long newfd);
long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags);
long sys_fstat64(unsigned long fd, void __user *buf);
long sys_stat64(const char __user *path, void __user *buf);
long sys_fstatat64(unsigned long dirfd, const char __user *path, void __user *buf,
		   unsigned long flags);
long sys_getdents64(unsigned long fd, void __user *buf, unsigned long count);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_chdir(const char __user *path);
long sys_mkdir(const char __user *path, unsigned long mode);
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg);
long sys_pipe(int __user *fds);
long sys_kill(unsigned long pid, unsigned long sig);
long sys_tgkill(unsigned long tgid, unsigned long tid, unsigned long sig);
long sys_tkill(unsigned long tid, unsigned long sig);
long sys_rt_sigreturn(void);
long sys_sigreturn(void);
long sys_rt_sigaction(unsigned long sig, const void __user *act, void __user *oact,
		      unsigned long size);
long sys_rt_sigprocmask(unsigned long how, const u64 __user *set, u64 __user *oset,
			unsigned long size);
long sys_pread64(unsigned long fd, char __user *buf, unsigned long count, unsigned long lo,
		 unsigned long hi);
long sys_pwrite64(unsigned long fd, const char __user *buf, unsigned long count,
		  unsigned long lo, unsigned long hi);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_madvise(unsigned long start, unsigned long len, unsigned long advice);
long sys_pipe2(int __user *fds, unsigned long flags);
long sys_brk(unsigned long brk);
long sys_ftruncate(unsigned long fd, unsigned long length);
long sys_truncate(const char __user *path, unsigned long length);
long sys_truncate64(const char __user *path, unsigned long lo, unsigned long hi);
long sys_ftruncate64(unsigned long fd, unsigned long lo, unsigned long hi);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_set_thread_area(void __user *u_info);
long sys_set_tid_address(int __user *tidptr);
long sys_ugetrlimit(unsigned long resource, void __user *rlim);
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       unsigned long tls, int __user *child_tid);
long sys_wait4(unsigned long pid, int __user *stat_addr, unsigned long options,
	       void __user *ru);
long sys_waitpid(unsigned long pid, int __user *stat_addr, unsigned long options);
long sys_execve(const char __user *path, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_clock_gettime64(unsigned long which, void __user *tp);
long sys_clock_gettime32(unsigned long which, void __user *tp);
long sys_clock_getres32(unsigned long which, void __user *tp);
long sys_clock_getres64(unsigned long which, void __user *tp);
long sys_gettimeofday(void __user *tv, void __user *tz);
long sys_time(s32 __user *tloc);
long sys_nanosleep(const void __user *req, void __user *rem);
long sys_clock_nanosleep32(unsigned long which, unsigned long flags, const void __user *req,
			   void __user *rem);
long sys_clock_nanosleep64(unsigned long which, unsigned long flags, const void __user *req,
			   void __user *rem);
long sys_getrandom(char __user *buf, unsigned long len, unsigned long flags);
long sys_getuid(void);
long sys_sched_yield(void);
long sys_uname(void __user *name);
long sys_sched_setaffinity(unsigned long pid, unsigned long len,
			   const unsigned long __user *mask);
long sys_sched_getaffinity(unsigned long pid, unsigned long len, unsigned long __user *mask);
long sys_sysinfo(void __user *info);
long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd);
/* mm/swapfile.c */
long sys_swapon(const char __user *specialfile, unsigned long swap_flags);
long sys_swapoff(const char __user *specialfile);

long sys_lstat64(const char __user *path, void __user *buf);
long sys_statx(unsigned long dirfd, const char __user *path, unsigned long flags,
	       unsigned long mask, void __user *buf);
long sys_unlink(const char __user *path);
long sys_rmdir(const char __user *path);
long sys_symlink(const char __user *target, const char __user *path);
long sys_symlinkat(const char __user *target, unsigned long dirfd, const char __user *path);
long sys_rename(const char __user *oldpath, const char __user *newpath);
long sys_link(const char __user *oldpath, const char __user *newpath);
long sys_linkat(unsigned long olddirfd, const char __user *oldpath, unsigned long newdirfd,
		const char __user *newpath, unsigned long flags);
long sys_access(const char __user *path, unsigned long mode);
long sys_faccessat(unsigned long dirfd, const char __user *path, unsigned long mode);
long sys_readlink(const char __user *path, char __user *buf, unsigned long size);
long sys_readlinkat(unsigned long dirfd, const char __user *path, char __user *buf,
		    unsigned long size);
long sys_umask(unsigned long mask);
long sys_fcntl64(unsigned long fd, unsigned long cmd, unsigned long arg);
long sys_poll(struct pollfd __user *fds, unsigned long nfds, unsigned long timeout_ms);
long sys_sync(void);
long sys_fsync(unsigned long fd);
long sys_fdatasync(unsigned long fd);
long sys_alarm(unsigned long secs);
long sys_setitimer(unsigned long which, const void __user *unew, void __user *uold);
long sys_getitimer(unsigned long which, void __user *uval);
long sys_times(void __user *buf);
long sys_getrusage(unsigned long who, void __user *ru);
long sys_setpgid(unsigned long pid, unsigned long pgid);
long sys_getpgid(unsigned long pid);
long sys_getpgrp(void);
long sys_getsid(unsigned long pid);
long sys_setsid(void);
long sys_setrlimit(unsigned long resource, const void __user *rlim);
long sys_prlimit64(unsigned long pid, unsigned long resource, const u64 __user *new_rlim,
		   u64 __user *old_rlim);
long sys_prctl(unsigned long option, unsigned long arg2);
long sys_set_robust_list(void __user *head, unsigned long len);
long sys_get_robust_list(unsigned long pid, u32 __user *head_ptr, u32 __user *len_ptr);
long sys_futex(u32 __user *uaddr, unsigned long op, unsigned long val,
	       const void __user *utime, u32 __user *uaddr2, unsigned long val3);
long sys_futex_time64(u32 __user *uaddr, unsigned long op, unsigned long val,
		      const void __user *utime, u32 __user *uaddr2, unsigned long val3);
long sys_restart_syscall(void);
long sys_rseq(void);
long sys_mlock(unsigned long start, unsigned long len);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_sigaltstack(const void __user *uss, void __user *uoss);
long sys_get_thread_area(void __user *u_info);
long sys_pause(void);
long sys_rt_sigsuspend(const u64 __user *mask, unsigned long size);
long sys_rt_sigpending(u64 __user *set, unsigned long size);
long sys_rt_sigtimedwait(const u64 __user *these, void __user *info, const void __user *ts,
			 unsigned long size);
long sys_rt_sigtimedwait_time64(const u64 __user *these, void __user *info,
				const void __user *ts, unsigned long size);
long sys_waitid(unsigned long which, unsigned long id, void __user *infop, unsigned long options,
		void __user *ru);

/* Files, processes and the log for busybox (issue 12). */
long sys_utimensat(unsigned long dirfd, const char __user *path, const void __user *times,
		   unsigned long flags);
long sys_utimensat_time64(unsigned long dirfd, const char __user *path,
			  const void __user *times, unsigned long flags);
long sys_mknod(const char __user *path, unsigned long mode, unsigned long dev);
long sys_mknodat(unsigned long dirfd, const char __user *path, unsigned long mode,
		 unsigned long dev);
long sys_chmod(const char __user *path, unsigned long mode);
long sys_fchmod(unsigned long fd, unsigned long mode);
long sys_fchmodat(unsigned long dirfd, const char __user *path, unsigned long mode);
long sys_chown(const char __user *path, unsigned long uid, unsigned long gid);
long sys_chown16(const char __user *path, unsigned long uid, unsigned long gid);
long sys_lchown(const char __user *path, unsigned long uid, unsigned long gid);
long sys_fchown(unsigned long fd, unsigned long uid, unsigned long gid);
long sys_fchownat(unsigned long dirfd, const char __user *path, unsigned long uid,
		  unsigned long gid, unsigned long flags);
long sys_getpriority(unsigned long which, unsigned long who);
long sys_setpriority(unsigned long which, unsigned long who, unsigned long niceval);
long sys_ioprio_set(unsigned long which, unsigned long who, unsigned long ioprio);
long sys_ioprio_get(unsigned long which, unsigned long who);
long sys_syslog(unsigned long type, char __user *buf, unsigned long len);
long sys_statfs64(const char __user *path, unsigned long size, void __user *buf);
long sys_fstatfs64(unsigned long fd, unsigned long size, void __user *buf);
long sys_getgroups32(unsigned long size, u32 __user *groups);
long sys_setgroups32(unsigned long size, const u32 __user *groups);
long sys_sendfile(unsigned long out_fd, unsigned long in_fd, s32 __user *offset,
		  unsigned long count);
long sys_sendfile64(unsigned long out_fd, unsigned long in_fd, u64 __user *offset,
		    unsigned long count);
long sys_sethostname(const char __user *name, unsigned long len);
long sys_setdomainname(const char __user *name, unsigned long len);

#endif
