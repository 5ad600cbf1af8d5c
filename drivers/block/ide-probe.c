/*
 * drivers/block/ide-probe.c - finding the drives at boot: reset each
 * channel, tell disks from ATAPI devices by their signature, read
 * IDENTIFY (PACKET) DEVICE and print what it says the way Linux's ide
 * driver does, set the multi-sector count.
 *
 * IDENTIFY's 256 words, the ones used here:
 *
 *     0       general configuration (bits 15-14 = 10: ATAPI; 12-8 its type)
 *     1 3 6   default cylinders, heads, sectors per track
 *     10-19   serial number  (ASCII, two characters per word, high byte first)
 *     23-26   firmware revision
 *     27-46   model number
 *     47      bits 7-0: most sectors per DRQ block for READ/WRITE MULTIPLE
 *     49      bit 9 LBA supported, bit 8 DMA supported
 *     60-61   sectors addressable by LBA28
 *     63      multiword DMA modes supported (bits 2-0)
 *     64      PIO modes 3 and 4 supported (bits 1-0)
 *     82      bit 5 write cache supported
 *     83      bit 10 the 48-bit address feature set supported
 *     88      Ultra DMA modes supported (bits 6-0)
 *     100-103 sectors addressable by LBA48
 *
 * These commands are polled, with the channel's interrupt off (nIEN), in
 * process context: at boot, and by the reset after a timeout.
 * The monitor's `ide` lists the channels and drives with their counts.
 *
 * Data: ide_hwifs[] (the two legacy channels), ide_nodma.
 * Locking: the caller owns the channel (boot, or hwif->busy claimed), so
 * no transfer can be on it; the interrupt handler only reads the status.
 */
#include "drivers/block/ide.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/monitor.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

struct ide_hwif ide_hwifs[2] = {
	{ .name = "ide0", .index = 0, .io_base = 0x1f0, .ctl_base = 0x3f6, .irq = 14 },
	{ .name = "ide1", .index = 1, .io_base = 0x170, .ctl_base = 0x376, .irq = 15 },
};

bool ide_nodma;

static int set_ide(char *val)
{
	if (!val || strcmp(val, "nodma"))
		return -1;
	ide_nodma = true;
	return 0;
}
__setup("ide", set_ide);

static const char *const ata_status_bits[8] = {
	"Error", "Index", "CorrectedError", "DataRequest",
	"SeekComplete", "DeviceFault", "DriveReady", "Busy",
};

static const char *const ata_error_bits[8] = {
	"AddrMarkNotFound", "TrackZeroNotFound", "DriveStatusError", "MediaChangeRequested",
	"SectorIdNotFound", "MediaChanged", "UncorrectableError", "BadCRC",
};

static void print_bits(const char *name, const char *what, const char *where, u8 v,
		       const char *const bits[8])
{
	char text[160];
	size_t n = 0;

	text[0] = '\0';
	for (int b = 7; b >= 0; b--)
		if (v & (1 << b))
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s ", bits[b]);
	pr_err("%s: %s: %s=0x%02x { %s}\n", name, where, what, v, text);
}

/* status=0x51 { DriveReady SeekComplete Error } and, when Error is set,
 * the error register decoded the same way. */
void ide_dump_status(struct ide_drive *drive, const char *where, u8 stat)
{
	struct ide_hwif *hwif = drive->hwif;

	print_bits(drive->name, "status", where, stat, ata_status_bits);
	if ((stat & (ATA_BUSY | ATA_ERR)) == ATA_ERR)
		print_bits(drive->name, "error", where, inb(hwif->io_base + ATA_REG_ERROR),
			   ata_error_bits);
}

static u8 ide_altstatus(struct ide_hwif *hwif)
{
	return inb(hwif->ctl_base);
}

/* Wait until the status bits of mask read want, checking often at
 * first (QEMU answers at once), then every few milliseconds; -ETIMEDOUT
 * after ms. */
static int ide_wait_status(struct ide_hwif *hwif, u8 mask, u8 want, unsigned int ms, u8 *stat)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	for (int i = 0; i < 1000; i++) {
		*stat = ide_altstatus(hwif);
		if ((*stat & mask) == want)
			return 0;
		udelay(1);
	}
	while (time_before(jiffies, end)) {
		msleep(5);
		*stat = ide_altstatus(hwif);
		if ((*stat & mask) == want)
			return 0;
	}
	return -ETIMEDOUT;
}

static int ide_wait_not_busy(struct ide_hwif *hwif, unsigned int ms, u8 *stat)
{
	return ide_wait_status(hwif, ATA_BUSY, 0, ms, stat);
}

static void ide_select(struct ide_drive *drive)
{
	struct ide_hwif *hwif = drive->hwif;

	outb(hwif->io_base + ATA_REG_DEVICE, ATA_DEV_OBS | (drive->unit ? ATA_DEV_SLAVE : 0));
	for (int i = 0; i < 4; i++)     /* 400 ns for the drive to answer */
		ide_altstatus(hwif);
}

/* A polled command without data: 0, or -EIO with the status reported. */
static int ide_polled_cmd(struct ide_drive *drive, u8 cmd, u8 nsect)
{
	struct ide_hwif *hwif = drive->hwif;
	u8 stat;

	ide_select(drive);
	outb(hwif->io_base + ATA_REG_NSECT, nsect);
	outb(hwif->io_base + ATA_REG_CMD, cmd);
	if (ide_wait_not_busy(hwif, IDE_TIMEOUT_MS, &stat) || (stat & (ATA_ERR | ATA_DF))) {
		ide_dump_status(drive, "polled command", stat);
		return -EIO;
	}
	inb(hwif->io_base + ATA_REG_STATUS);
	return 0;
}

/* Software reset of both drives (SRST held at least 5 us), then the 2 ms
 * ATA asks before the status means anything - spun, since msleep(2) is
 * one to two ticks at HZ 100 and every boot resets both channels - and
 * wait for the master to finish its diagnostics, then for each ATA disk
 * to say it is ready (DRDY; ATAPI devices leave it clear after a reset);
 * both drives' multi-sector counts are set again, since a reset may
 * forget them.  The master is selected first: the status register of an
 * absent slave reads 0, "not busy", and QEMU performs the reset a moment
 * after SRST drops - with the slave still selected, commands went out
 * before the reset had happened and failed once it did (status 0). */
int ide_reset_channel(struct ide_hwif *hwif)
{
	u8 stat;
	int err;

	ide_select(&hwif->drives[0]);
	outb(hwif->ctl_base, ATA_SRST | ATA_NIEN);
	udelay(10);
	outb(hwif->ctl_base, ATA_NIEN);
	mdelay(2);
	err = ide_wait_not_busy(hwif, IDE_TIMEOUT_MS, &stat);
	if (err)
		pr_err("%s: reset timed out, status=0x%02x\n", hwif->name, stat);
	for (int unit = 0; unit < 2 && !err; unit++) {
		struct ide_drive *drive = &hwif->drives[unit];

		if (!drive->present)
			continue;
		ide_select(drive);
		if (!drive->atapi &&
		    (err = ide_wait_status(hwif, ATA_BUSY | ATA_DRDY, ATA_DRDY, IDE_TIMEOUT_MS, &stat)))
			pr_err("%s: not ready after the reset, status=0x%02x\n", drive->name, stat);
		if (!err && drive->mult_count &&
		    ide_polled_cmd(drive, ATA_CMD_SET_MULTI, drive->mult_count))
			drive->mult_count = 0;
	}
	return err;
}

/* Two characters per word, the first in the high byte; trailing blanks off. */
static void ide_id_string(const u16 *id, int first, int words, char *out)
{
	int n = 0;

	for (int i = 0; i < words; i++) {
		out[n++] = (char)(id[first + i] >> 8);
		out[n++] = (char)(id[first + i] & 0xff);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
}

static int ide_identify(struct ide_drive *drive, u8 cmd)
{
	struct ide_hwif *hwif = drive->hwif;
	u8 stat;

	ide_select(drive);
	outb(hwif->io_base + ATA_REG_CMD, cmd);
	if (ide_wait_not_busy(hwif, IDE_TIMEOUT_MS, &stat) || (stat & ATA_ERR) ||
	    !(stat & ATA_DRQ))
		return -ENODEV;
	insw(hwif->io_base + ATA_REG_DATA, drive->id, 256);
	inb(hwif->io_base + ATA_REG_STATUS);
	return 0;
}

static void ide_decode_id(struct ide_drive *drive)
{
	const u16 *id = drive->id;
	u64 lba48 = (u64)id[103] << 48 | (u64)id[102] << 32 | (u64)id[101] << 16 | id[100];

	ide_id_string(id, 27, 20, drive->model);
	ide_id_string(id, 10, 10, drive->serial);
	ide_id_string(id, 23, 4, drive->firmware);
	drive->atapi_type = (id[0] >> 8) & 0x1f;
	drive->cyl = id[1];
	drive->head = id[3];
	drive->sect = id[6];
	drive->lba48 = (id[83] & (1 << 10)) && lba48;
	drive->wcache = id[82] & (1 << 5);
	drive->max_mult = id[47] & 0xff;
	if (drive->lba48)
		drive->capacity = lba48;
	else
		drive->capacity = (u32)id[61] << 16 | id[60];
	drive->using_dma = hwif_has_dma(drive->hwif) && (id[49] & (1 << 8)) && !ide_nodma;
}

/* The modes IDENTIFY lists, e.g. "PIO4 MWDMA2 UDMA5". */
static void ide_print_modes(struct ide_drive *drive)
{
	const u16 *id = drive->id;
	int pio = id[64] & 2 ? 4 : id[64] & 1 ? 3 : 2;
	int mw = id[63] & 4 ? 2 : id[63] & 2 ? 1 : id[63] & 1 ? 0 : -1;
	int udma = -1;

	for (int m = 0; m < 7; m++)
		if (id[88] & (1 << m))
			udma = m;
	pr_info("%s: serial %s, firmware %s, PIO%d%s%c%s%c, multi-sector %u%s\n", drive->name,
		drive->serial, drive->firmware, pio, mw >= 0 ? " MWDMA" : "",
		mw >= 0 ? '0' + mw : ' ', udma >= 0 ? " UDMA" : "", udma >= 0 ? '0' + udma : ' ',
		drive->mult_count, drive->lba48 ? ", LBA48" : "");
}

static void ide_print_disk(struct ide_drive *drive)
{
	u64 mb = drive->capacity * ATA_SECT_SIZE / 1000000;

	pr_info("%s: max request size: %uKiB\n", drive->name, drive->lba48 ? 512 : 128);
	pr_info("%s: %llu sectors (%llu MB)%s, CHS=%u/%u/%u, %s\n", drive->name,
		drive->capacity, mb, drive->wcache ? " w/cache" : "", drive->cyl, drive->head,
		drive->sect, drive->using_dma ? "DMA" : "PIO");
	ide_print_modes(drive);
}

static const char *atapi_type_name(u8 type)
{
	switch (type) {
	case 0: return "FLOPPY";
	case 1: return "TAPE";
	case 5: return "CD/DVD-ROM";
	case 7: return "OPTICAL";
	default: return "UNKNOWN";
	}
}

/* After the reset the signature left in the LBA registers says ATAPI
 * (0x14, 0xeb) or ATA (0, 0); an ATA drive is there if its status is
 * other than 0 (QEMU's empty slot; an ATAPI device shows 0 too) and 0xff
 * (a floating bus). */
static void ide_probe_drive(struct ide_drive *drive)
{
	struct ide_hwif *hwif = drive->hwif;
	u8 stat, lbam, lbah;

	ide_select(drive);
	stat = inb(hwif->io_base + ATA_REG_STATUS);
	lbam = inb(hwif->io_base + ATA_REG_LBAM);
	lbah = inb(hwif->io_base + ATA_REG_LBAH);
	drive->atapi = lbam == 0x14 && lbah == 0xeb;
	if (stat == 0xff || (stat == 0 && !drive->atapi))
		return;
	if (ide_identify(drive, drive->atapi ? ATA_CMD_ID_ATAPI : ATA_CMD_ID_ATA))
		return;
	ide_decode_id(drive);
	if (drive->atapi) {
		pr_info("%s: %s, ATAPI %s drive (left alone)\n", drive->name, drive->model,
			atapi_type_name(drive->atapi_type));
		drive->present = true;
		return;
	}
	if (!(drive->id[49] & (1 << 9)) || !drive->capacity) {
		pr_warn("%s: %s: no LBA addressing, not used\n", drive->name, drive->model);
		return;
	}
	pr_info("%s: %s, ATA DISK drive\n", drive->name, drive->model);
	drive->present = true;
	if (drive->max_mult && !ide_polled_cmd(drive, ATA_CMD_SET_MULTI, drive->max_mult))
		drive->mult_count = drive->max_mult;
}

/* Drives first, then the channel, then each disk's details, in the order
 * Linux prints them. */
static void ide_probe_hwif(struct ide_hwif *hwif)
{
	for (int unit = 0; unit < 2; unit++) {
		struct ide_drive *drive = &hwif->drives[unit];

		drive->hwif = hwif;
		drive->unit = (unsigned int)unit;
		drive->name[0] = 'h';
		drive->name[1] = 'd';
		drive->name[2] = (char)('a' + 2 * hwif->index + (unsigned int)unit);
	}
	if (inb(hwif->io_base + ATA_REG_STATUS) == 0xff)
		return;                         /* nothing drives the bus */
	if (ide_reset_channel(hwif))
		return;
	for (int unit = 0; unit < 2; unit++)
		ide_probe_drive(&hwif->drives[unit]);
	hwif->present = hwif->drives[0].present || hwif->drives[1].present;
	if (!hwif->present)
		return;
	pr_info("%s at 0x%03x-0x%03x,0x%03x on irq %u%s\n", hwif->name, hwif->io_base,
		hwif->io_base + 7, hwif->ctl_base, hwif->irq,
		hwif_has_dma(hwif) ? "" : " (PIO only)");
	for (int unit = 0; unit < 2; unit++)
		if (hwif->drives[unit].present && !hwif->drives[unit].atapi)
			ide_print_disk(&hwif->drives[unit]);
}

void ide_init(void)
{
	ide_dma_init();
	for (unsigned int i = 0; i < ARRAY_SIZE(ide_hwifs); i++) {
		struct ide_hwif *hwif = &ide_hwifs[i];

		ide_hwif_init_io(hwif);
		ide_probe_hwif(hwif);
		if (!hwif->present)
			continue;
		if (request_irq(hwif->irq, i ? ide_intr1 : ide_intr0, hwif->name)) {
			pr_err("%s: irq %u is taken; channel not used\n", hwif->name, hwif->irq);
			hwif->present = false;
			continue;
		}
		outb(hwif->ctl_base, 0);        /* interrupts on from now */
	}
	for (int i = 0; i < 4; i++) {
		struct ide_drive *drive = &ide_hwifs[i / 2].drives[i % 2];

		if (drive->hwif->present && drive->present && !drive->atapi)
			ide_disk_init(drive);
	}
}

static int cmd_ide(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (unsigned int i = 0; i < ARRAY_SIZE(ide_hwifs); i++) {
		const struct ide_hwif *hwif = &ide_hwifs[i];

		if (!hwif->present)
			continue;
		mprintf("%s: 0x%03x,0x%03x irq %u, %s, %lu interrupts, %lu errors, %lu timeouts\n",
			hwif->name, hwif->io_base, hwif->ctl_base, hwif->irq,
			hwif_has_dma(hwif) ? "bus-master DMA" : "PIO only", hwif->nr_irqs,
			hwif->nr_errors, hwif->nr_timeouts);
		for (int unit = 0; unit < 2; unit++) {
			const struct ide_drive *d = &hwif->drives[unit];

			if (d->present)
				mprintf("  %s: %s, %s, %llu sectors, %s%s, multi-sector %u\n", d->name,
					d->model, d->atapi ? "ATAPI" : "ATA DISK", d->capacity,
					d->using_dma ? "DMA" : "PIO", d->lba48 ? ", LBA48" : "",
					d->mult_count);
		}
	}
	return 0;
}
MONITOR_CMD("ide", "the IDE channels and drives, with interrupt, error and timeout counts",
	    cmd_ide);
