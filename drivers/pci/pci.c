/*
 * drivers/pci/pci.c - finding the PCI devices and binding drivers to them.
 *
 * Configuration mechanism #1: the CPU writes an address to port 0xCF8
 *
 *     bit 31 enable | bits 23-16 bus | 15-11 device | 10-8 function | 7-2 register
 *
 * and reads or writes the register's dword at 0xCFC (a byte or word at
 * 0xCFC + (where & 3)).  pci_scan_bus() reads the vendor id of function 0
 * of each of the 32 devices on a bus (0xffff: nothing there); a device
 * whose header type has bit 7 set has functions 1-7 too.  A PCI-to-PCI
 * bridge (header type 1) leads to the bus numbered in its secondary-bus
 * register, scanned in turn.  A BAR's size is found by writing all-ones
 * and reading back which address bits stuck at zero (pci_read_bases),
 * with decoding off meanwhile so the device never answers at all-ones.
 *
 * Data: pci_devices (every function, in scan order), scanned_bus (so a
 * misconfigured bridge cannot make the scan loop).
 * Locking: pci_config_lock around each address/data pair; the list is
 * written only by pci_init, before any driver registers.
 */
#include "drivers/pci/pci.h"
#include "fs/seq_file.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/monitor.h"
#include "kernel/locking/spinlock.h"
#include "kernel/printk.h"
#include "mm/slab.h"

#define PCI_CONF_ADDR 0xcf8
#define PCI_CONF_DATA 0xcfc
#define PCI_CONF_ENABLE 0x80000000u

LIST_HEAD(pci_devices);
static DEFINE_SPINLOCK(pci_config_lock);
static bool scanned_bus[256];

static void conf_address(u8 bus, u8 devfn, unsigned int where)
{
	outl(PCI_CONF_ADDR, PCI_CONF_ENABLE | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc));
}

static u32 conf_read(u8 bus, u8 devfn, unsigned int where, unsigned int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&pci_config_lock, flags);
	conf_address(bus, devfn, where);
	if (size == 1)
		v = inb(PCI_CONF_DATA + (where & 3));
	else if (size == 2)
		v = inw(PCI_CONF_DATA + (where & 2));
	else
		v = inl(PCI_CONF_DATA);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return v;
}

static void conf_write(u8 bus, u8 devfn, unsigned int where, unsigned int size, u32 v)
{
	unsigned long flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	conf_address(bus, devfn, where);
	if (size == 1)
		outb(PCI_CONF_DATA + (where & 3), (u8)v);
	else if (size == 2)
		outw(PCI_CONF_DATA + (where & 2), (u16)v);
	else
		outl(PCI_CONF_DATA, v);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}

u8 pci_read_config_byte(const struct pci_dev *dev, unsigned int where)
{
	return (u8)conf_read(dev->bus, dev->devfn, where, 1);
}

u16 pci_read_config_word(const struct pci_dev *dev, unsigned int where)
{
	return (u16)conf_read(dev->bus, dev->devfn, where, 2);
}

u32 pci_read_config_dword(const struct pci_dev *dev, unsigned int where)
{
	return conf_read(dev->bus, dev->devfn, where, 4);
}

void pci_write_config_byte(const struct pci_dev *dev, unsigned int where, u8 val)
{
	conf_write(dev->bus, dev->devfn, where, 1, val);
}

void pci_write_config_word(const struct pci_dev *dev, unsigned int where, u16 val)
{
	conf_write(dev->bus, dev->devfn, where, 2, val);
}

void pci_write_config_dword(const struct pci_dev *dev, unsigned int where, u32 val)
{
	conf_write(dev->bus, dev->devfn, where, 4, val);
}

/* Size one BAR (or the ROM, whose address bits start at bit 11). */
static void pci_size_bar(struct pci_dev *dev, unsigned int where, struct pci_resource *res,
			 bool rom)
{
	u32 orig = pci_read_config_dword(dev, where), mask;

	pci_write_config_dword(dev, where, rom ? PCI_ROM_ADDRESS_MASK : ~0u);
	mask = pci_read_config_dword(dev, where);
	pci_write_config_dword(dev, where, orig);
	if (!mask || mask == ~0u)
		return;
	if (rom) {
		mask &= PCI_ROM_ADDRESS_MASK;
		res->start = orig & PCI_ROM_ADDRESS_MASK;
	} else if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		mask = (mask & PCI_BASE_ADDRESS_IO_MASK) | 0xffff0000u;  /* 16-bit ports */
		res->start = orig & PCI_BASE_ADDRESS_IO_MASK;
		res->flags = orig & ~PCI_BASE_ADDRESS_IO_MASK;
	} else {
		mask &= PCI_BASE_ADDRESS_MEM_MASK;
		res->start = orig & PCI_BASE_ADDRESS_MEM_MASK;
		res->flags = orig & ~PCI_BASE_ADDRESS_MEM_MASK;
	}
	res->size = ~mask + 1;
}

/* Every BAR of the header type, then the ROM.  A 64-bit memory BAR takes
 * two slots; above 4 GiB it is out of reach of a 32-bit kernel anyway. */
static void pci_read_bases(struct pci_dev *dev, unsigned int nr_bars, unsigned int rom)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (unsigned int i = 0; i < nr_bars; i++) {
		pci_size_bar(dev, PCI_BASE_ADDRESS_0 + 4 * i, &dev->resource[i], false);
		if ((dev->resource[i].flags & (PCI_BASE_ADDRESS_SPACE_IO | 0x6)) ==
		    PCI_BASE_ADDRESS_MEM_TYPE_64)
			i++;
	}
	pci_size_bar(dev, rom, &dev->resource[PCI_ROM_RESOURCE], true);
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

static struct pci_dev *pci_scan_function(u8 bus, u8 devfn)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	u32 class_rev;

	if (!dev)
		return NULL;
	dev->bus = bus;
	dev->devfn = devfn;
	dev->vendor = pci_read_config_word(dev, PCI_VENDOR_ID);
	dev->device = pci_read_config_word(dev, PCI_DEVICE_ID);
	class_rev = pci_read_config_dword(dev, PCI_CLASS_REVISION);
	dev->class = class_rev >> 8;
	dev->revision = (u8)class_rev;
	dev->hdr_type = pci_read_config_byte(dev, PCI_HEADER_TYPE) & ~PCI_HEADER_MULTI_FUNC;
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	dev->pin = pci_read_config_byte(dev, PCI_INTERRUPT_PIN);
	if (dev->hdr_type == PCI_HEADER_TYPE_NORMAL)
		pci_read_bases(dev, 6, PCI_ROM_ADDRESS);
	else if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE)
		pci_read_bases(dev, 2, PCI_ROM_ADDRESS1);
	list_add_tail(&dev->list, &pci_devices);
	return dev;
}

static void pci_scan_bus(u8 bus);

static void pci_scan_slot(u8 bus, u8 slot)
{
	unsigned int nr_fn = 1;

	for (unsigned int fn = 0; fn < nr_fn; fn++) {
		u8 devfn = PCI_DEVFN(slot, fn);
		struct pci_dev *dev;

		if ((u16)conf_read(bus, devfn, PCI_VENDOR_ID, 2) == 0xffff)
			continue;
		if (fn == 0 && (conf_read(bus, devfn, PCI_HEADER_TYPE, 1) & PCI_HEADER_MULTI_FUNC))
			nr_fn = 8;
		dev = pci_scan_function(bus, devfn);
		if (dev && dev->hdr_type == PCI_HEADER_TYPE_BRIDGE)
			pci_scan_bus(pci_read_config_byte(dev, PCI_SECONDARY_BUS));
	}
}

static void pci_scan_bus(u8 bus)
{
	if (scanned_bus[bus])
		return;
	scanned_bus[bus] = true;
	for (u8 slot = 0; slot < 32; slot++)
		pci_scan_slot(bus, slot);
}

/* Mechanism #1 is there if the address register keeps what is written. */
static bool pci_conf1_present(void)
{
	unsigned long flags;
	u32 saved, v;

	spin_lock_irqsave(&pci_config_lock, flags);
	saved = inl(PCI_CONF_ADDR);
	outl(PCI_CONF_ADDR, PCI_CONF_ENABLE);
	v = inl(PCI_CONF_ADDR);
	outl(PCI_CONF_ADDR, saved);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return v == PCI_CONF_ENABLE;
}

void pci_init(void)
{
	struct pci_dev *dev;
	unsigned int n = 0;

	if (!pci_conf1_present()) {
		pr_info("PCI: no configuration mechanism #1; no PCI devices\n");
		return;
	}
	pci_scan_bus(0);
	list_for_each_entry(dev, &pci_devices, list) {
		pr_info("pci 0000:%02x:%02x.%u: [%04x:%04x] type %u class 0x%06x\n", dev->bus,
			PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn), dev->vendor, dev->device,
			dev->hdr_type, dev->class);
		n++;
	}
	pr_info("PCI: using configuration type 1, %u functions found\n", n);
}

static const struct pci_device_id *pci_match_id(const struct pci_device_id *id,
						const struct pci_dev *dev)
{
	for (; id->vendor || id->device || id->class_mask; id++) {
		if (id->vendor != PCI_ANY_ID && id->vendor != dev->vendor)
			continue;
		if (id->device != PCI_ANY_ID && id->device != dev->device)
			continue;
		if ((dev->class & id->class_mask) == id->class)
			return id;
	}
	return NULL;
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;
	int bound = 0;

	list_for_each_entry(dev, &pci_devices, list) {
		const struct pci_device_id *id;

		if (dev->driver || !(id = pci_match_id(drv->id_table, dev)))
			continue;
		if (drv->probe(dev, id) == 0) {
			dev->driver = drv;
			bound++;
		}
	}
	return bound;
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND), want = 0;

	for (int i = 0; i < PCI_ROM_RESOURCE; i++) {
		if (!dev->resource[i].size)
			continue;
		want |= dev->resource[i].flags & PCI_BASE_ADDRESS_SPACE_IO ? PCI_COMMAND_IO
									     : PCI_COMMAND_MEMORY;
	}
	if ((cmd & want) != want)
		pci_write_config_word(dev, PCI_COMMAND, cmd | want);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

/* One line per function: bus and devfn, vendor and device, irq, then the
 * seven regions' bases (with the BAR's flag bits) and their sizes, then
 * the bound driver's name - the layout lspci -P and other tools parse. */
void pci_devices_show(struct seq_file *m, void *arg)
{
	struct pci_dev *dev;

	(void)arg;
	list_for_each_entry(dev, &pci_devices, list) {
		seq_printf(m, "%02x%02x\t%04x%04x\t%x", dev->bus, dev->devfn, dev->vendor,
			   dev->device, dev->irq);
		for (int i = 0; i < PCI_NUM_RESOURCES; i++)
			seq_printf(m, "\t%08x", dev->resource[i].start | dev->resource[i].flags);
		for (int i = 0; i < PCI_NUM_RESOURCES; i++)
			seq_printf(m, "\t%08x", dev->resource[i].size);
		seq_printf(m, "\t%s\n", dev->driver ? dev->driver->name : "");
	}
}

static const struct {
	u16 class;
	const char *name;
} pci_class_names[] = {
	{ 0x0100, "SCSI storage controller" }, { 0x0101, "IDE interface" },
	{ 0x0106, "SATA controller" },         { 0x0200, "Ethernet controller" },
	{ 0x0300, "VGA compatible controller" }, { 0x0600, "Host bridge" },
	{ 0x0601, "ISA bridge" },              { 0x0604, "PCI bridge" },
	{ 0x0680, "Bridge" },                  { 0x0c03, "USB controller" },
};

static const char *pci_class_name(u16 class)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(pci_class_names); i++)
		if (pci_class_names[i].class == class)
			return pci_class_names[i].name;
	return "Class";
}

/* As `lspci -nn` prints it, less the vendor and device names. */
static void lspci_show(struct seq_file *m, void *arg)
{
	struct pci_dev *dev;

	(void)arg;
	list_for_each_entry(dev, &pci_devices, list) {
		seq_printf(m, "%02x:%02x.%u %s [%04x]: %04x:%04x", dev->bus, PCI_SLOT(dev->devfn),
			   PCI_FUNC(dev->devfn), pci_class_name(dev->class >> 8), dev->class >> 8,
			   dev->vendor, dev->device);
		if (dev->revision)
			seq_printf(m, " (rev %02x)", dev->revision);
		if (dev->class & 0xff)
			seq_printf(m, " (prog-if %02x)", dev->class & 0xff);
		if (dev->pin)
			seq_printf(m, " irq %u pin %c", dev->irq, 'A' + dev->pin - 1);
		if (dev->driver)
			seq_printf(m, " driver %s", dev->driver->name);
		seq_printf(m, "\n");
	}
}

static int cmd_lspci(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	seq_to_console(lspci_show, NULL);
	return 0;
}
MONITOR_CMD("lspci", "the PCI devices: bus:slot.fn class vendor:device", cmd_lspci);
