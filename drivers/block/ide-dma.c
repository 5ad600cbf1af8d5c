/*
 * drivers/block/ide-dma.c - bus-master DMA through the PIIX IDE function.
 *
 * The PCI IDE controller (class 0x0101) in compatibility mode keeps the
 * legacy ports and interrupts for its two channels; its BAR4 is 16 I/O
 * ports of bus-master registers, 8 per channel:
 *
 *     +0  command  bit 0 start/stop, bit 3 direction (1: write to memory)
 *     +2  status   bit 0 active, bit 1 error, bit 2 interrupt (both
 *                  cleared by writing 1), bits 5-6 drive 0/1 DMA capable
 *     +4  PRD table's physical address (dword aligned, no 64 KiB crossing)
 *
 * A PRD (physical region descriptor) is two dwords: the physical address
 * of a piece of memory, then its byte count in bits 15-0 (0 means 64 KiB)
 * with bit 31 marking the table's last entry.  Our pieces are parts of
 * one page, so none crosses a 64 KiB boundary; all of memory is below
 * 4 GiB (no PAE), so high pages are reachable too.
 *
 * Data: each channel's PRD table, one page shared by the two channels.
 * Locking: the channel's engine is programmed under hwif->lock by the
 * transfer that owns the channel.
 */
#include "drivers/block/ide.h"
#include "drivers/pci/pci.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"
#include "mm/gfp.h"
#include "mm/mm.h"

#define ATA_DMA_CMD 0
#define ATA_DMA_TABLE 4
#define ATA_DMA_START 0x01
#define ATA_DMA_WR 0x08                 /* the engine writes memory: a read */
#define ATA_DMA_ACTIVE 0x01
#define PRD_EOT 0x80000000u
#define PROG_IF_NATIVE 0x05             /* either channel in native mode */
#define PROG_IF_MASTER 0x80             /* bus mastering supported */

/* Fill the channel's PRD table from the transfer's pieces. */
bool ide_dma_setup(struct ide_hwif *hwif, struct ide_xfer *x)
{
	u16 base = hwif->dma_base;

	lockdep_assert_held(&hwif->lock);
	if (!hwif->prd || x->nr_sg > IDE_MAX_SG)
		return false;
	for (unsigned int i = 0; i < x->nr_sg; i++) {
		hwif->prd[2 * i] = page_to_phys(x->sg[i].page) + x->sg[i].offset;
		hwif->prd[2 * i + 1] = x->sg[i].len & 0xffff;
	}
	hwif->prd[2 * x->nr_sg - 1] |= PRD_EOT;
	outl(base + ATA_DMA_TABLE, hwif->prd_phys);
	outb(base + ATA_DMA_CMD, x->write ? 0 : ATA_DMA_WR);
	outb(base + ATA_DMA_STATUS, inb(base + ATA_DMA_STATUS) | ATA_DMA_ERROR | ATA_DMA_INTR);
	return true;
}

/* After the command is written: the engine follows the drive's DMARQ. */
void ide_dma_start(struct ide_hwif *hwif)
{
	u16 base = hwif->dma_base;

	lockdep_assert_held(&hwif->lock);
	outb(base + ATA_DMA_CMD, inb(base + ATA_DMA_CMD) | ATA_DMA_START);
}

u8 ide_dma_end(struct ide_hwif *hwif)
{
	u16 base = hwif->dma_base;
	u8 stat;

	lockdep_assert_held(&hwif->lock);
	outb(base + ATA_DMA_CMD, inb(base + ATA_DMA_CMD) & ~ATA_DMA_START);
	stat = inb(base + ATA_DMA_STATUS);
	outb(base + ATA_DMA_STATUS, stat | ATA_DMA_ERROR | ATA_DMA_INTR);
	return stat;
}

static int ide_pci_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	u32 bm = pci_resource_start(dev, 4);
	struct page *page;

	(void)id;
	if ((dev->class & PROG_IF_NATIVE) || !(dev->class & PROG_IF_MASTER) || !bm ||
	    !(dev->resource[4].flags & PCI_BASE_ADDRESS_SPACE_IO)) {
		pr_info("ide: %04x:%04x is not a compatibility-mode bus master; PIO only\n",
			dev->vendor, dev->device);
		return -1;
	}
	page = alloc_page(GFP_KERNEL);
	if (!page) {
		pr_err("ide: no memory for the PRD tables; PIO only\n");
		return -1;
	}
	pci_enable_device(dev);
	pci_set_master(dev);
	for (int i = 0; i < 2; i++) {
		ide_hwifs[i].dma_base = (u16)(bm + 8 * i);
		ide_hwifs[i].prd = (u32 *)page_address(page) + i * (PAGE_SIZE / 8);
		ide_hwifs[i].prd_phys = page_to_phys(page) + (u32)i * (PAGE_SIZE / 2);
		pr_info("%s: BM-DMA at 0x%04x-0x%04x\n", ide_hwifs[i].name, bm + 8 * i,
			bm + 8 * i + 7);
	}
	return 0;
}

static const struct pci_device_id ide_pci_ids[] = {
	{ .vendor = PCI_ANY_ID, .device = PCI_ANY_ID, .class = PCI_CLASS_STORAGE_IDE << 8,
	  .class_mask = 0xffff00 },
	{ 0 },
};

static struct pci_driver ide_pci_driver = {
	.name = "PIIX_IDE",
	.id_table = ide_pci_ids,
	.probe = ide_pci_probe,
};

/* Find the controller; without one (or with ide=nodma) the channels are PIO. */
void ide_dma_init(void)
{
	if (ide_nodma) {
		pr_info("ide: DMA off (ide=nodma)\n");
		return;
	}
	pci_register_driver(&ide_pci_driver);
}
