# tests/test_blockdev.py: busybox on the partitions of a table sfdisk made
# (hda5 is to become swap; hda6 starts with TESSERA-HDA6).
dd if=/dev/hda6 bs=512 count=1 2>/dev/null | hexdump -C | head -n 1
mkswap /dev/hda5
fdisk -l /dev/hda
echo done
