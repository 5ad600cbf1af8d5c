; kernel/entry.asm - the interrupt and exception entry stubs.
;
; Every vector gets a stub that makes the stack uniform (a dummy error code
; where the CPU pushes none), pushes its vector number and jumps to
; common_entry, which saves the rest of struct pt_regs (kernel/ptrace.h),
; loads the kernel data segments and calls do_interrupt(regs) in C.
; isr_stub_table[] holds the 48 stub addresses (exceptions 0-31, IRQs 0-15)
; for kernel/traps.c to put into the IDT.
;
; Locking: interrupt gates enter with IF clear.

%define KERNEL_DS 0x10

extern do_interrupt

; Exceptions that push an error code: #DF #TS #NP #SS #GP #PF #AC
%macro STUB 1
isr_stub_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17
%else
	push 0
%endif
	push %1
	jmp common_entry
%endmacro

section .text
common_entry:
	push gs
	push fs
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	cld
	push esp                        ; struct pt_regs *
	call do_interrupt
	add esp, 4
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	pop fs
	pop gs
	add esp, 8                      ; vector and error code
	iret

%assign i 0
%rep 48
STUB i
%assign i i + 1
%endrep

section .rodata
global isr_stub_table
isr_stub_table:
%assign i 0
%rep 48
	dd isr_stub_ %+ i
%assign i i + 1
%endrep
