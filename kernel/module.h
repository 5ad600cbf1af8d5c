/*
 * kernel/module.h - loadable kernel modules (kernel/module.c): what a
 * module's source uses, and what the kernel keeps of a loaded one.
 *
 * A module is an ELF32 relocatable object (.ko), built by `make modules
 * M=DIR` against the kernel's headers.  Its source says
 *
 *     static int __init hello_init(void) { ... return 0; }
 *     static void __exit hello_exit(void) { ... }
 *     module_init(hello_init);
 *     module_exit(hello_exit);
 *     static int count = 1;
 *     module_param(count, int, 0444);
 *     MODULE_LICENSE("GPL");
 *
 * and may use any kernel symbol exported with EXPORT_SYMBOL, and export
 * its own for modules loaded after it.  Locking: see kernel/module.c.
 */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include "kernel/arch/atomic.h"
#include "lib/list.h"
#include "lib/types.h"

#define MODULE_NAME_LEN 56
#define MODULE_MAX_DEPS 8

/* One exported symbol: the kernel's are in its __ksymtab section
 * (between __start___ksymtab and __stop___ksymtab), a module's in its own. */
struct kernel_symbol {
	unsigned long value;
	const char *name;
};

#define EXPORT_SYMBOL(sym)                                                   \
	static const char __kstrtab_##sym[] = #sym;                         \
	static const struct kernel_symbol __ksymtab_##sym                    \
		__attribute__((used, section("__ksymtab"), aligned(4))) = {  \
			(unsigned long)&sym, __kstrtab_##sym }

/* A module parameter: name=value on insmod's command line. */
enum module_param_type { MPT_INT, MPT_UINT, MPT_LONG, MPT_BOOL, MPT_CHARP };

struct module_param {
	const char *name;
	enum module_param_type type;
	void *arg;
	unsigned int perm;              /* as Linux's: kept, not enforced */
};

#define __MPT_int MPT_INT
#define __MPT_uint MPT_UINT
#define __MPT_long MPT_LONG
#define __MPT_bool MPT_BOOL
#define __MPT_charp MPT_CHARP

#define module_param(var, type, perm)                                        \
	static const char __param_str_##var[] = #var;                       \
	static const struct module_param __param_##var                       \
		__attribute__((used, section("__param"), aligned(4))) = {    \
			__param_str_##var, __MPT_##type, &var, perm }

/* Information strings ("license=GPL") in the .modinfo section. */
#define __MODULE_INFO(tag, line, info)                                       \
	static const char __modinfo_##tag##line[]                            \
		__attribute__((used, section(".modinfo"), aligned(1))) = #tag "=" info
#define __MODULE_INFO_L(tag, line, info) __MODULE_INFO(tag, line, info)
#define MODULE_LICENSE(s) __MODULE_INFO_L(license, __LINE__, s)
#define MODULE_AUTHOR(s) __MODULE_INFO_L(author, __LINE__, s)
#define MODULE_DESCRIPTION(s) __MODULE_INFO_L(description, __LINE__, s)

/* The loader calls init_module (0 or a negative errno: the load fails and
 * everything is freed) and, at rmmod, cleanup_module; these aliases give
 * the author's functions those names, as Linux's do. */
#define module_init(fn)                                                      \
	int init_module(void) __attribute__((alias(#fn)));                   \
	MODULE_INFO_NAME
#define module_exit(fn) void cleanup_module(void) __attribute__((alias(#fn)))
#ifdef KBUILD_MODNAME
#define MODULE_INFO_NAME __MODULE_INFO_L(name, __LINE__, KBUILD_MODNAME)
#else
#define MODULE_INFO_NAME
#endif

#define __init __attribute__((section(".init.text")))
#define __exit

enum module_state { MODULE_STATE_COMING, MODULE_STATE_LIVE, MODULE_STATE_GOING };

/* A symbol of a loaded module, for backtraces: address, size, name. */
struct module_sym {
	unsigned long addr, size;
	const char *name;
};

struct module {
	char name[MODULE_NAME_LEN];
	struct list_head list;          /* in modules, under module_lock */
	enum module_state state;
	void *core;                     /* vmalloc: text and rodata, then data and bss */
	unsigned long core_size, text_size;     /* text_size: the read-only part */
	int (*init)(void);
	void (*exit)(void);
	atomic_t refcnt;                /* try_module_get's; rmmod wants 0 */
	int users;                      /* modules using our symbols */
	struct module *deps[MODULE_MAX_DEPS];   /* whose symbols we use */
	int ndeps;
	const struct kernel_symbol *syms;       /* what we export */
	unsigned int num_syms;
	struct module_sym *symtab;      /* every function and object, by address */
	unsigned int num_symtab;
	char *strtab;
	char *args;                     /* insmod's parameters: charp ones point here */
	/* For gdb's add-symbol-file (tools/gdb: lx-symbols). */
	unsigned long text_addr, init_text_addr, data_addr, bss_addr;
};

#ifdef KBUILD_MODNAME
extern struct module __this_module;     /* the loader resolves it */
#define THIS_MODULE (&__this_module)
#endif

/* A reference that keeps mod loaded: false when it is on its way out. */
bool try_module_get(struct module *mod);
void module_put(struct module *mod);

/* For backtraces: the module function containing addr, or NULL. */
const char *module_address_lookup(unsigned long addr, unsigned long *size,
				  unsigned long *offset, const char **modname);

struct seq_file;
/* /proc/modules, in Linux's format (what lsmod reads). */
void modules_show(struct seq_file *m, void *arg);

#endif
