# tests/test_blockdev.py: busybox on the partitions of a table sfdisk made
# (hda5 is to become swap; hda6 starts with TESSERA-HDA6), then the table
# re-read (BLKRRPART): refused while hda6 is open, and once the MBR is
# zeroed, the partitions are gone.
dd if=/dev/hda6 bs=512 count=1 2>/dev/null | hexdump -C | head -n 1
mkswap /dev/hda5
fdisk -l /dev/hda
echo size64=$(blockdev --getsize64 /dev/hda) ss=$(blockdev --getss /dev/hda)
exec 3< /dev/hda6
blockdev --rereadpt /dev/hda
echo rereadpt-busy=$?
exec 3<&-
dd if=/dev/zero of=/dev/hda bs=512 count=1 2>/dev/null
blockdev --rereadpt /dev/hda
echo rereadpt=$?
cat /proc/partitions
echo done
