/*
 * kernel/arch/irq.c - dispatching the 16 legacy IRQ lines.
 *
 * Data: irq_desc[], a handler, a name and a count per line and CPU.
 * Lines go through the I/O APIC (to the boot CPU) when there is one, else
 * through the 8259 PIC; the EOI goes to whichever delivered it.
 * Locking: handlers are registered at boot before the line is unmasked;
 * handle_irq runs with interrupts disabled (interrupt gates).
 */
#include "kernel/arch/irq.h"
#include "drivers/apic.h"
#include "drivers/pic.h"
#include "kernel/smp.h"
#include "lib/types.h"

struct irq_desc {
	irq_handler_t handler;
	const char *name;
	unsigned long count[NR_CPUS];
};

static struct irq_desc irq_desc[NR_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	if (irq >= NR_IRQS || irq_desc[irq].handler)
		return -1;
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	if (apic_enabled)
		ioapic_route_isa_irq(irq);
	else
		pic_unmask(irq);
	return 0;
}

void handle_irq(unsigned int irq, struct pt_regs *regs)
{
	if (!apic_enabled && pic_spurious(irq))
		return;
	irq_desc[irq].count[smp_processor_id()]++;
	irq_enter();
	if (irq_desc[irq].handler)
		irq_desc[irq].handler(regs);
	irq_exit();
	if (apic_enabled)
		apic_eoi();
	else
		pic_eoi(irq);
}

unsigned long irq_count(unsigned int irq, int cpu, const char **name)
{
	*name = irq_desc[irq].name;
	return irq_desc[irq].count[cpu];
}
