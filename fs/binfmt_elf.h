/*
 * fs/binfmt_elf.h - the ELF32 loader's interface to exec (fs/exec.c):
 * the headers of the file being loaded and the three steps of loading.
 */
#ifndef FS_BINFMT_ELF_H
#define FS_BINFMT_ELF_H

#include "fs/fs.h"
#include "lib/elf.h"
#include "mm/mm_types.h"

#define MAX_PHDRS 16

#define AT_EXECFN 31

struct exec_image {
	struct inode *inode;
	Elf32_Ehdr ehdr;
	Elf32_Phdr phdr[MAX_PHDRS];
	unsigned long phdr_addr, brk;
};

/* Read and check the ELF and program headers of img->inode: 0 or
 * -ENOEXEC (not a static i386 executable we can run). */
int elf_read_headers(struct exec_image *img);
/* Map the segments, the heap start and the stack into mm: 0 or -errno. */
int load_elf_binary(struct mm_struct *mm, struct exec_image *img);
/* Copy path, argv and envp to the new stack with the auxiliary vector;
 * *sp_out is where argc is.  0 or -E2BIG/-EFAULT. */
int create_elf_tables(struct exec_image *img, const char *path, char *const argv[],
		      char *const envp[], unsigned long *sp_out);

#endif
