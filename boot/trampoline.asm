; boot/trampoline.asm - where an application processor (AP) starts.
;
; An AP wakes from a STARTUP IPI in 16-bit real mode at CS:IP = vv00:0000,
; where vv is the page number the IPI carried.  The boot CPU copies these
; bytes (trampoline_start..trampoline_end) to a page below 1 MiB
; (kernel/arch/smpboot.c) and patches trampoline_cr3/_cr4 in the copy.  The code
; cannot know where it runs until it looks at CS, so it computes its own
; physical base, fixes up its GDT pointer and far-jump target, enters
; protected mode with a flat GDT, turns paging on with the kernel's page
; directory (whose low 4 MiB are identity-mapped while APs start, so the
; next instruction is still mapped) and jumps to startup_32_smp in
; boot/head.asm at the kernel's linked address.
;
; Data: the copy lives in one page; nothing here is used after the jump.
; Locking: the boot CPU starts one AP at a time.

section .rodata
bits 16
align 16
global trampoline_start, trampoline_end, trampoline_cr3, trampoline_cr4
extern startup_32_smp

trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	xor ebx, ebx
	mov bx, ax
	shl ebx, 4                              ; our physical address
	lea eax, [ebx + (tr_gdt - trampoline_start)]
	mov [tr_gdtr - trampoline_start + 2], eax
	lea eax, [ebx + (tr_pm - trampoline_start)]
	mov [tr_farjmp - trampoline_start], eax
	lgdt [tr_gdtr - trampoline_start]
	mov eax, cr0
	or eax, 1                               ; PE
	mov cr0, eax
	jmp dword far [tr_farjmp - trampoline_start]

bits 32
tr_pm:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov eax, [ebx + (trampoline_cr4 - trampoline_start)]
	mov cr4, eax
	mov eax, [ebx + (trampoline_cr3 - trampoline_start)]
	mov cr3, eax
	mov eax, cr0
	or eax, 0x80010000                      ; PG | WP, as on the boot CPU
	mov cr0, eax
	mov eax, startup_32_smp
	jmp eax

align 8
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff                   ; 0x08: flat 32-bit code
	dq 0x00cf92000000ffff                   ; 0x10: flat data
tr_gdtr:
	dw 3 * 8 - 1
	dd 0                                    ; patched: physical tr_gdt
tr_farjmp:
	dd 0                                    ; patched: physical tr_pm
	dw 0x08
trampoline_cr3:
	dd 0
trampoline_cr4:
	dd 0
trampoline_end:
