/*
 * drivers/pci/pci.h - the PCI bus: configuration space, the devices found
 * on it, and drivers that bind to them.
 *
 * Every PCI function has 256 bytes of configuration space, reached on a PC
 * through configuration mechanism #1 (an address written to port 0xCF8,
 * the data through 0xCFC).  pci_init() walks every bus, device and
 * function once at boot and keeps a struct pci_dev for each; a driver
 * then registers a struct pci_driver whose id_table says which devices it
 * handles (by vendor/device or by class), and its probe() is called for
 * each match.  /proc/bus/pci/devices and the monitor's `lspci` list them.
 *
 * Data: pci_devices, the list of every function found (in bus order),
 * filled once by pci_init and never changed after, so readers need no
 * lock; pci_dev.driver is set by pci_register_driver, at boot.
 * Locking: configuration cycles take pci_config_lock (irqs off), since the
 * address and data ports are one shared pair for every CPU.
 */
#ifndef DRIVERS_PCI_PCI_H
#define DRIVERS_PCI_PCI_H

#include "lib/list.h"
#include "lib/types.h"

struct seq_file;

/* Configuration space offsets (every header type). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_CLASS_REVISION 0x08        /* revision in the low byte */
#define PCI_HEADER_TYPE 0x0e
#define PCI_BASE_ADDRESS_0 0x10
#define PCI_SECONDARY_BUS 0x19         /* header type 1 (PCI-to-PCI bridge) */
#define PCI_ROM_ADDRESS 0x30           /* header type 0 */
#define PCI_ROM_ADDRESS1 0x38          /* header type 1 */
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

#define PCI_HEADER_TYPE_NORMAL 0
#define PCI_HEADER_TYPE_BRIDGE 1
#define PCI_HEADER_MULTI_FUNC 0x80

#define PCI_BASE_ADDRESS_SPACE_IO 0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_64 0x4
#define PCI_BASE_ADDRESS_IO_MASK (~0x3u)
#define PCI_BASE_ADDRESS_MEM_MASK (~0xfu)
#define PCI_ROM_ADDRESS_MASK (~0x7ffu)

#define PCI_CLASS_STORAGE_IDE 0x0101

#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)
#define PCI_DEVFN(slot, fn) ((((slot) & 0x1f) << 3) | ((fn) & 0x07))

/* resource[0..5] are the BARs, resource[6] the expansion ROM. */
#define PCI_ROM_RESOURCE 6
#define PCI_NUM_RESOURCES 7

struct pci_resource {
	u32 start;                      /* 0: not implemented */
	u32 size;
	u8 flags;                       /* the BAR's low bits: IO/MEM, type, prefetch */
};

struct pci_driver;

struct pci_dev {
	struct list_head list;          /* in pci_devices */
	u8 bus;
	u8 devfn;
	u16 vendor;
	u16 device;
	u32 class;                      /* class << 16 | subclass << 8 | prog-if */
	u8 revision;
	u8 hdr_type;                    /* without the multi-function bit */
	u8 irq;                         /* interrupt line (what the BIOS routed) */
	u8 pin;                         /* 1..4 = INTA#..INTD#, 0 none */
	struct pci_resource resource[PCI_NUM_RESOURCES];
	struct pci_driver *driver;      /* bound by pci_register_driver */
};

#define PCI_ANY_ID (~0u)

struct pci_device_id {
	u32 vendor, device;             /* PCI_ANY_ID matches any */
	u32 class, class_mask;          /* (dev->class & class_mask) == class */
	unsigned long driver_data;
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;   /* ends with an all-zero entry */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

extern struct list_head pci_devices;

/* Scan every bus; a no-op (and a message) on a machine without PCI. */
void pci_init(void);

u8 pci_read_config_byte(const struct pci_dev *dev, unsigned int where);
u16 pci_read_config_word(const struct pci_dev *dev, unsigned int where);
u32 pci_read_config_dword(const struct pci_dev *dev, unsigned int where);
void pci_write_config_byte(const struct pci_dev *dev, unsigned int where, u8 val);
void pci_write_config_word(const struct pci_dev *dev, unsigned int where, u16 val);
void pci_write_config_dword(const struct pci_dev *dev, unsigned int where, u32 val);

/* Call drv->probe for every device its id_table matches and that no
 * driver holds yet; returns how many it bound. */
int pci_register_driver(struct pci_driver *drv);
/* Turn on I/O and memory decoding for the BARs the device has. */
int pci_enable_device(struct pci_dev *dev);
/* Let the device master the bus (DMA). */
void pci_set_master(struct pci_dev *dev);

static inline u32 pci_resource_start(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].start;
}

/* /proc/bus/pci/devices, in Linux's format. */
void pci_devices_show(struct seq_file *m, void *arg);

#endif
