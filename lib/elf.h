/*
 * lib/elf.h - the ELF32 structures and constants of the System V ABI and
 * its i386 supplement, under their standard names: what exec
 * (fs/binfmt_elf.c) reads from an executable and the module loader
 * (kernel/module.c) from a relocatable object.
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include "lib/types.h"

#define ELFMAG "\177ELF"
#define SELFMAG 4
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define ET_REL 1
#define ET_EXEC 2
#define EM_386 3

typedef struct {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;
_Static_assert(sizeof(Elf32_Ehdr) == 52, "the ELF header is 52 bytes");

typedef struct {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

#define PT_LOAD 1

#define SHT_SYMTAB 2
#define SHT_RELA 4
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_WRITE 0x1
#define SHF_ALLOC 0x2
#define SHF_EXECINSTR 0x4

typedef struct {
	u32 sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info,
	    sh_addralign, sh_entsize;
} Elf32_Shdr;

#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00
#define SHN_ABS 0xfff1
#define SHN_COMMON 0xfff2
#define STT_OBJECT 1
#define STT_FUNC 2
#define ELF32_ST_TYPE(info) ((info) & 0xf)

typedef struct {
	u32 st_name, st_value, st_size;
	u8 st_info, st_other;
	u16 st_shndx;
} Elf32_Sym;

#define R_386_32 1
#define R_386_PC32 2
#define R_386_PLT32 4
#define ELF32_R_SYM(info) ((info) >> 8)
#define ELF32_R_TYPE(info) ((info) & 0xff)

typedef struct {
	u32 r_offset, r_info;
} Elf32_Rel;

#endif
