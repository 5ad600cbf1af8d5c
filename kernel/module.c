/*
 * kernel/module.c - loadable kernel modules: an ELF32 relocatable object
 * linked into the running kernel.
 *
 * Loading (load_module): check the ELF headers against the image's
 * length; lay out every SHF_ALLOC section in one vmalloc area - code and
 * read-only data first, page-aligned so that they can be made read-only,
 * then data and bss (zeroed); resolve each undefined symbol against the
 * exported ones (the kernel's __ksymtab and the live modules' own: only
 * exported symbols resolve, and a missing one is reported by name and
 * refuses the load); apply the R_386_32 (S + A) and R_386_PC32 (S + A - P)
 * relocations; set the parameters insmod gave; make the text read-only;
 * keep the symbol table for backtraces; run init_module.  A module whose
 * symbols another uses is pinned by it; try_module_get pins it too; rmmod
 * (delete_module) of a pinned module is refused (-EWOULDBLOCK).  Any
 * failure - a bad ELF, an unknown symbol, a failing init - frees
 * everything allocated on the way.  So does an oops in init: init runs
 * under call_recoverable (kernel/arch/oops_recover.h), which leaves it
 * with -EFAULT when it holds no lock, and insmod gets the error.
 *
 * Data: modules (the list, in load order), each struct module (kmalloc),
 * its core area (vmalloc) and symbol table (kmalloc).
 * Locking: module_mutex serialises loads and unloads, and covers the
 * symbol lookups they make; the list changes under module_lock (a
 * spinlock) as well, which /proc/modules takes.  A backtrace
 * (module_address_lookup) reads the list with no lock at all - an oops
 * must not wait for one - which is safe because a module is freed only
 * after it has left the list.
 */
#include "kernel/module.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/seq_file.h"
#include "kernel/arch/oops_recover.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/mutex.h"
#include "kernel/locking/spinlock.h"
#include "kernel/syscall.h"
#include "kernel/printk.h"
#include "lib/elf.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

#define MAX_MODULE_SIZE (64UL << 20)

extern const struct kernel_symbol __start___ksymtab[], __stop___ksymtab[];

static LIST_HEAD(modules);
static DEFINE_MUTEX(module_mutex);
static DEFINE_SPINLOCK(module_lock);

/* What the loader knows of the image while it links it. */
struct load_info {
	const u8 *image;
	unsigned long len;
	const Elf32_Ehdr *ehdr;
	const Elf32_Shdr *sechdrs;
	const char *secstrings;
	unsigned long *secaddr;         /* where each section went (0: nowhere) */
	unsigned int symindex, strindex;
	const char *uargs;
};

static const char *section_name(const struct load_info *info, unsigned int i)
{
	return info->secstrings + info->sechdrs[i].sh_name;
}

/* ---- Checking the ELF ---- */

static bool section_in_image(const struct load_info *info, const Elf32_Shdr *s)
{
	return s->sh_type == SHT_NOBITS ||
	       (s->sh_offset <= info->len && s->sh_size <= info->len - s->sh_offset);
}

static int check_elf(struct load_info *info)
{
	const Elf32_Ehdr *e = info->ehdr;

	if (info->len < sizeof(*e) || memcmp(e->e_ident, ELFMAG, SELFMAG) ||
	    e->e_ident[EI_CLASS] != ELFCLASS32 || e->e_ident[EI_DATA] != ELFDATA2LSB ||
	    e->e_type != ET_REL || e->e_machine != EM_386 ||
	    e->e_shentsize != sizeof(Elf32_Shdr) || e->e_shnum == 0 ||
	    e->e_shoff > info->len || e->e_shnum > (info->len - e->e_shoff) / sizeof(Elf32_Shdr) ||
	    e->e_shstrndx >= e->e_shnum)
		return -ENOEXEC;
	info->sechdrs = (const Elf32_Shdr *)(info->image + e->e_shoff);
	for (unsigned int i = 0; i < e->e_shnum; i++) {
		const Elf32_Shdr *s = &info->sechdrs[i];

		if (!section_in_image(info, s) || s->sh_name >= info->sechdrs[e->e_shstrndx].sh_size)
			return -ENOEXEC;
		if (s->sh_type == SHT_SYMTAB) {
			if (info->symindex || s->sh_link >= e->e_shnum || s->sh_entsize != sizeof(Elf32_Sym))
				return -ENOEXEC;
			info->symindex = i;
			info->strindex = s->sh_link;
		}
		if (s->sh_type == SHT_RELA)
			return -ENOEXEC;        /* i386 uses REL */
	}
	info->secstrings = (const char *)info->image + info->sechdrs[e->e_shstrndx].sh_offset;
	return info->symindex ? 0 : -ENOEXEC;
}

/* ---- Layout ---- */

static bool is_text_or_ro(const Elf32_Shdr *s)
{
	return (s->sh_flags & SHF_EXECINSTR) || !(s->sh_flags & SHF_WRITE);
}

/* Offsets for every SHF_ALLOC section: read-only ones (pass 0), a page
 * boundary, then writable ones (pass 1).  Returns the total size. */
static unsigned long layout(struct load_info *info, unsigned long *text_size)
{
	unsigned long size = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (unsigned int i = 0; i < info->ehdr->e_shnum; i++) {
			const Elf32_Shdr *s = &info->sechdrs[i];
			unsigned long align = s->sh_addralign ? s->sh_addralign : 1;

			if (!(s->sh_flags & SHF_ALLOC) || is_text_or_ro(s) != (pass == 0))
				continue;
			size = (size + align - 1) & ~(align - 1);
			info->secaddr[i] = size;        /* an offset until the area exists */
			size += s->sh_size;
		}
		if (pass == 0)
			*text_size = size = PAGE_ALIGN(size);
	}
	return size;
}

static int place_sections(struct module *mod, struct load_info *info)
{
	unsigned long size = layout(info, &mod->text_size);

	mod->core = vmalloc(size ? size : PAGE_SIZE);
	if (!mod->core)
		return -ENOMEM;
	mod->core_size = size;
	memset(mod->core, 0, size);
	for (unsigned int i = 0; i < info->ehdr->e_shnum; i++) {
		const Elf32_Shdr *s = &info->sechdrs[i];

		if (!(s->sh_flags & SHF_ALLOC)) {
			info->secaddr[i] = 0;
			continue;
		}
		info->secaddr[i] += (unsigned long)mod->core;
		if (s->sh_type != SHT_NOBITS)
			memcpy((void *)info->secaddr[i], info->image + s->sh_offset, s->sh_size);
	}
	return 0;
}

/* ---- Symbols ---- */

static const struct kernel_symbol *find_in(const struct kernel_symbol *start,
					   const struct kernel_symbol *stop, const char *name)
{
	for (const struct kernel_symbol *k = start; k < stop; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

/* An exported symbol: the kernel's, or a live module's (*owner). */
static const struct kernel_symbol *find_symbol(const char *name, struct module **owner)
{
	const struct kernel_symbol *k = find_in(__start___ksymtab, __stop___ksymtab, name);
	struct module *m;

	*owner = NULL;
	if (k)
		return k;
	list_for_each_entry(m, &modules, list) {
		k = m->state == MODULE_STATE_LIVE ? find_in(m->syms, m->syms + m->num_syms, name)
						  : NULL;
		if (k) {
			*owner = m;
			return k;
		}
	}
	return NULL;
}

static int add_dependency(struct module *mod, struct module *owner)
{
	for (int i = 0; i < mod->ndeps; i++)
		if (mod->deps[i] == owner)
			return 0;
	if (mod->ndeps == MODULE_MAX_DEPS)
		return -E2BIG;
	mod->deps[mod->ndeps++] = owner;
	owner->users++;
	return 0;
}

static int resolve_undefined(struct module *mod, const char *name, unsigned long *value)
{
	struct module *owner;
	const struct kernel_symbol *k;

	if (!strcmp(name, "__this_module")) {
		*value = (unsigned long)mod;
		return 0;
	}
	k = find_symbol(name, &owner);
	if (!k) {
		pr_warn("%s: Unknown symbol %s\n", mod->name, name);
		return -ENOENT;
	}
	*value = k->value;
	return owner ? add_dependency(mod, owner) : 0;
}

/* Every symbol's final value, into values[] (indexed as the symtab). */
static int simplify_symbols(struct module *mod, struct load_info *info, unsigned long *values)
{
	const Elf32_Shdr *symsec = &info->sechdrs[info->symindex];
	const Elf32_Sym *syms = (const Elf32_Sym *)(info->image + symsec->sh_offset);
	const char *strtab = (const char *)info->image + info->sechdrs[info->strindex].sh_offset;
	unsigned long strsize = info->sechdrs[info->strindex].sh_size;
	int err = 0;

	for (unsigned int i = 1; i < symsec->sh_size / sizeof(Elf32_Sym); i++) {
		const Elf32_Sym *sym = &syms[i];

		if (sym->st_name >= strsize)
			return -ENOEXEC;
		if (sym->st_shndx == SHN_UNDEF)
			err = err ?: resolve_undefined(mod, strtab + sym->st_name, &values[i]);
		else if (sym->st_shndx == SHN_ABS)
			values[i] = sym->st_value;
		else if (sym->st_shndx >= info->ehdr->e_shnum || sym->st_shndx == SHN_COMMON)
			return -ENOEXEC;        /* SHN_COMMON: build with -fno-common */
		else
			values[i] = info->secaddr[sym->st_shndx] + sym->st_value;
	}
	return err;
}

/* ---- Relocation ---- */

static int apply_relocations(struct module *mod, struct load_info *info,
			     const unsigned long *values)
{
	unsigned int nsyms = info->sechdrs[info->symindex].sh_size / sizeof(Elf32_Sym);

	for (unsigned int i = 0; i < info->ehdr->e_shnum; i++) {
		const Elf32_Shdr *rs = &info->sechdrs[i];

		if (rs->sh_type != SHT_REL || rs->sh_info >= info->ehdr->e_shnum ||
		    !info->secaddr[rs->sh_info])
			continue;               /* relocations of a section not loaded */
		const Elf32_Shdr *target = &info->sechdrs[rs->sh_info];
		const Elf32_Rel *rel = (const Elf32_Rel *)(info->image + rs->sh_offset);

		for (unsigned int j = 0; j < rs->sh_size / sizeof(Elf32_Rel); j++) {
			unsigned int sym = ELF32_R_SYM(rel[j].r_info);
			u32 *loc = (u32 *)(info->secaddr[rs->sh_info] + rel[j].r_offset);

			if (sym >= nsyms || rel[j].r_offset > target->sh_size - 4)
				return -ENOEXEC;
			switch (ELF32_R_TYPE(rel[j].r_info)) {
			case R_386_32:
				*loc += (u32)values[sym];
				break;
			case R_386_PC32:
			case R_386_PLT32:       /* no PLT: a call straight there */
				*loc += (u32)values[sym] - (u32)loc;
				break;
			default:
				pr_warn("%s: relocation type %u not supported\n", mod->name,
					ELF32_R_TYPE(rel[j].r_info));
				return -ENOEXEC;
			}
		}
	}
	return 0;
}

/* ---- The module's own sections ---- */

static const Elf32_Shdr *find_section(const struct load_info *info, const char *name,
				      unsigned int *index)
{
	for (unsigned int i = 1; i < info->ehdr->e_shnum; i++)
		if (!strcmp(section_name(info, i), name)) {
			*index = i;
			return &info->sechdrs[i];
		}
	return NULL;
}

/* The "name=" string of .modinfo (module.h puts it there from KBUILD_MODNAME). */
static int module_name(struct module *mod, const struct load_info *info)
{
	unsigned int i;
	const Elf32_Shdr *s = find_section(info, ".modinfo", &i);
	const char *p = s ? (const char *)info->image + s->sh_offset : NULL;
	const char *end = p ? p + s->sh_size : NULL;

	for (; p && p < end; p += strnlen(p, (size_t)(end - p)) + 1)
		if (!strncmp(p, "name=", 5) && strnlen(p + 5, (size_t)(end - p - 5)) < MODULE_NAME_LEN &&
		    p[5]) {
			strcpy(mod->name, p + 5);
			return 0;
		}
	return -ENOEXEC;
}

static void find_exports_and_entries(struct module *mod, struct load_info *info,
				     const unsigned long *values)
{
	const Elf32_Shdr *symsec = &info->sechdrs[info->symindex];
	const Elf32_Sym *syms = (const Elf32_Sym *)(info->image + symsec->sh_offset);
	const char *strtab = (const char *)info->image + info->sechdrs[info->strindex].sh_offset;
	unsigned int i;
	const Elf32_Shdr *ks = find_section(info, "__ksymtab", &i);

	if (ks) {
		mod->syms = (const struct kernel_symbol *)info->secaddr[i];
		mod->num_syms = ks->sh_size / sizeof(struct kernel_symbol);
	}
	for (i = 1; i < symsec->sh_size / sizeof(Elf32_Sym); i++) {
		if (ELF32_ST_TYPE(syms[i].st_info) != STT_FUNC || syms[i].st_shndx == SHN_UNDEF)
			continue;
		if (!strcmp(strtab + syms[i].st_name, "init_module"))
			mod->init = (int (*)(void))values[i];
		else if (!strcmp(strtab + syms[i].st_name, "cleanup_module"))
			mod->exit = (void (*)(void))values[i];
	}
}

/* Functions and objects, sorted by address, for backtraces. */
static int keep_symtab(struct module *mod, struct load_info *info, const unsigned long *values)
{
	const Elf32_Shdr *symsec = &info->sechdrs[info->symindex], *strsec = &info->sechdrs[info->strindex];
	const Elf32_Sym *syms = (const Elf32_Sym *)(info->image + symsec->sh_offset);
	unsigned int n = symsec->sh_size / sizeof(Elf32_Sym), kept = 0;

	mod->symtab = kmalloc(n * sizeof(*mod->symtab), GFP_KERNEL);
	mod->strtab = kmalloc(strsec->sh_size + 1, GFP_KERNEL);
	if (!mod->symtab || !mod->strtab)
		return -ENOMEM;
	memcpy(mod->strtab, info->image + strsec->sh_offset, strsec->sh_size);
	mod->strtab[strsec->sh_size] = '\0';
	for (unsigned int i = 1; i < n; i++) {
		unsigned int type = ELF32_ST_TYPE(syms[i].st_info);

		if ((type != STT_FUNC && type != STT_OBJECT) || syms[i].st_shndx == SHN_UNDEF ||
		    syms[i].st_shndx >= SHN_LORESERVE)
			continue;
		struct module_sym *ms = &mod->symtab[kept++];

		*ms = (struct module_sym){ values[i], syms[i].st_size, mod->strtab + syms[i].st_name };
		for (struct module_sym *p = ms; p > mod->symtab && p[-1].addr > p->addr; p--) {
			struct module_sym t = p[-1];

			p[-1] = *p;
			*p = t;
		}
	}
	mod->num_symtab = kept;
	return 0;
}

/* ---- Parameters ---- */

static int set_param(const struct module_param *p, const char *val)
{
	char *end;
	long v;

	if (p->type == MPT_CHARP) {
		*(const char **)p->arg = val;   /* points into the module's copy of uargs */
		return 0;
	}
	if (p->type == MPT_BOOL) {
		if (!val || !strcmp(val, "1") || !strcmp(val, "y") || !strcmp(val, "Y"))
			*(bool *)p->arg = true;
		else if (!strcmp(val, "0") || !strcmp(val, "n") || !strcmp(val, "N"))
			*(bool *)p->arg = false;
		else
			return -EINVAL;
		return 0;
	}
	if (!val || !*val)
		return -EINVAL;
	v = simple_strtol(val, &end, 0);
	if (*end || (p->type == MPT_UINT && v < 0))
		return -EINVAL;
	if (p->type == MPT_LONG)
		*(long *)p->arg = v;
	else
		*(int *)p->arg = (int)v;
	return 0;
}

/* "a=1 b=two c": each word a parameter of the module's __param section;
 * one it does not have is reported and ignored, as Linux does. */
static int parse_args(struct module *mod, struct load_info *info, char *args)
{
	unsigned int idx;
	const Elf32_Shdr *ps = find_section(info, "__param", &idx);
	const struct module_param *params = ps ? (const struct module_param *)info->secaddr[idx] : NULL;
	unsigned int n = ps ? ps->sh_size / sizeof(*params) : 0;
	char *word;

	while ((word = strsep(&args, " \t\n")) != NULL) {
		char *val = strchr(word, '=');
		unsigned int i;

		if (!*word)
			continue;
		if (val)
			*val++ = '\0';
		for (i = 0; i < n && strcmp(params[i].name, word); i++)
			;
		if (i == n) {
			pr_warn("%s: unknown parameter '%s' ignored\n", mod->name, word);
		} else if (set_param(&params[i], val)) {
			pr_warn("%s: '%s' is not a valid value for '%s'\n", mod->name,
				val ? val : "", word);
			return -EINVAL;
		}
	}
	return 0;
}

/* Where gdb should put the module's symbols: add-symbol-file wants the
 * addresses of .text, .data and .bss (tools/gdb: lx-symbols). */
static void note_addresses(struct module *mod, const struct load_info *info)
{
	unsigned int i;

	if (find_section(info, ".text", &i))
		mod->text_addr = info->secaddr[i];
	if (find_section(info, ".init.text", &i))
		mod->init_text_addr = info->secaddr[i];
	if (find_section(info, ".data", &i))
		mod->data_addr = info->secaddr[i];
	if (find_section(info, ".bss", &i))
		mod->bss_addr = info->secaddr[i];
	pr_info("%s: loaded at %#lx (%lu bytes); gdb: lx-symbols, or add-symbol-file %s.ko %#lx "
		"-s .init.text %#lx -s .data %#lx -s .bss %#lx\n", mod->name,
		(unsigned long)mod->core, mod->core_size, mod->name, mod->text_addr,
		mod->init_text_addr, mod->data_addr, mod->bss_addr);
}

/* ---- Loading and unloading ---- */

static struct module *find_module(const char *name)
{
	struct module *m;

	list_for_each_entry(m, &modules, list)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

static void release_dependencies(struct module *mod)
{
	for (int i = 0; i < mod->ndeps; i++)
		mod->deps[i]->users--;
	mod->ndeps = 0;
}

static void free_module(struct module *mod)
{
	release_dependencies(mod);
	vfree(mod->core);
	kfree(mod->args);
	kfree(mod->symtab);
	kfree(mod->strtab);
	kfree(mod);
}

static void list_module(struct module *mod, enum module_state state)
{
	unsigned long flags;

	spin_lock_irqsave(&module_lock, flags);
	mod->state = state;
	if (state == MODULE_STATE_COMING)
		list_add_tail(&mod->list, &modules);
	else if (state == MODULE_STATE_GOING)
		list_del(&mod->list);
	spin_unlock_irqrestore(&module_lock, flags);
}

/* Link the image into a new module (not yet listed); under module_mutex. */
static int link_module(struct module *mod, struct load_info *info, char *args)
{
	unsigned long nsyms;
	unsigned long *values;
	int err;

	info->secaddr = kzalloc(info->ehdr->e_shnum * sizeof(unsigned long), GFP_KERNEL);
	nsyms = info->sechdrs[info->symindex].sh_size / sizeof(Elf32_Sym);
	values = kzalloc((nsyms + 1) * sizeof(unsigned long), GFP_KERNEL);
	err = !info->secaddr || !values ? -ENOMEM : place_sections(mod, info);
	err = err ?: simplify_symbols(mod, info, values);
	err = err ?: apply_relocations(mod, info, values);
	err = err ?: parse_args(mod, info, args);
	err = err ?: keep_symtab(mod, info, values);
	if (!err) {
		find_exports_and_entries(mod, info, values);
		note_addresses(mod, info);
		vmalloc_set_readonly(mod->core, mod->text_size);
	}
	kfree(values);
	kfree(info->secaddr);
	return err;
}

/* The whole load: image is a kernel copy, args the parameters (kept by
 * the module: charp parameters point into them). */
static int load_module(const u8 *image, unsigned long len, char *args)
{
	struct load_info info = { .image = image, .len = len, .ehdr = (const Elf32_Ehdr *)image };
	struct module *mod = kzalloc(sizeof(*mod), GFP_KERNEL);
	struct oops_recovery recovery = { .oopsed = false };
	int err;

	if (!mod)
		return -ENOMEM;
	err = check_elf(&info) ?: module_name(mod, &info);
	mutex_lock(&module_mutex);
	if (!err && find_module(mod->name))
		err = -EEXIST;
	err = err ?: link_module(mod, &info, args);
	if (err) {
		mutex_unlock(&module_mutex);
		free_module(mod);
		kfree(args);
		return err;
	}
	list_module(mod, MODULE_STATE_COMING);
	mod->args = args;
	err = mod->init ? call_recoverable(mod->init, &recovery) : 0;
	if (err > 0) {                  /* Linux's rule: a warning, and loaded */
		pr_warn("%s: init_module returned %d: it should be 0 or -errno\n", mod->name, err);
		err = 0;
	}
	if (err) {
		pr_warn("%s: init_module %s: error %d\n", mod->name,
			recovery.oopsed ? "oopsed, unloaded" : "failed", err);
		list_module(mod, MODULE_STATE_GOING);
		free_module(mod);
	} else {
		mod->state = MODULE_STATE_LIVE;
	}
	mutex_unlock(&module_mutex);
	return err;
}

#define UARGS_MAX 1024

static char *copy_args(const char __user *uargs)
{
	char *args = kmalloc(UARGS_MAX, GFP_KERNEL);
	long n;

	if (!args)
		return ERR_PTR(-ENOMEM);
	n = uargs ? strncpy_from_user(args, uargs, UARGS_MAX) : 0;
	if (n < 0 || n == UARGS_MAX) {
		kfree(args);
		return ERR_PTR(n < 0 ? (int)n : -E2BIG);
	}
	args[n] = '\0';
	return args;
}

static long load_image(void *image, unsigned long len, const char __user *uargs)
{
	char *args = copy_args(uargs);
	long err;

	if (IS_ERR(args)) {
		vfree(image);
		return PTR_ERR(args);
	}
	err = load_module(image, len, args);
	vfree(image);
	return err;
}

long sys_init_module(const void __user *umod, unsigned long len, const char __user *uargs)
{
	void *image;

	if (len == 0 || len > MAX_MODULE_SIZE)
		return len ? -EFBIG : -ENOEXEC;
	image = vmalloc(len);
	if (!image)
		return -ENOMEM;
	if (copy_from_user(image, umod, len)) {
		vfree(image);
		return -EFAULT;
	}
	return load_image(image, len, uargs);
}

/* The file read whole into a vmalloc buffer (*len its size). */
static void *read_module_file(struct file *f, unsigned long *len)
{
	u64 size = f->f_dentry->d_inode->i_size, pos = 0;
	void *image;

	if (size == 0 || size > MAX_MODULE_SIZE)
		return ERR_PTR(size ? -EFBIG : -ENOEXEC);
	image = vmalloc((unsigned long)size);
	if (!image)
		return ERR_PTR(-ENOMEM);
	while (pos < size) {
		ssize_t n = kernel_read(f, (u8 *)image + pos, (size_t)(size - pos), &pos);

		if (n <= 0) {
			vfree(image);
			return ERR_PTR(n < 0 ? (int)n : -EIO);
		}
	}
	*len = (unsigned long)size;
	return image;
}

long sys_finit_module(unsigned long fd, const char __user *uargs, unsigned long flags)
{
	struct file *f;
	unsigned long len = 0;
	void *image;

	if (flags)
		return -EINVAL;         /* MODULE_INIT_IGNORE_*: no versions to ignore */
	f = fget((unsigned int)fd);
	if (!f)
		return -EBADF;
	image = f->f_dentry ? read_module_file(f, &len) : ERR_PTR(-EINVAL);
	fput(f);
	if (IS_ERR(image))
		return PTR_ERR(image);
	return load_image(image, len, uargs);
}

long sys_delete_module(const char __user *uname, unsigned long flags)
{
	char name[MODULE_NAME_LEN];
	struct module *mod;
	long n = strncpy_from_user(name, uname, sizeof(name));
	int err = 0;

	(void)flags;                    /* O_NONBLOCK or not: a module in use is refused */
	if (n < 0)
		return n;
	if (n == sizeof(name))
		return -ENOENT;
	mutex_lock(&module_mutex);
	mod = find_module(name);
	if (!mod)
		err = -ENOENT;
	else if (mod->users || atomic_read(&mod->refcnt))
		err = -EWOULDBLOCK;
	else if (!mod->exit && mod->init)
		err = -EBUSY;           /* no way to undo its init */
	if (!err) {
		list_module(mod, MODULE_STATE_GOING);
		if (mod->exit)
			mod->exit();
		pr_info("%s: unloaded\n", mod->name);
		free_module(mod);
	}
	mutex_unlock(&module_mutex);
	return err;
}

bool try_module_get(struct module *mod)
{
	if (!mod)
		return true;
	atomic_inc(&mod->refcnt);
	if (mod->state != MODULE_STATE_GOING)
		return true;
	atomic_dec(&mod->refcnt);
	return false;
}
EXPORT_SYMBOL(try_module_get);

void module_put(struct module *mod)
{
	if (mod)
		atomic_dec(&mod->refcnt);
}
EXPORT_SYMBOL(module_put);

/* ---- For backtraces and /proc/modules ---- */

const char *module_address_lookup(unsigned long addr, unsigned long *size,
				  unsigned long *offset, const char **modname)
{
	const char *name = NULL;
	struct module *m;

	list_for_each_entry(m, &modules, list) {
		if (addr < (unsigned long)m->core || addr >= (unsigned long)m->core + m->text_size)
			continue;
		for (unsigned int i = 0; i < m->num_symtab && m->symtab[i].addr <= addr; i++) {
			name = m->symtab[i].name;
			*offset = addr - m->symtab[i].addr;
			*size = m->symtab[i].size;
		}
		*modname = m->name;
		return name;
	}
	return NULL;
}

static const char *const state_names[] = { "Loading", "Live", "Unloading" };

/* Linux's format: name size refcount users-list state address. */
void modules_show(struct seq_file *m, void *arg)
{
	struct module *mod, *user;
	unsigned long flags;

	(void)arg;
	spin_lock_irqsave(&module_lock, flags);
	list_for_each_entry(mod, &modules, list) {
		bool any = false;

		seq_printf(m, "%s %lu %d ", mod->name, mod->core_size,
			   atomic_read(&mod->refcnt) + mod->users);
		list_for_each_entry(user, &modules, list)
			for (int i = 0; i < user->ndeps; i++)
				if (user->deps[i] == mod) {
					seq_printf(m, "%s,", user->name);
					any = true;
				}
		seq_printf(m, "%s %s 0x%08lx\n", any ? "" : "-", state_names[mod->state],
			   (unsigned long)mod->core);
	}
	spin_unlock_irqrestore(&module_lock, flags);
}
