; kernel/arch/vsyscall_page.asm - the vsyscall page as the kernel carries
; it: linux-gate.so.1 (built from kernel/arch/vdso.asm and vdso.lds)
; included whole, page aligned and padded to a page, so that nothing else
; of the kernel's shares the page user space can read.
; kernel/arch/vsyscall.c maps it; no data beyond it, never written.
section .vsyscall progbits alloc noexec nowrite align=4096
global vsyscall_page
vsyscall_page:
	incbin "build/kernel/arch/vdso.so"
	times 4096 - ($ - $$) db 0
