busybox taskset 1 busybox echo on-cpu0
echo status=$?
