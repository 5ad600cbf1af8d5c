; kernel/arch/vdso.asm - the code of the vsyscall page, which user space
; calls to make a system call.  It is linked on its own into a small
; shared object, linux-gate.so.1 (kernel/arch/vdso.lds), which the kernel
; carries as data (kernel/arch/vsyscall_page.asm) and maps read-only for
; user mode at VSYSCALL_BASE in every address space
; (kernel/arch/vsyscall.c).  A program learns of it from two auxv
; entries: AT_SYSINFO_EHDR, the object's ELF header, and AT_SYSINFO, the
; entry below.  glibc uses AT_SYSINFO only when AT_SYSINFO_EHDR names a
; valid object, and then calls it through %gs:0x10 for every system call
; (its own `int $0x80` otherwise); gdb reads the object's symbols.
;
; sysenter saves neither a return address nor the user's stack pointer:
; the kernel returns to the fixed address VSYSCALL_RETURN with sysexit
; (kernel/arch/entry.asm:sysenter_entry), so before entering, this code
; keeps on the user's stack what sysexit will clobber (ecx and edx: they
; carry eip and esp back) and what the kernel needs from the stack (ebp,
; which it replaces with esp: the sixth argument is then at [ebp]).
;
; Restarting a system call backs the return address up by 2, the length
; of `int $0x80`: the two bytes before VSYSCALL_RETURN are therefore a
; jump back to the entry sequence, which enters again with the registers
; the kernel restored (by iret: only a return to VSYSCALL_RETURN itself
; leaves by sysexit).  All jumps are relative: the code runs wherever it
; is linked.
;
; No data, no locking: the page is never written.
%include "kernel/arch/vsyscall.inc"

section .text
global __kernel_vsyscall:function
__kernel_vsyscall:                      ; VSYSCALL_BASE + VSYSCALL_ENTRY_OFFSET
	push ecx
	push edx
	push ebp
.enter:
	mov ebp, esp
	sysenter
	times VSYSCALL_RETURN_OFFSET - VSYSCALL_ENTRY_OFFSET - 2 - ($ - $$) nop
	jmp short .enter                ; VSYSCALL_RETURN - 2: the restart point
.return:                                ; VSYSCALL_RETURN
	pop ebp
	pop edx
	pop ecx
	ret
