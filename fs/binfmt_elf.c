/*
 * fs/binfmt_elf.c - the ELF32 loader: checking a static i386 executable's
 * headers, mapping each PT_LOAD segment privately from the file's page
 * cache (text is shared between processes until written), zero-filling
 * the bss (the tail of the last file page, then anonymous pages), putting
 * the heap after the last segment, and building the initial stack the
 * i386 SysV ABI and Linux use: argc, argv, envp, then the auxiliary
 * vector (create_elf_tables).
 *
 * Data: none kept; struct exec_image (fs/binfmt_elf.h) describes the file
 * while loading.  Locking: the new mm is private to the exec'ing task
 * until it runs.
 */
#include "fs/binfmt_elf.h"
#include "fs/fs.h"
#include "kernel/arch/uaccess.h"
#include "kernel/arch/vsyscall.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"
#include "mm/slab.h"

#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define STACK_TOP TASK_SIZE
#define STACK_SIZE (128 * 1024)         /* mapped up front; it grows below */

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
#define AT_SYSINFO 32
#define AT_SYSINFO_EHDR 33

int elf_read_headers(struct exec_image *img)
{
	Elf32_Ehdr *e = &img->ehdr;
	size_t phsize;

	if (vfs_read(img->inode, e, sizeof(*e), 0) != (ssize_t)sizeof(*e) ||
	    memcmp(e->e_ident, ELFMAG, SELFMAG) || e->e_ident[EI_CLASS] != ELFCLASS32)
		return -ENOEXEC;
	if (e->e_type != ET_EXEC || e->e_machine != EM_386 ||
	    e->e_phentsize != sizeof(Elf32_Phdr) || !e->e_phnum || e->e_phnum > MAX_PHDRS)
		return -ENOEXEC;
	phsize = e->e_phnum * sizeof(Elf32_Phdr);
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
static int load_segment(struct mm_struct *mm, struct exec_image *img, const Elf32_Phdr *ph)
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
		if (clear_user((void __user *)file_end, map_end - file_end))
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
	return copy_to_user((void __user *)sp, data, len) ? 0 : sp;
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
int create_elf_tables(struct exec_image *img, const char *path, char *const argv[],
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
	push_aux(&b, AT_PHENT, sizeof(Elf32_Phdr));
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
	if (vsyscall_ehdr()) {          /* glibc's system calls: the vsyscall page */
		push_aux(&b, AT_SYSINFO, vsyscall_entry());
		push_aux(&b, AT_SYSINFO_EHDR, vsyscall_ehdr());
	}
	push_aux(&b, AT_NULL, 0);
	sp = (sp - b.n * sizeof(long)) & ~15UL;        /* argc 16-byte aligned */
	if (copy_to_user((void __user *)sp, b.words, b.n * sizeof(long)))
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

int load_elf_binary(struct mm_struct *mm, struct exec_image *img)
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
