/*
 * fs/utimes.c - setting a file's access and modification times:
 * utimensat (320, 32-bit timespecs) and utimensat_time64 (412), which
 * `touch` uses.
 *
 * A NULL times array means "now" for both; a tv_nsec of UTIME_NOW means
 * now, UTIME_OMIT leaves that time alone; a NULL path means dirfd itself
 * (futimens).  Any change sets ctime to now, as Linux does.
 * Data: none of its own.  Locking: inode->i_mutex over the times.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/arch/uaccess.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"

#define UTIME_NOW ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

struct utime_spec {
	s64 sec;
	long nsec;
};

/* Copy times[2] in, in the 64- or 32-bit layout; -EFAULT or -EINVAL. */
static long get_times(const void __user *utimes, bool wide, struct utime_spec t[2])
{
	s64 t64[4];
	s32 t32[4];

	if (wide ? copy_from_user(t64, utimes, sizeof(t64)) : copy_from_user(t32, utimes, sizeof(t32)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		t[i].sec = wide ? t64[2 * i] : t32[2 * i];
		t[i].nsec = wide ? (long)t64[2 * i + 1] : t32[2 * i + 1];
		if (t[i].nsec != UTIME_NOW && t[i].nsec != UTIME_OMIT &&
		    (t[i].nsec < 0 || t[i].nsec >= (long)NSEC_PER_SEC))
			return -EINVAL;
	}
	return 0;
}

static void set_time(struct inode_time *it, const struct utime_spec *t, struct inode_time now)
{
	if (t->nsec == UTIME_OMIT)
		return;
	*it = t->nsec == UTIME_NOW ? now : (struct inode_time){ t->sec, (u32)t->nsec };
}

static void utimes_common(struct inode *inode, const struct utime_spec t[2])
{
	struct inode_time now = current_time();

	mutex_lock(&inode->i_mutex);
	set_time(&inode->i_atime, &t[0], now);
	set_time(&inode->i_mtime, &t[1], now);
	inode->i_ctime = now;
	mutex_unlock(&inode->i_mutex);
}

static long do_utimensat(unsigned long dirfd, const char __user *upath,
			 const void __user *utimes, unsigned long flags, bool wide)
{
	struct utime_spec t[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct dentry *d;
	struct file *f = NULL;
	long err = 0;

	if (flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && (err = get_times(utimes, wide, t)))
		return err;
	if (t[0].nsec == UTIME_OMIT && t[1].nsec == UTIME_OMIT)
		return 0;
	if (!upath || empty_path(upath, flags)) {
		f = fget((unsigned int)dirfd);
		d = f ? f->f_dentry : NULL;
		err = !f ? -EBADF : 0;
	} else {
		d = user_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &err);
	}
	if (d)
		utimes_common(d->d_inode, t);
	if (f)
		fput(f);
	else
		dput(d);
	return err;
}

long sys_utimensat(unsigned long dirfd, const char __user *upath, const void __user *utimes,
		   unsigned long flags)
{
	return do_utimensat(dirfd, upath, utimes, flags, false);
}

long sys_utimensat_time64(unsigned long dirfd, const char __user *upath,
			  const void __user *utimes, unsigned long flags)
{
	return do_utimensat(dirfd, upath, utimes, flags, true);
}
