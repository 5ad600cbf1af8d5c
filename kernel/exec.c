/*
 * kernel/exec.c - running a program: loading a static ELF32 executable
 * into a fresh address space and entering it in user mode.
 *
 * do_execve() reads the ELF header and program headers from the file,
 * maps each PT_LOAD segment privately from the file's page cache (text is
 * shared between processes until written), zero-fills the bss (the tail
 * of the last file page, then anonymous pages), puts the heap after the
 * last segment, builds the initial stack the i386 SysV ABI and Linux
 * use - argc, argv, envp, then the auxiliary vector - and jumps to user
 * mode through resume_userspace with a pt_regs frame of its own making.
 *
 * Data: none kept; struct exec_image describes the file while loading.
 * Locking: the new mm is private to this task until it runs.
 */
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/gdt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"
#include "mm/mmu_context.h"
#include "mm/slab.h"

#define ELF_MAGIC "\177ELF"
#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define STACK_TOP TASK_SIZE
#define STACK_SIZE (128 * 1024)         /* mapped up front; it grows below */
#define MAX_PHDRS 16

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

struct elf32_hdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} __attribute__((packed));

struct elf32_phdr {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} __attribute__((packed));

struct exec_image {
	struct inode *inode;
	struct elf32_hdr ehdr;
	struct elf32_phdr phdr[MAX_PHDRS];
	unsigned long phdr_addr, brk;
};

static int read_headers(struct exec_image *img)
{
	struct elf32_hdr *e = &img->ehdr;
	size_t phsize;

	if (vfs_read(img->inode, e, sizeof(*e), 0) != (ssize_t)sizeof(*e) ||
	    memcmp(e->e_ident, ELF_MAGIC, 4) || e->e_ident[4] != 1 /* ELFCLASS32 */)
		return -ENOEXEC;
	if (e->e_type != ET_EXEC || e->e_machine != EM_386 ||
	    e->e_phentsize != sizeof(struct elf32_phdr) || !e->e_phnum || e->e_phnum > MAX_PHDRS)
		return -ENOEXEC;
	phsize = e->e_phnum * sizeof(struct elf32_phdr);
	if (vfs_read(img->inode, img->phdr, phsize, e->e_phoff) != (ssize_t)phsize)
		return -ENOEXEC;
	return 0;
}

static unsigned long vm_flags_of(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* One PT_LOAD: the file part mapped privately, the bss after it zeroed. */
static int load_segment(struct mm_struct *mm, struct exec_image *img, const struct elf32_phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long mem_end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long map_end = PAGE_ALIGN(file_end), flags = vm_flags_of(ph->p_flags);
	long err;

	if ((ph->p_vaddr & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK) || ph->p_memsz < ph->p_filesz ||
	    ph->p_vaddr + ph->p_memsz > STACK_TOP - STACK_SIZE)
		return -ENOEXEC;
	if (ph->p_filesz) {
		err = do_mmap(mm, start, map_end - start, flags, img->inode, ph->p_offset >> PAGE_SHIFT);
		if (IS_ERR_VALUE(err))
			return (int)err;
	}
	if (ph->p_memsz > ph->p_filesz && (file_end & ~PAGE_MASK) && ph->p_filesz) {
		/* The file's page goes on past the segment: zero that part (a
		 * private copy of the page; the file is untouched). */
		if (clear_user((void *)file_end, map_end - file_end))
			return -EFAULT;
	}
	if (mem_end > map_end) {
		err = do_mmap(mm, map_end, mem_end - map_end, flags, NULL, 0);
		if (IS_ERR_VALUE(err))
			return (int)err;
	}
	if (ph->p_offset == 0)
		img->phdr_addr = ph->p_vaddr + img->ehdr.e_phoff;
	img->brk = max(img->brk, mem_end);
	return 0;
}

/* Push bytes onto the user stack; returns the new stack pointer or 0. */
static unsigned long push_bytes(unsigned long sp, const void *data, size_t len)
{
	sp -= len;
	return copy_to_user((void *)sp, data, len) ? 0 : sp;
}

struct stack_builder {
	unsigned long sp;
	unsigned long *words;           /* argc, argv..., 0, envp..., 0, auxv... */
	int n;
};

static void push_word(struct stack_builder *b, unsigned long w)
{
	b->words[b->n++] = w;
}

static void push_aux(struct stack_builder *b, unsigned long type, unsigned long val)
{
	push_word(b, type);
	push_word(b, val);
}

/* Strings first (at the top), then the vectors that point to them. */
static int build_stack(struct exec_image *img, const char *path, char *const argv[],
		       char *const envp[], unsigned long *sp_out)
{
	int argc = 0, envc = 0;
	unsigned long sp = STACK_TOP, random, platform, execfn, ptrs[64];
	u8 rnd[16];
	struct stack_builder b = { .words = kmalloc(128 * sizeof(long), GFP_KERNEL) };

	if (!b.words)
		return -ENOMEM;
	while (argv[argc])
		argc++;
	while (envp[envc])
		envc++;
	if (argc + envc > 60)
		goto too_big;
	sp = push_bytes(sp, path, strlen(path) + 1);
	execfn = sp;
	for (int i = envc - 1; i >= 0; i--)
		ptrs[argc + i] = sp = push_bytes(sp, envp[i], strlen(envp[i]) + 1);
	for (int i = argc - 1; i >= 0; i--)
		ptrs[i] = sp = push_bytes(sp, argv[i], strlen(argv[i]) + 1);
	current->mm->arg_start = sp;
	current->mm->arg_end = current->mm->env_start = envc ? ptrs[argc] : execfn;
	current->mm->env_end = execfn;
	platform = sp = push_bytes(sp, "i686", 5);
	for (int i = 0; i < 16; i++)
		rnd[i] = (u8)(rdtsc() >> (i % 4 * 3));
	random = sp = push_bytes(sp, rnd, sizeof(rnd));
	if (!sp)
		goto fault;
	push_word(&b, (unsigned long)argc);
	for (int i = 0; i < argc; i++)
		push_word(&b, ptrs[i]);
	push_word(&b, 0);
	for (int i = 0; i < envc; i++)
		push_word(&b, ptrs[argc + i]);
	push_word(&b, 0);
	push_aux(&b, AT_PHDR, img->phdr_addr);
	push_aux(&b, AT_PHENT, sizeof(struct elf32_phdr));
	push_aux(&b, AT_PHNUM, img->ehdr.e_phnum);
	push_aux(&b, AT_PAGESZ, PAGE_SIZE);
	push_aux(&b, AT_ENTRY, img->ehdr.e_entry);
	push_aux(&b, AT_UID, 0);
	push_aux(&b, AT_EUID, 0);
	push_aux(&b, AT_GID, 0);
	push_aux(&b, AT_EGID, 0);
	push_aux(&b, AT_SECURE, 0);
	push_aux(&b, AT_RANDOM, random);
	push_aux(&b, AT_HWCAP, 0);
	push_aux(&b, AT_PLATFORM, platform);
	push_aux(&b, AT_EXECFN, execfn);
	push_aux(&b, AT_NULL, 0);
	sp = (sp - b.n * sizeof(long)) & ~15UL;        /* argc 16-byte aligned */
	if (copy_to_user((void *)sp, b.words, b.n * sizeof(long)))
		goto fault;
	kfree(b.words);
	*sp_out = sp;
	return 0;
too_big:
	kfree(b.words);
	return -E2BIG;
fault:
	kfree(b.words);
	return -EFAULT;
}

/* PT_GNU_STACK says whether the program needs an executable stack; as
 * in Linux, one without it (an old toolchain) gets one.  Without PAE's NX
 * bit the CPU cannot refuse to execute there, but the area records it
 * (see /proc/PID/maps). */
static unsigned long stack_flags(const struct exec_image *img)
{
	for (int i = 0; i < img->ehdr.e_phnum; i++)
		if (img->phdr[i].p_type == PT_GNU_STACK)
			return img->phdr[i].p_flags & PF_X ? VM_EXEC : 0;
	return VM_EXEC;
}

static int load_image(struct mm_struct *mm, struct exec_image *img)
{
	long err;

	for (int i = 0; i < img->ehdr.e_phnum; i++) {
		if (img->phdr[i].p_type != PT_LOAD)
			continue;
		err = load_segment(mm, img, &img->phdr[i]);
		if (err)
			return (int)err;
	}
	mm->start_brk = mm->brk = img->brk;
	err = do_mmap(mm, STACK_TOP - STACK_SIZE, STACK_SIZE,
		      VM_READ | VM_WRITE | VM_GROWSDOWN | stack_flags(img), NULL, 0);
	return IS_ERR_VALUE(err) ? (int)err : 0;
}

/* Leave the kernel for the new program: a user-mode frame at the top of
 * this task's kernel stack, popped by resume_userspace's iret. */
static void __attribute__((noreturn)) start_thread(unsigned long eip, unsigned long esp)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->eip = eip;
	regs->esp = esp;
	regs->eflags = X86_EFLAGS_IF | 0x2;
	local_irq_disable();
	fpu_init_task(current);
	tss_set_esp0(current->thread.esp0);
	asm volatile("movl %0, %%esp\n\tjmp resume_userspace" : : "r"(regs) : "memory");
	__builtin_unreachable();
}

/* release: memory holding path/argv/envp, freed once they are copied to
 * the new stack (on success this function does not return). */
static int exec_and_release(const char *path, char *const argv[], char *const envp[],
			    void *release)
{
	struct exec_image *img = kzalloc(sizeof(*img), GFP_KERNEL);
	struct mm_struct *mm, *old = current->mm;
	struct dentry *d;
	unsigned long sp;
	int err = -ENOMEM;

	if (!img)
		return -ENOMEM;
	d = path_lookup(path, &err);
	if (!d || !S_ISREG(d->d_inode->i_mode)) {
		err = d ? -EACCES : err;
		dput(d);
		goto out;
	}
	img->inode = d->d_inode;
	err = read_headers(img);
	if (err || !(mm = mm_alloc()))
		goto out_dput;
	use_mm(mm);
	err = load_image(mm, img);
	if (!err)
		err = build_stack(img, path, argv, envp, &sp);
	if (err) {
		if (old)
			use_mm(old);
		else
			unuse_mm(mm);
		mmput(mm);
		goto out_dput;
	}
	mm->exe_file = d;
	mm->start_stack = sp;           /* where argc is: /proc/PID/stat's startstack */
	if (old)
		mmput(old);
	flush_signal_handlers(current);
	flush_thread();
	if (current->files)
		close_on_exec(current->files);
	if (current->vfork_done) {      /* the vfork parent may go on now */
		complete(current->vfork_done);
		current->vfork_done = NULL;
	}
	strlcpy(current->comm, strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		sizeof(current->comm));
	unsigned long entry = img->ehdr.e_entry;

	kfree(img);
	kfree(release);
	start_thread(entry, sp);
out_dput:
	dput(d);
out:
	kfree(img);
	return err;
}

int do_execve(const char *path, char *const argv[], char *const envp[])
{
	return exec_and_release(path, argv, envp, NULL);
}

#define EXEC_ARGS_MAX 64
#define EXEC_STRINGS (16 * 1024)

/* Copy a NULL-terminated user array of strings into buf; n entries. */
static int copy_strings(char **vec, unsigned long uvec, char **buf, size_t *left)
{
	int n = 0;

	for (; uvec; n++) {
		u32 ustr;
		long len;

		if (n == EXEC_ARGS_MAX)
			return -E2BIG;
		if (copy_from_user(&ustr, (void *)(uvec + 4 * (unsigned long)n), 4))
			return -EFAULT;
		if (!ustr)
			break;
		len = strncpy_from_user(*buf, (const char *)(unsigned long)ustr, (long)*left);
		if (len < 0)
			return (int)len;
		if ((size_t)len == *left)
			return -E2BIG;
		vec[n] = *buf;
		*buf += len + 1;
		*left -= (size_t)len + 1;
	}
	vec[n] = NULL;
	return n;
}

long sys_execve(unsigned long upath, unsigned long uargv, unsigned long uenvp)
{
	char **vec = kmalloc(2 * (EXEC_ARGS_MAX + 1) * sizeof(char *) + EXEC_STRINGS, GFP_KERNEL);
	char *buf, *path;
	size_t left = EXEC_STRINGS;
	long err;

	if (!vec)
		return -ENOMEM;
	buf = (char *)(vec + 2 * (EXEC_ARGS_MAX + 1));
	path = buf;
	err = strncpy_from_user(path, (const char *)upath, PATH_MAX < (long)left ? PATH_MAX : (long)left);
	if (err >= 0) {
		buf += err + 1;
		left -= (size_t)err + 1;
		err = copy_strings(vec, uargv, &buf, &left);
	}
	if (err >= 0)
		err = copy_strings(vec + EXEC_ARGS_MAX + 1, uenvp, &buf, &left);
	if (err >= 0)
		err = exec_and_release(path, vec, vec + EXEC_ARGS_MAX + 1, vec);
	kfree(vec);
	return err;
}
