/*
 * drivers/block/ide.h - the IDE/ATA driver: two channels (hwifs) of two
 * drives each, as on a PC's PIIX.
 *
 * A channel is a set of eight command-block registers (0x1F0 or 0x170),
 * one control register (0x3F6 or 0x376) and an interrupt line (14 or
 * 15).  Its two drives, master and slave, share all three: one command at
 * a time per channel.  The driver runs one struct ide_xfer per channel at
 * a time - a run of sectors to read or write through a list of page
 * pieces - by PIO (the CPU moves each DRQ block through the data port,
 * one interrupt per block) or by bus-master DMA (the PIIX moves it all
 * through a PRD table, one interrupt at the end).  Whoever started it
 * hears of its end through xfer->done: the block layer's request queue
 * (drivers/block/ide-disk.c) or a synchronous caller (ide_xfer_sync).
 *
 * Data: ide_hwifs[2] and their drives, found at boot by ide_init
 * (drivers/block/ide-probe.c) and fixed from then on; per channel the
 * transfer in flight, its timer, and the reset work.
 * Locking: hwif->lock (irqs off) covers the channel's registers and its
 * xfer/busy state; it is also the request queues' lock of both drives.
 * A transfer starts with hwif->busy claimed and ends when the channel is
 * given back (ide_end_xfer), after xfer->done ran without the lock.
 */
#ifndef DRIVERS_BLOCK_IDE_H
#define DRIVERS_BLOCK_IDE_H

#include "kernel/locking/spinlock.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "kernel/workqueue.h"
#include "lib/types.h"

struct page;
struct pt_regs;
struct pci_dev;
struct gendisk;
struct request;
struct request_queue;

/* Command-block registers, offsets from hwif->io_base. */
#define ATA_REG_DATA 0
#define ATA_REG_ERROR 1                 /* read */
#define ATA_REG_FEATURE 1               /* write */
#define ATA_REG_NSECT 2
#define ATA_REG_LBAL 3
#define ATA_REG_LBAM 4
#define ATA_REG_LBAH 5
#define ATA_REG_DEVICE 6
#define ATA_REG_STATUS 7                /* read: also acknowledges INTRQ */
#define ATA_REG_CMD 7                   /* write */

/* The control block's one register (hwif->ctl_base): alternate status
 * when read (no INTRQ acknowledge), device control when written. */
#define ATA_NIEN 0x02                   /* device interrupts off */
#define ATA_SRST 0x04                   /* software reset of both drives */
#define ATA_HOB 0x80                    /* read the LBA48 high-order bytes */

/* Status register bits. */
#define ATA_BUSY 0x80
#define ATA_DRDY 0x40
#define ATA_DF 0x20
#define ATA_DSC 0x10
#define ATA_DRQ 0x08
#define ATA_CORR 0x04
#define ATA_IDX 0x02
#define ATA_ERR 0x01

/* Device register: bit 6 LBA addressing, bit 4 the slave; bits 7 and 5
 * are set for old drives' sake. */
#define ATA_DEV_OBS 0xa0
#define ATA_DEV_LBA 0x40
#define ATA_DEV_SLAVE 0x10

/* Commands. */
#define ATA_CMD_READ 0x20
#define ATA_CMD_READ_EXT 0x24
#define ATA_CMD_READ_DMA_EXT 0x25
#define ATA_CMD_READ_MULTI_EXT 0x29
#define ATA_CMD_WRITE 0x30
#define ATA_CMD_WRITE_EXT 0x34
#define ATA_CMD_WRITE_DMA_EXT 0x35
#define ATA_CMD_WRITE_MULTI_EXT 0x39
#define ATA_CMD_ID_ATAPI 0xa1
#define ATA_CMD_READ_MULTI 0xc4
#define ATA_CMD_WRITE_MULTI 0xc5
#define ATA_CMD_SET_MULTI 0xc6
#define ATA_CMD_READ_DMA 0xc8
#define ATA_CMD_WRITE_DMA 0xca
#define ATA_CMD_ID_ATA 0xec

#define ATA_SECT_SIZE 512
/* LBA28 commands only for transfers that end below this sector, 2^28 - 1
 * (as libata's rule: that last sector goes by LBA48 too). */
#define ATA_LBA28_LIMIT 0x0fffffffULL

/* At most this many page pieces per transfer (the PRD table's entries). */
#define IDE_MAX_SG 128
/* A drive that has not interrupted after this long is reset. */
#define IDE_TIMEOUT_MS 3000

struct ide_sg {
	struct page *page;              /* may be a high page */
	unsigned int offset, len;       /* len: a multiple of ATA_SECT_SIZE */
};

struct ide_drive;

struct ide_xfer {
	struct ide_drive *drive;
	u64 sector;                     /* absolute on the drive */
	unsigned int nsect;
	bool write;
	bool pio;                       /* PIO even on a DMA drive (tests) */
	unsigned int nr_sg;
	struct ide_sg sg[IDE_MAX_SG];
	void (*done)(struct ide_xfer *x, int error);
	void *private;                  /* the request, or a completion */
	/* progress of a PIO transfer, kept by the driver */
	unsigned int left, sg_idx, sg_off;
	u8 command;
	bool dma;
	int error;
};

struct ide_drive {
	struct ide_hwif *hwif;
	unsigned int unit;              /* 0 master, 1 slave */
	char name[4];                   /* "hda" */
	bool present, atapi, lba48, using_dma, wcache;
	u8 atapi_type;                  /* 5: CD/DVD-ROM */
	u64 capacity;                   /* sectors */
	u16 cyl, head, sect;            /* default geometry */
	u8 mult_count;                  /* sectors per DRQ block, 0: one */
	u8 max_mult;
	char model[41], serial[21], firmware[9];
	u16 id[256];                    /* IDENTIFY (PACKET) DEVICE as read */
	struct gendisk *disk;
	struct request_queue *queue;
};

struct ide_hwif {
	const char *name;               /* "ide0" */
	unsigned int index;
	u16 io_base, ctl_base;
	unsigned int irq;
	u16 dma_base;                   /* bus-master registers, 0: PIO only */
	bool present;
	spinlock_t lock;
	struct ide_drive drives[2];
	/* the channel's transfer */
	bool busy;                      /* claimed: a transfer or a reset is on */
	struct ide_xfer *xfer;          /* in flight, waiting for the drive */
	struct ide_xfer *failed;        /* to end with -EIO by error_work */
	bool reset_needed;              /* failed for a timeout: reset first */
	unsigned long deadline;         /* jiffies; the timer fires after it */
	struct timer_list timer;
	struct work_struct error_work;
	wait_queue_head_t wait;         /* for the channel to be given back */
	unsigned int next_unit;         /* round robin between the queues */
	struct ide_xfer rq_xfer;        /* the one block request in flight */
	/* bus-master DMA */
	u32 *prd;                       /* IDE_MAX_SG entries of two dwords */
	u32 prd_phys;
	unsigned long nr_irqs, nr_timeouts, nr_errors;
};

extern struct ide_hwif ide_hwifs[2];
extern bool ide_nodma;

static inline bool hwif_has_dma(const struct ide_hwif *hwif)
{
	return hwif->dma_base != 0;
}

void ide_init(void);

/* drivers/block/ide-probe.c: polled commands for probing and resets. */
int ide_reset_channel(struct ide_hwif *hwif);
void ide_dump_status(struct ide_drive *drive, const char *where, u8 stat);

/* drivers/block/ide-io.c: starting a transfer on a claimed channel (lock
 * held), the interrupt, the timeout. */
void ide_hwif_init_io(struct ide_hwif *hwif);
void ide_intr0(struct pt_regs *regs);
void ide_intr1(struct pt_regs *regs);
void ide_start_xfer(struct ide_hwif *hwif, struct ide_xfer *x);
bool ide_xfer_valid(const struct ide_xfer *x);
void ide_fail_xfer(struct ide_hwif *hwif, struct ide_xfer *x);
/* Claim the channel (sleeping until it is free), run x, wait for its
 * end: 0, -EIO, or -EINVAL for a transfer the drive cannot do.  The
 * caller sets x->drive, sector, nsect, write, pio and the pieces. */
int ide_xfer_sync(struct ide_xfer *x);

/* drivers/block/ide-dma.c: the PIIX's bus-master engine. */
void ide_dma_init(void);
bool ide_dma_setup(struct ide_hwif *hwif, struct ide_xfer *x);
void ide_dma_start(struct ide_hwif *hwif);
/* Stop the engine; its status register, for the error check. */
u8 ide_dma_end(struct ide_hwif *hwif);
#define ATA_DMA_STATUS 2                /* the engine's status register */
#define ATA_DMA_ERROR 0x02
#define ATA_DMA_INTR 0x04

/* drivers/block/ide-disk.c: each ATA disk's gendisk and request queue. */
int ide_disk_init(struct ide_drive *drive);
/* Start the next queued request if the channel is free; lock held. */
void ide_do_request(struct ide_hwif *hwif);

#endif
