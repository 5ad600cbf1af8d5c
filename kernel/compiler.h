/*
 * kernel/compiler.h - annotations for the static checker (sparse), read by
 * every kernel source: the Makefile passes `-include kernel/compiler.h` to
 * gcc and to sparse, so no file includes it by hand.
 *
 * gcc sees empty macros: the annotations cost nothing in the kernel.
 * sparse defines __CHECKER__, and then they become attributes it checks
 * (`make check`, docs/checking.md):
 *
 *   __user     a pointer into user space, address space 1.  It may be
 *              unmapped or point at kernel memory, so it is never
 *              dereferenced ("noderef"); only the uaccess functions
 *              (kernel/arch/uaccess.h) read and write through it.
 *   __iomem    device registers (LAPIC, IOAPIC, the VGA text buffer),
 *              address space 2: reached only through readl()/writel()
 *              and friends (kernel/arch/x86.h), never by a plain load.
 *   __percpu   a per-CPU variable's own symbol (.data.percpu), address
 *              space 3: the section is only CPU 0's copy, so the address
 *              means nothing until per_cpu()/__get_cpu_var() add a CPU's
 *              offset (kernel/percpu.h).
 *   __force    on a cast: "this conversion between address spaces is
 *              meant".  It belongs in the few places that implement an
 *              address space (uaccess, the per-CPU accessors, MMIO
 *              accessors, the system-call table), nowhere else.
 *
 * Lock annotations count holds: a function marked __acquires(l) must
 * return with one more than it entered with, __releases(l) one fewer,
 * __must_hold(l) the same number.  sparse follows every path through a
 * function and reports a path that ends with another count ("context
 * imbalance") or two paths that meet with different counts.  The
 * primitives change the count by hand with __acquire()/__release(),
 * since sparse cannot see that an xadd took a ticket lock; __cond_lock()
 * says a trylock holds the lock exactly when it returns true.  Two
 * limits of Debian's sparse 0.6.4: it keeps one count, so `l` documents
 * which lock but is not compared (lock a, unlock b balances - lock_debug
 * catches that at run time), and it checks a body against the
 * annotation on the definition, so that is where it must be.
 *
 * Data: none.  Locking: none (this describes locking to the checker).
 */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

#ifdef __CHECKER__
#define __user          __attribute__((noderef, address_space(1)))
#define __iomem         __attribute__((noderef, address_space(2)))
#define __percpu        __attribute__((noderef, address_space(3)))
#define __kernel        __attribute__((address_space(0)))
#define __force         __attribute__((force))
#define __acquires(x)   __attribute__((context(x, 0, 1)))
#define __releases(x)   __attribute__((context(x, 1, 0)))
#define __must_hold(x)  __attribute__((context(x, 1, 1)))
#define __acquire(x)    __context__(x, 1)
#define __release(x)    __context__(x, -1)
#define __cond_lock(x, c) ((c) ? ({ __acquire(x); 1; }) : 0)
#else
#define __user
#define __iomem
#define __percpu
#define __kernel
#define __force
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __acquire(x)    ((void)0)
#define __release(x)    ((void)0)
#define __cond_lock(x, c) (c)
#endif

#endif
