/*
 * kernel/arch/x86.h - the i386 instructions the rest of the kernel needs: port
 * I/O, memory-mapped register access, control registers, interrupt flag,
 * TSC, CPUID, model-specific and debug registers, halting.
 *
 * Everything here is a static inline wrapper around one instruction, so the
 * architecture stays out of mm/ and drivers/.  No state, no locking.
 */
#ifndef KERNEL_ARCH_X86_H
#define KERNEL_ARCH_X86_H

#include "lib/types.h"

#define X86_EFLAGS_TF 0x00000100
#define X86_EFLAGS_IF 0x00000200
#define X86_EFLAGS_NT 0x00004000
#define X86_EFLAGS_VM 0x00020000

static inline void outb(u16 port, u8 val) { asm volatile("outb %0, %1" : : "a"(val), "Nd"(port)); }
static inline void outw(u16 port, u16 val) { asm volatile("outw %0, %1" : : "a"(val), "Nd"(port)); }
static inline void outl(u16 port, u32 val) { asm volatile("outl %0, %1" : : "a"(val), "Nd"(port)); }

/*
 * Memory-mapped device registers (LAPIC, IOAPIC, the VGA text buffer):
 * one volatile access of the register's width, so the compiler neither
 * merges, splits nor drops it.  The pointers are __iomem
 * (kernel/compiler.h): `make check` refuses a plain dereference of one,
 * and these casts, with __force, are where that address space is opened.
 */
static inline u8 readb(const volatile void __iomem *addr)
{
	return *(const volatile u8 __force *)addr;
}

static inline u16 readw(const volatile void __iomem *addr)
{
	return *(const volatile u16 __force *)addr;
}

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writeb(u8 v, volatile void __iomem *addr)
{
	*(volatile u8 __force *)addr = v;
}

static inline void writew(u16 v, volatile void __iomem *addr)
{
	*(volatile u16 __force *)addr = v;
}

static inline void writel(u32 v, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = v;
}

static inline u8 inb(u16 port)
{
	u8 v;
	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;
	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;
	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* count 16-bit words between a port and memory (rep insw/outsw): an IDE
 * drive's data port, a sector at a time. */
static inline void insw(u16 port, void *buf, unsigned long count)
{
	asm volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void outsw(u16 port, const void *buf, unsigned long count)
{
	asm volatile("rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

/* A write to an unused port: a ~1 us delay for slow legacy devices. */
static inline void io_delay(void) { outb(0x80, 0); }

static inline u32 read_cr0(void) { u32 v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u32 read_cr2(void) { u32 v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u32 read_cr3(void) { u32 v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u32 read_cr4(void) { u32 v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr3(u32 v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr0(u32 v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

/* The debug registers: DR0-DR3 addresses, DR6 status, DR7 control. */
static inline u32 read_dr6(void) { u32 v; asm volatile("mov %%db6, %0" : "=r"(v)); return v; }
static inline void write_dr6(u32 v) { asm volatile("mov %0, %%db6" : : "r"(v)); }
static inline void write_dr7(u32 v) { asm volatile("mov %0, %%db7" : : "r"(v)); }

static inline void write_dr(int n, u32 v)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
	case 2: asm volatile("mov %0, %%db2" : : "r"(v)); break;
	default: asm volatile("mov %0, %%db3" : : "r"(v)); break;
	}
}

static inline void __flush_tlb_one(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline void local_irq_disable(void) { asm volatile("cli" : : : "memory"); }
static inline void local_irq_enable(void) { asm volatile("sti" : : : "memory"); }

static inline unsigned long local_save_flags(void)
{
	unsigned long f;
	asm volatile("pushfl; popl %0" : "=r"(f) : : "memory");
	return f;
}

static inline unsigned long local_irq_save(void)
{
	unsigned long f = local_save_flags();
	local_irq_disable();
	return f;
}

static inline void local_irq_restore(unsigned long flags)
{
	asm volatile("pushl %0; popfl" : : "r"(flags) : "memory", "cc");
}

static inline bool irqs_disabled(void) { return !(local_save_flags() & X86_EFLAGS_IF); }

/* Wait for the next interrupt; with IF set atomically so none is missed. */
static inline void safe_halt(void) { asm volatile("sti; hlt" : : : "memory"); }
static inline void halt(void) { asm volatile("hlt" : : : "memory"); }
static inline void cpu_relax(void) { asm volatile("pause" : : : "memory"); }

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

#endif
