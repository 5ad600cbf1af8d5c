/*
 * drivers/block/ide-io.c - running one transfer on a channel: the
 * taskfile, the data by PIO or DMA, the interrupt that ends each step,
 * and the timeout that resets a drive which stopped answering.
 *
 * A transfer's life:
 *
 *   ide_start_xfer      select the drive, write the taskfile (LBA28, or
 *                       LBA48 beyond sector 2^28 - 1 or 256 sectors), arm
 *                       the timer, write the command; DMA: start the
 *                       engine; PIO write: wait for DRQ, send block 1
 *   ide_intr            per DRQ block (PIO) or once (DMA): read the status
 *                       (acknowledging INTRQ); an error ends the transfer
 *                       with -EIO; PIO moves the next block of
 *                       mult_count sectors and re-arms the timer
 *   ide_timer_expiry    no interrupt in IDE_TIMEOUT_MS: report, stop the
 *                       engine, hand the reset to a workqueue (it sleeps)
 *   ide_error_work      SRST, multi-sector counts again, end with -EIO
 *   ide_end_xfer        x->done(x, error) without the lock, then give
 *                       the channel back and start the next request
 *                       (ide_do_request, drivers/block/ide-disk.c)
 *
 * Locking: hwif->lock (irqs off) around every register access of a
 * transfer and around hwif->xfer/busy.  hwif->xfer is cleared by whoever
 * ends the transfer - the interrupt or the timer, under the lock - so the
 * other finds it gone; the timer also checks hwif->deadline, so a late
 * run of an old expiry cannot end a transfer re-armed since.
 */
#include "drivers/block/ide.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/slab.h"

static void ide_arm_timer(struct ide_hwif *hwif)
{
	lockdep_assert_held(&hwif->lock);
	hwif->deadline = jiffies + msecs_to_jiffies(IDE_TIMEOUT_MS);
	mod_timer(&hwif->timer, hwif->deadline);
}

static u8 ide_command(const struct ide_xfer *x, bool ext)
{
	if (x->dma)
		return x->write ? (ext ? ATA_CMD_WRITE_DMA_EXT : ATA_CMD_WRITE_DMA)
				: (ext ? ATA_CMD_READ_DMA_EXT : ATA_CMD_READ_DMA);
	if (x->drive->mult_count)
		return x->write ? (ext ? ATA_CMD_WRITE_MULTI_EXT : ATA_CMD_WRITE_MULTI)
				: (ext ? ATA_CMD_READ_MULTI_EXT : ATA_CMD_READ_MULTI);
	return x->write ? (ext ? ATA_CMD_WRITE_EXT : ATA_CMD_WRITE)
			: (ext ? ATA_CMD_READ_EXT : ATA_CMD_READ);
}

/* LBA48 writes each register twice, high-order byte first (the drive
 * keeps the previous value as the high byte); LBA28 puts address bits
 * 27-24 in the device register.  A count of 0 means 256 or 65536. */
static void ide_write_taskfile(struct ide_hwif *hwif, const struct ide_xfer *x, bool ext)
{
	u16 io = hwif->io_base;
	u8 dev = ATA_DEV_OBS | ATA_DEV_LBA | (x->drive->unit ? ATA_DEV_SLAVE : 0);
	u64 lba = x->sector;

	if (ext) {
		outb(io + ATA_REG_DEVICE, dev);
		outb(io + ATA_REG_NSECT, (u8)(x->nsect >> 8));
		outb(io + ATA_REG_LBAL, (u8)(lba >> 24));
		outb(io + ATA_REG_LBAM, (u8)(lba >> 32));
		outb(io + ATA_REG_LBAH, (u8)(lba >> 40));
	} else {
		outb(io + ATA_REG_DEVICE, dev | (u8)((lba >> 24) & 0xf));
	}
	outb(io + ATA_REG_NSECT, (u8)x->nsect);
	outb(io + ATA_REG_LBAL, (u8)lba);
	outb(io + ATA_REG_LBAM, (u8)(lba >> 8));
	outb(io + ATA_REG_LBAH, (u8)(lba >> 16));
}

/* Move n sectors between the data port and the transfer's pages. */
static void ide_pio_sectors(struct ide_hwif *hwif, struct ide_xfer *x, unsigned int n)
{
	while (n) {
		struct ide_sg *sg = &x->sg[x->sg_idx];
		unsigned int count = min(n, (sg->len - x->sg_off) / ATA_SECT_SIZE);
		u8 *va = kmap_atomic(sg->page, KM_IRQ0);
		u8 *buf = va + sg->offset + x->sg_off;

		if (x->write)
			outsw(hwif->io_base + ATA_REG_DATA, buf, count * ATA_SECT_SIZE / 2);
		else
			insw(hwif->io_base + ATA_REG_DATA, buf, count * ATA_SECT_SIZE / 2);
		kunmap_atomic(va, KM_IRQ0);
		x->sg_off += count * ATA_SECT_SIZE;
		x->left -= count;
		n -= count;
		if (x->sg_off == sg->len) {
			x->sg_idx++;
			x->sg_off = 0;
		}
	}
}

/* One DRQ block: mult_count sectors with READ/WRITE MULTIPLE, else one. */
static void ide_pio_block(struct ide_hwif *hwif, struct ide_xfer *x)
{
	unsigned int mult = x->drive->mult_count ? x->drive->mult_count : 1;

	ide_pio_sectors(hwif, x, min(x->left, mult));
}

/* PIO out: the drive asks for the first block with DRQ and no interrupt.
 * If DRQ does not come, the interrupt (an abort) or the timer ends it. */
static void ide_pio_first_block(struct ide_hwif *hwif, struct ide_xfer *x)
{
	for (int i = 0; i < 100000; i++) {
		u8 stat = inb(hwif->ctl_base);

		if ((stat & (ATA_BUSY | ATA_DRQ)) == ATA_DRQ) {
			ide_pio_block(hwif, x);
			return;
		}
		if ((stat & (ATA_BUSY | ATA_ERR)) == ATA_ERR)
			return;
		udelay(1);
	}
}

void ide_start_xfer(struct ide_hwif *hwif, struct ide_xfer *x)
{
	bool ext = x->sector + x->nsect > ATA_LBA28_LIMIT || x->nsect > 256;

	lockdep_assert_held(&hwif->lock);
	x->left = x->nsect;
	x->sg_idx = 0;
	x->sg_off = 0;
	x->error = 0;
	x->dma = x->drive->using_dma && !x->pio && ide_dma_setup(hwif, x);
	x->command = ide_command(x, ext);
	hwif->xfer = x;
	outb(hwif->ctl_base, 0);
	ide_write_taskfile(hwif, x, ext);
	ide_arm_timer(hwif);
	outb(hwif->io_base + ATA_REG_CMD, x->command);
	if (x->dma)
		ide_dma_start(hwif);
	else if (x->write)
		ide_pio_first_block(hwif, x);
}

static void ide_report_failure(struct ide_xfer *x, const char *where, u8 stat)
{
	ide_dump_status(x->drive, where, stat);
	pr_err("%s: I/O error, %s sector %llu (%u sectors, command 0x%02x)\n", x->drive->name,
		x->write ? "WRITE" : "READ", x->sector, x->nsect, x->command);
}

/* Returns true when the transfer is over (*err says how). */
static bool ide_pio_intr(struct ide_hwif *hwif, struct ide_xfer *x, int *err)
{
	u8 stat = inb(hwif->io_base + ATA_REG_STATUS);

	if (stat & ATA_BUSY)
		return false;
	*err = 0;
	if ((stat & (ATA_ERR | ATA_DF)) || (x->left && !(stat & ATA_DRQ))) {
		ide_report_failure(x, !x->write ? "read_intr" : x->drive->mult_count ?
				   "multwrite_intr" : "write_intr", stat);
		*err = -EIO;
		return true;
	}
	if (!x->left)                   /* a write's closing interrupt */
		return true;
	ide_pio_block(hwif, x);
	if (!x->left && !x->write)
		return true;
	ide_arm_timer(hwif);
	return false;
}

static bool ide_dma_intr(struct ide_hwif *hwif, struct ide_xfer *x, int *err)
{
	u8 dstat, stat;

	if (!(inb(hwif->dma_base + ATA_DMA_STATUS) & ATA_DMA_INTR))
		return false;
	dstat = ide_dma_end(hwif);
	stat = inb(hwif->io_base + ATA_REG_STATUS);
	*err = 0;
	if ((stat & (ATA_BUSY | ATA_ERR | ATA_DF)) || (dstat & ATA_DMA_ERROR)) {
		if (dstat & ATA_DMA_ERROR)
			pr_err("%s: dma_intr: bus-master status=0x%02x (error)\n", x->drive->name,
			       dstat);
		ide_report_failure(x, "dma_intr", stat);
		*err = -EIO;
	}
	return true;
}

/* The done callback runs first, without the lock: it may end a block
 * request, whose completion starts the next one on this channel. */
static void ide_end_xfer(struct ide_hwif *hwif, struct ide_xfer *x, int err)
{
	unsigned long flags;

	x->error = err;
	x->done(x, err);
	spin_lock_irqsave(&hwif->lock, flags);
	if (err)
		hwif->nr_errors++;
	hwif->busy = false;
	ide_do_request(hwif);
	spin_unlock_irqrestore(&hwif->lock, flags);
	wake_up_all(&hwif->wait);
}

static void ide_intr(struct ide_hwif *hwif)
{
	struct ide_xfer *x;
	bool over;
	int err = 0;

	spin_lock(&hwif->lock);
	hwif->nr_irqs++;
	x = hwif->xfer;
	if (!x) {                               /* nobody waits: acknowledge */
		inb(hwif->io_base + ATA_REG_STATUS);
		spin_unlock(&hwif->lock);
		return;
	}
	over = x->dma ? ide_dma_intr(hwif, x, &err) : ide_pio_intr(hwif, x, &err);
	if (over)
		hwif->xfer = NULL;
	spin_unlock(&hwif->lock);
	if (!over)
		return;
	del_timer(&hwif->timer);
	ide_end_xfer(hwif, x, err);
}

void ide_intr0(struct pt_regs *regs)
{
	(void)regs;
	ide_intr(&ide_hwifs[0]);
}

void ide_intr1(struct pt_regs *regs)
{
	(void)regs;
	ide_intr(&ide_hwifs[1]);
}

static void ide_timer_expiry(unsigned long data)
{
	struct ide_hwif *hwif = (struct ide_hwif *)data;
	struct ide_xfer *x;
	unsigned long flags;

	spin_lock_irqsave(&hwif->lock, flags);
	x = hwif->xfer;
	if (!x || time_before(jiffies, hwif->deadline)) {
		spin_unlock_irqrestore(&hwif->lock, flags);
		return;
	}
	hwif->xfer = NULL;
	hwif->failed = x;
	hwif->reset_needed = true;
	hwif->nr_timeouts++;
	if (x->dma)
		ide_dma_end(hwif);
	ide_report_failure(x, "irq timeout", inb(hwif->ctl_base));
	spin_unlock_irqrestore(&hwif->lock, flags);
	pr_err("%s: no interrupt for %u ms: resetting the channel\n", hwif->name,
	       IDE_TIMEOUT_MS);
	schedule_work(&hwif->error_work);
}

/* hwif->failed ends with -EIO here, in process context, after a reset if
 * the drive stopped answering.  The channel is still claimed (busy):
 * nothing else touches it while the reset sleeps. */
static void ide_error_work(struct work_struct *work)
{
	struct ide_hwif *hwif = container_of(work, struct ide_hwif, error_work);
	struct ide_xfer *x = hwif->failed;

	if (hwif->reset_needed) {
		int err = ide_reset_channel(hwif);

		pr_info("%s: reset %s\n", hwif->name, err ? "failed" : "done");
		outb(hwif->ctl_base, 0);
		hwif->reset_needed = false;
	}
	hwif->failed = NULL;
	ide_end_xfer(hwif, x, -EIO);
}

/* A transfer that cannot start (lock held, channel claimed) ends with
 * -EIO from the work: its done callback may not run under the lock. */
void ide_fail_xfer(struct ide_hwif *hwif, struct ide_xfer *x)
{
	lockdep_assert_held(&hwif->lock);
	pr_err("%s: cannot do %s of %u sectors at %llu\n", x->drive->name,
	       x->write ? "a write" : "a read", x->nsect, x->sector);
	hwif->failed = x;
	schedule_work(&hwif->error_work);
}

void ide_hwif_init_io(struct ide_hwif *hwif)
{
	spin_lock_init(&hwif->lock);
	init_waitqueue_head(&hwif->wait);
	setup_timer(&hwif->timer, ide_timer_expiry, (unsigned long)hwif);
	INIT_WORK(&hwif->error_work, ide_error_work);
}

static bool ide_claim(struct ide_hwif *hwif)
{
	unsigned long flags;
	bool claimed;

	spin_lock_irqsave(&hwif->lock, flags);
	claimed = !hwif->busy;
	hwif->busy = true;
	spin_unlock_irqrestore(&hwif->lock, flags);
	return claimed;
}

/* Is x something the drive can do?  Within the disk, pieces of whole
 * sectors adding up to nsect, LBA48 if it needs it. */
bool ide_xfer_valid(const struct ide_xfer *x)
{
	const struct ide_drive *drive = x->drive;
	unsigned long bytes = 0;

	if (!drive->present || drive->atapi || !x->nsect || !x->nr_sg || x->nr_sg > IDE_MAX_SG ||
	    x->sector + x->nsect > drive->capacity || x->nsect > 65536)
		return false;
	if (!drive->lba48 && (x->sector + x->nsect > ATA_LBA28_LIMIT || x->nsect > 256))
		return false;
	for (unsigned int i = 0; i < x->nr_sg; i++) {
		if (!x->sg[i].len || x->sg[i].len % ATA_SECT_SIZE ||
		    x->sg[i].offset + x->sg[i].len > PAGE_SIZE)
			return false;
		bytes += x->sg[i].len;
	}
	return bytes == (unsigned long)x->nsect * ATA_SECT_SIZE;
}

static void ide_sync_done(struct ide_xfer *x, int error)
{
	(void)error;
	complete(x->private);
}

int ide_xfer_sync(struct ide_xfer *x)
{
	struct ide_hwif *hwif = x->drive->hwif;
	struct completion done;
	unsigned long flags;

	if (!ide_xfer_valid(x))
		return -EINVAL;
	init_completion(&done);
	x->done = ide_sync_done;
	x->private = &done;
	wait_event(hwif->wait, ide_claim(hwif));
	spin_lock_irqsave(&hwif->lock, flags);
	ide_start_xfer(hwif, x);
	spin_unlock_irqrestore(&hwif->lock, flags);
	wait_for_completion(&done);
	return x->error;
}
