/*
 * ipc/shm.c - System V shared memory (see ipc/shm.h): segments on shmem
 * objects, their identifiers and keys, attach and detach, IPC_STAT,
 * IPC_SET, IPC_RMID, IPC_INFO, SHM_INFO, SHM_STAT and /proc/sysvipc/shm.
 *
 * Data: shm_segs[SHMMNI], the segments by index, and shm_seq[], each
 * slot's sequence number: an identifier is seq * SEQ_MULTIPLIER + index,
 * as Linux's, so a stale identifier of a reused slot is refused.  A
 * segment holds a reference to its shmem object until IPC_RMID; each
 * attach (an area) holds one more, so shm_nattch is the object's count
 * less the segment's own.  A removed segment (SHM_DEST, key private)
 * stays in the table while attached; the last detach - shmdt, munmap,
 * exit or exec, whichever drops the object's last reference - calls
 * shm_evict, which takes it out.  shm_tot counts the pages of all
 * segments against SHMALL.
 *
 * Locking: shm_ids_lock (a spinlock) over shm_segs[], shm_seq[], shm_tot
 * and every field of every segment.  It is taken inside mmap_sem (shmdt)
 * and by the last iput of a removed segment's object (shm_evict), which
 * may come from deep in an exiting task's mmput.  Every section under it
 * is a few field updates, so a spinlock serves; nothing is allocated,
 * copied to or from the user, or mapped while it is held.
 */
#include "ipc/shm.h"
#include "fs/fs.h"
#include "fs/seq_file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/spinlock.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/shmem.h"
#include "mm/slab.h"

#define SEQ_MULTIPLIER 32768    /* Linux's IPCMNI */
#define SHMLBA PAGE_SIZE

struct shmid_kernel {
	int key;
	u32 uid, gid, cuid, cgid;
	u32 mode;                       /* permission bits, SHM_DEST */
	unsigned long segsz;
	s64 atime, dtime, ctime;
	int cpid, lpid;
	int id;
	struct inode *inode;            /* the shmem object */
};

/* Linux's struct ipc64_perm and struct shmid64_ds for i386: times split
 * in two words, 84 bytes in all. */
struct ipc64_perm {
	s32 key;
	u32 uid, gid, cuid, cgid;
	u16 mode, pad1, seq, pad2;
	u32 unused1, unused2;
};

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	u32 shm_segsz;
	u32 shm_atime, shm_atime_high;
	u32 shm_dtime, shm_dtime_high;
	u32 shm_ctime, shm_ctime_high;
	s32 shm_cpid, shm_lpid;
	u32 shm_nattch;
	u32 unused4, unused5;
};
_Static_assert(sizeof(struct shmid64_ds) == 84, "shmid64_ds is 84 bytes on i386");

struct shminfo64 {
	u32 shmmax, shmmin, shmmni, shmseg, shmall;
	u32 unused1, unused2, unused3, unused4;
};

struct shm_info {
	s32 used_ids;
	u32 shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

static DEFINE_SPINLOCK(shm_ids_lock);
static struct shmid_kernel *shm_segs[SHMMNI];
static u16 shm_seq[SHMMNI];
static unsigned long shm_tot;

static s64 now(void)
{
	return (s64)(ktime_get_real_ns() / 1000000000ull);
}

static unsigned long seg_pages(const struct shmid_kernel *shp)
{
	return (shp->segsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* Areas attached: the object's references less the segment's own (a
 * shmat in progress counts for a moment, as in Linux). */
static u32 shm_nattch(const struct shmid_kernel *shp)
{
	return (u32)(*(volatile int *)&shp->inode->i_count - !(shp->mode & SHM_DEST));
}

/* The segment id names, or NULL.  shm_ids_lock held. */
static struct shmid_kernel *shm_lookup(int id)
{
	struct shmid_kernel *shp;

	lockdep_assert_held(&shm_ids_lock);
	if (id < 0 || id % SEQ_MULTIPLIER >= SHMMNI)
		return NULL;
	shp = shm_segs[id % SEQ_MULTIPLIER];
	return shp && shp->id == id ? shp : NULL;
}

int shm_nr_ids(void)
{
	int n = 0;

	spin_lock(&shm_ids_lock);
	for (int i = 0; i < SHMMNI; i++)
		n += shm_segs[i] != NULL;
	spin_unlock(&shm_ids_lock);
	return n;
}

/* The last reference to a removed segment's object went (the last
 * detach): the segment leaves the table.  From iput; takes the lock, so
 * no path may drop that reference with it held. */
static void shm_evict(struct inode *inode)
{
	struct shmid_kernel *shp = SHMEM_I(inode)->owner;

	spin_lock(&shm_ids_lock);
	shm_segs[shp->id % SEQ_MULTIPLIER] = NULL;
	shm_tot -= seg_pages(shp);
	spin_unlock(&shm_ids_lock);
	kfree(shp);
}

/* A new segment of size bytes for key, not yet in the table (made
 * before the lock is taken: it allocates); -EINVAL for a size outside
 * SHMMIN..SHMMAX, -ENOMEM. */
static struct shmid_kernel *alloc_segment(int key, unsigned long size, unsigned long shmflg,
					  long *err)
{
	struct shmid_kernel *shp;
	char name[16];

	*err = size < SHMMIN || size > SHMMAX ? -EINVAL : -ENOMEM;
	if (*err == -EINVAL)
		return NULL;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	snprintf(name, sizeof(name), "/SYSV%08x", (unsigned int)key);
	if (!shp || !(shp->inode = shmem_file_setup(name, size))) {
		kfree(shp);
		return NULL;
	}
	shp->key = key;
	shp->mode = (u32)shmflg & 0777;
	shp->segsz = size;
	shp->ctime = now();
	shp->cpid = (int)sys_getpid();  /* the process's (its thread group's) */
	return shp;
}

/* A segment alloc_segment made and the table did not take. */
static void free_segment(struct shmid_kernel *shp)
{
	if (shp) {
		iput(shp->inode);
		kfree(shp);
	}
}

/* Put shp in the table: its id, or -ENOSPC (SHMALL pages or SHMMNI
 * segments reached).  shm_ids_lock held. */
static long newseg(struct shmid_kernel *shp)
{
	unsigned long pages = seg_pages(shp);
	int idx = 0;

	lockdep_assert_held(&shm_ids_lock);
	if (shm_tot + pages < shm_tot || shm_tot + pages > SHMALL)
		return -ENOSPC;
	while (idx < SHMMNI && shm_segs[idx])
		idx++;
	if (idx == SHMMNI)
		return -ENOSPC;
	SHMEM_I(shp->inode)->evict = shm_evict;
	SHMEM_I(shp->inode)->owner = shp;
	shp->id = shm_seq[idx]++ % (0x7fffffff / SEQ_MULTIPLIER) * SEQ_MULTIPLIER + idx;
	shm_segs[idx] = shp;
	shm_tot += pages;
	return shp->id;
}

static struct shmid_kernel *shm_find_key(int key)
{
	lockdep_assert_held(&shm_ids_lock);
	for (int i = 0; i < SHMMNI; i++)
		if (shm_segs[i] && shm_segs[i]->key == key)
			return shm_segs[i];
	return NULL;
}

/* shmget's decision with the table locked: an id, -errno, or -EAGAIN
 * when a new segment is needed and none was made yet (*shp NULL); a
 * segment the table takes is cleared from *shp.  Linux's order of
 * checks: a missing key without IPC_CREAT is ENOENT, an existing one
 * with IPC_CREAT|IPC_EXCL EEXIST, and one smaller than size EINVAL. */
static long shmget_locked(int key, unsigned long size, unsigned long shmflg,
			  struct shmid_kernel **shp)
{
	struct shmid_kernel *old = key == IPC_PRIVATE ? NULL : shm_find_key(key);
	long id;

	if (key != IPC_PRIVATE && old) {
		if ((shmflg & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL))
			return -EEXIST;
		return old->segsz < size ? -EINVAL : old->id;
	}
	if (key != IPC_PRIVATE && !(shmflg & IPC_CREAT))
		return -ENOENT;
	if (!*shp)
		return -EAGAIN;
	id = newseg(*shp);
	if (id >= 0)
		*shp = NULL;
	return id;
}

/* The lock is dropped to make a new segment, so the key is looked up
 * again after (someone may have made it meanwhile). */
long sys_shmget(unsigned long key, unsigned long size, unsigned long shmflg)
{
	struct shmid_kernel *shp = NULL;
	long ret;

	for (;;) {
		spin_lock(&shm_ids_lock);
		ret = shmget_locked((int)key, size, shmflg, &shp);
		spin_unlock(&shm_ids_lock);
		if (ret != -EAGAIN)
			break;
		shp = alloc_segment((int)key, size, shmflg, &ret);
		if (!shp)
			break;
	}
	free_segment(shp);
	return ret;
}

/* Where shmat maps: shmaddr (rounded down with SHM_RND), or 0 for
 * anywhere; -EINVAL when misaligned without SHM_RND. */
static long shmat_addr(unsigned long shmaddr, int shmflg, unsigned long size)
{
	if (shmaddr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		shmaddr &= ~(SHMLBA - 1);
	}
	if (shmaddr && (shmaddr >= TASK_SIZE || size > TASK_SIZE - shmaddr))
		return -EINVAL;
	return (long)shmaddr;
}

/* Does anything overlap [addr, addr + len)?  mmap_sem held. */
static bool range_mapped(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start < addr + len;
}

/* Attach: an area of the segment's size mapping its object, read-only
 * with SHM_RDONLY; at a given address it must not replace anything
 * unless SHM_REMAP says so (EINVAL). */
long do_shmat(int shmid, unsigned long shmaddr, int shmflg, unsigned long *raddr)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = VM_SHARED | VM_READ, size;
	struct shmid_kernel *shp;
	struct inode *inode;
	long addr;

	spin_lock(&shm_ids_lock);
	shp = shm_lookup(shmid);
	inode = shp ? igrab(shp->inode) : NULL;
	size = shp ? PAGE_ALIGN(shp->segsz) : 0;
	spin_unlock(&shm_ids_lock);
	if (!inode)
		return shp ? -EIDRM : -EINVAL;
	vm_flags |= (shmflg & SHM_RDONLY ? 0 : VM_WRITE | VM_MAYWRITE) |
		    (shmflg & SHM_EXEC ? VM_EXEC : 0) | VM_MAYREAD | VM_MAYEXEC;
	addr = shmat_addr(shmaddr, shmflg, size);
	if (addr >= 0) {
		down_write(&mm->mmap_sem);
		if (addr && !(shmflg & SHM_REMAP) && range_mapped(mm, (unsigned long)addr, size))
			addr = -EINVAL;
		else
			addr = do_mmap(mm, (unsigned long)addr, size, vm_flags, inode, 0);
		up_write(&mm->mmap_sem);
	}
	if (!IS_ERR_VALUE(addr)) {
		spin_lock(&shm_ids_lock);
		shp->atime = now();
		shp->lpid = (int)sys_getpid();
		spin_unlock(&shm_ids_lock);
		*raddr = (unsigned long)addr;
	}
	iput(inode);                    /* the area holds its own */
	return IS_ERR_VALUE(addr) ? addr : 0;
}

long sys_shmat(unsigned long shmid, unsigned long shmaddr, unsigned long shmflg)
{
	unsigned long addr;
	long err = do_shmat((int)shmid, shmaddr, (int)shmflg, &addr);

	return err ? err : (long)addr;
}

/* The segment vma is an attach of, if it is one: a SysV object mapped
 * from its start (vm_pgoff 0 at the attach address). */
static struct shmid_kernel *attached_segment(struct vm_area_struct *vma)
{
	struct shmem_inode_info *info = vma->vm_inode ? SHMEM_I(vma->vm_inode) : NULL;

	return info && info->evict == shm_evict ? info->owner : NULL;
}

/* Detach the attach at shmaddr: every area of that segment in the
 * segment's size from shmaddr, at the offset the attach gave it (an
 * attach mprotect split is several areas); -EINVAL when none starts
 * there. */
long sys_shmdt(unsigned long shmaddr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct shmid_kernel *shp;
	struct inode *inode;
	unsigned long end;
	long err = -EINVAL;

	if (shmaddr & ~PAGE_MASK)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	vma = find_vma(mm, shmaddr);
	shp = vma && vma->vm_start == shmaddr && !vma->vm_pgoff ? attached_segment(vma) : NULL;
	if (!shp)
		goto out;
	inode = vma->vm_inode;
	end = shmaddr + PAGE_ALIGN(inode->i_size);
	spin_lock(&shm_ids_lock);
	shp->dtime = now();
	shp->lpid = (int)sys_getpid();
	spin_unlock(&shm_ids_lock);
	for (unsigned long addr = shmaddr; (vma = find_vma(mm, addr)) && vma->vm_start < end;) {
		addr = vma->vm_end;
		if (vma->vm_inode == inode &&
		    vma->vm_pgoff == (vma->vm_start - shmaddr) >> PAGE_SHIFT)
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	err = 0;
out:
	up_write(&mm->mmap_sem);
	return err;
}

static void fill_shmid64(struct shmid64_ds *ds, const struct shmid_kernel *shp)
{
	memset(ds, 0, sizeof(*ds));
	ds->shm_perm = (struct ipc64_perm){
		.key = shp->key, .uid = shp->uid, .gid = shp->gid, .cuid = shp->cuid,
		.cgid = shp->cgid, .mode = (u16)shp->mode,
		.seq = (u16)(shp->id / SEQ_MULTIPLIER),
	};
	ds->shm_segsz = (u32)shp->segsz;
	ds->shm_atime = (u32)shp->atime;
	ds->shm_atime_high = (u32)(shp->atime >> 32);
	ds->shm_dtime = (u32)shp->dtime;
	ds->shm_dtime_high = (u32)(shp->dtime >> 32);
	ds->shm_ctime = (u32)shp->ctime;
	ds->shm_ctime_high = (u32)(shp->ctime >> 32);
	ds->shm_cpid = shp->cpid;
	ds->shm_lpid = shp->lpid;
	ds->shm_nattch = shm_nattch(shp);
}

/* The highest index in use (IPC_INFO's and SHM_INFO's result), and the
 * totals.  shm_ids_lock held. */
static int shm_max_idx(struct shm_info *info)
{
	int max = 0;

	lockdep_assert_held(&shm_ids_lock);
	memset(info, 0, sizeof(*info));
	for (int i = 0; i < SHMMNI; i++) {
		if (!shm_segs[i])
			continue;
		max = i;
		info->used_ids++;
		info->shm_rss += (u32)shm_segs[i]->inode->i_data.nrpages;
	}
	info->shm_tot = (u32)shm_tot;
	return max;
}

static long shm_info_cmds(int cmd, void __user *buf)
{
	struct shminfo64 limits = {
		.shmmax = (u32)SHMMAX, .shmmin = (u32)SHMMIN, .shmmni = SHMMNI,
		.shmseg = SHMSEG, .shmall = (u32)SHMALL,
	};
	struct shm_info info;
	int max;

	spin_lock(&shm_ids_lock);
	max = shm_max_idx(&info);
	spin_unlock(&shm_ids_lock);
	if (cmd == IPC_INFO ? copy_to_user(buf, &limits, sizeof(limits))
			    : copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return max;
}

/* IPC_STAT, or SHM_STAT whose id is an index (by_index): the segment's
 * shmid64_ds; SHM_STAT returns the full identifier. */
static long shm_stat(int id, bool by_index, void __user *buf)
{
	struct shmid_kernel *shp;
	struct shmid64_ds ds;
	long ret;

	spin_lock(&shm_ids_lock);
	if (!by_index)
		shp = shm_lookup(id);
	else
		shp = id >= 0 && id < SHMMNI ? shm_segs[id] : NULL;
	if (shp)
		fill_shmid64(&ds, shp);
	ret = !shp ? -EINVAL : by_index ? shp->id : 0;
	spin_unlock(&shm_ids_lock);
	if (shp && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_SET: owner and permission bits from buf; IPC_RMID: the segment
 * leaves its key and goes with its last attach (its own reference is
 * dropped here, after the lock: it may be the last). */
static long shm_set_or_rmid(int id, int cmd, void __user *buf)
{
	struct inode *put = NULL;
	struct shmid_kernel *shp;
	struct shmid64_ds ds;
	long ret = 0;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	spin_lock(&shm_ids_lock);
	shp = shm_lookup(id);
	if (!shp) {
		ret = -EINVAL;
	} else if (cmd == IPC_SET) {
		shp->uid = ds.shm_perm.uid;
		shp->gid = ds.shm_perm.gid;
		shp->mode = (shp->mode & ~0777u) | (ds.shm_perm.mode & 0777u);
		shp->ctime = now();
	} else if (!(shp->mode & SHM_DEST)) {
		shp->mode |= SHM_DEST;
		shp->key = IPC_PRIVATE;
		put = shp->inode;
	}
	spin_unlock(&shm_ids_lock);
	iput(put);
	return ret;
}

/* Only the 64-bit layouts (ipc64), which glibc always asks for; the
 * old ones are EINVAL. */
static long do_shmctl(int shmid, int op, bool ipc64, void __user *buf)
{
	if (shmid < 0 || op < 0)
		return -EINVAL;
	if (op == IPC_RMID)
		return shm_set_or_rmid(shmid, IPC_RMID, NULL);
	if (!ipc64)
		return -EINVAL;
	switch (op) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info_cmds(op, buf);
	case IPC_STAT:
		return shm_stat(shmid, false, buf);
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_stat(shmid, true, buf);
	case IPC_SET:
		return shm_set_or_rmid(shmid, IPC_SET, buf);
	default:
		return -EINVAL;
	}
}

/* The shmctl system call (396) speaks only the 64-bit layouts, so its
 * cmd carries no IPC_64 bit: one there makes an unknown command. */
long sys_shmctl(unsigned long shmid, unsigned long cmd, void __user *buf)
{
	return do_shmctl((int)shmid, (int)cmd, true, buf);
}

/* ipc(2)'s SHMCTL, where the IPC_64 bit in cmd picks the layout. */
long ipc_shmctl(unsigned long shmid, unsigned long cmd, void __user *buf)
{
	return do_shmctl((int)shmid, (int)(cmd & ~(unsigned long)IPC_64), cmd & IPC_64, buf);
}

void sysvipc_shm_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid"
		      "      atime      dtime      ctime        rss       swap\n");
	spin_lock(&shm_ids_lock);
	for (int i = 0; i < SHMMNI; i++) {
		const struct shmid_kernel *shp = shm_segs[i];

		if (!shp)
			continue;
		seq_printf(m, "%10d %10d  %4o %10lu %5d %5d  %5u %5u %5u %5u %5u %10lld %10lld %10lld "
			      "%10lu %10lu\n", shp->key, shp->id, shp->mode, shp->segsz, shp->cpid,
			   shp->lpid, shm_nattch(shp), shp->uid, shp->gid, shp->cuid, shp->cgid,
			   (long long)shp->atime, (long long)shp->dtime, (long long)shp->ctime,
			   shp->inode->i_data.nrpages << PAGE_SHIFT, 0UL);
	}
	spin_unlock(&shm_ids_lock);
}
