/*
 * drivers/apic.h - the local APIC of each CPU and the I/O APIC, and the
 * firmware's description of both (struct mp_config).
 *
 * Each CPU has a local APIC at the same physical address (normally
 * 0xfee00000), seen through the FIX_APIC_BASE fixmap slot: it delivers
 * that CPU's timer tick, accepts interrupts and sends inter-processor
 * interrupts (IPIs) through the ICR.  The I/O APIC (FIX_IO_APIC_BASE_0)
 * routes device lines (GSIs) to vectors on a chosen CPU, replacing the
 * 8259 PIC.  Where the firmware lists no APIC, or with `noapic`, the kernel
 * stays on the PIC and PIT with one CPU.
 *
 * Vectors: IRQ_BASE + ISA irq for devices; the high vectors below for
 * the local timer and IPIs.
 * Locking: the ICR is per CPU (callers disable interrupts around a send);
 * I/O APIC registers are programmed under ioapic_lock.
 */
#ifndef DRIVERS_APIC_H
#define DRIVERS_APIC_H

#include "kernel/percpu.h"
#include "lib/types.h"

#define LOCAL_TIMER_VECTOR 0xef
#define CALL_FUNCTION_VECTOR 0xfb
#define RESCHEDULE_VECTOR 0xfc
#define ERROR_APIC_VECTOR 0xfe
#define SPURIOUS_APIC_VECTOR 0xff

/* What the firmware tables (ACPI MADT, else the MP table) say. */
struct mp_config {
	const char *source;             /* "ACPI MADT", "MP table" or NULL */
	unsigned int nr_cpus;           /* usable, at most NR_CPUS */
	unsigned int nr_cpus_listed;    /* enabled CPUs the table lists */
	u8 apic_id[NR_CPUS];            /* logical cpu -> local APIC id */
	u32 lapic_phys;
	u32 ioapic_phys;                /* 0: none */
	u32 ioapic_gsi_base;
	u32 isa_gsi[16];                /* ISA irq -> GSI (overrides applied) */
	u16 isa_flags[16];              /* MPS INTI flags: polarity, trigger */
};

extern struct mp_config mp_config;
extern bool apic_enabled;              /* false: PIC/PIT, one CPU */

/* Fill mp_config from the MADT / MP table; 0 on success. */
int acpi_parse_madt(struct mp_config *cfg);
int mptable_parse(struct mp_config *cfg);

/* Find the CPUs and APICs; switch interrupts from the PIC to the APICs. */
void apic_init(void);
/* Per-CPU local APIC setup (boot CPU from apic_init, APs at start-up). */
void lapic_setup(void);
void lapic_timer_start(void);
u8 lapic_id(void);
void apic_eoi(void);

/* Interprocessor interrupts. */
void apic_send_ipi(u8 apic_id, u8 vector);
void apic_send_ipi_allbutself(u8 vector);
void apic_send_nmi(u8 apic_id);
/* INIT-SIPI-SIPI: start the AP with that APIC id at page `start_page`. */
void apic_wakeup_ap(u8 apic_id, unsigned long start_phys);

/* Route ISA irq to vector IRQ_BASE + irq on the boot CPU, unmasked. */
void ioapic_route_isa_irq(unsigned int irq);

#endif
