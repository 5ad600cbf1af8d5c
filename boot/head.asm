; boot/head.asm - the multiboot v1 header and the kernel's first instructions.
;
; The loader (GRUB or QEMU -kernel) enters _start in 32-bit protected mode
; with paging off, EAX = multiboot magic and EBX = physical address of the
; multiboot info.  The kernel is linked at 0xC0100000 but sits at 1 MiB, so
; until paging is on only position-independent code and physical addresses
; (symbol - PAGE_OFFSET) may be used here.
;
; Data: swapper_pg_dir (the kernel page directory) and early_pg_tables, which
; map the first EARLY_MAP_MB of physical memory twice - identity (so the
; instruction after "mov cr0" still runs) and at PAGE_OFFSET.  mm/ replaces
; the identity half once it builds the full direct map; start_kernel only
; needs the high half.  The boot stack is init_thread_union's 8 KiB.
; startup_32_smp is where the other CPUs join (boot/trampoline.asm).
;
; Locking: runs on the boot CPU alone, interrupts off.

PAGE_OFFSET     equ 0xC0000000
EARLY_MAP_MB    equ 16
MB_MAGIC        equ 0x1BADB002
MB_FLAGS        equ 0x00000003          ; page-align modules, want mem info
THREAD_SIZE     equ 8192

section .multiboot
align 4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)

section .text.boot
global _start
extern start_kernel
extern swapper_pg_dir
extern early_pg_tables

_start:
	cli
	cld
	mov esi, eax                    ; keep magic and info pointer for C
	mov edi, ebx

	; Fill the early page tables: EARLY_MAP_MB MiB of 4 KiB pages, present
	; and writable, frame n at entry n.
	mov ebx, early_pg_tables - PAGE_OFFSET
	xor ecx, ecx
.fill_pte:
	mov eax, ecx
	shl eax, 12
	or eax, 0x003
	mov [ebx + ecx * 4], eax
	inc ecx
	cmp ecx, EARLY_MAP_MB * 256
	jne .fill_pte

	; Point the directory at them twice: at 0 and at PAGE_OFFSET.
	mov edx, swapper_pg_dir - PAGE_OFFSET
	xor ecx, ecx
.fill_pde:
	mov eax, ecx
	shl eax, 12
	add eax, early_pg_tables - PAGE_OFFSET
	or eax, 0x003
	mov [edx + ecx * 4], eax
	mov [edx + ecx * 4 + (PAGE_OFFSET >> 22) * 4], eax
	inc ecx
	cmp ecx, EARLY_MAP_MB / 4
	jne .fill_pde

	mov cr3, edx
	mov eax, cr0
	or eax, 0x80010000              ; PG | WP: the kernel honours read-only ptes
	mov cr0, eax
	lea eax, [.high]
	jmp eax                         ; now running at the linked address

.high:
	mov esp, init_thread_union + THREAD_SIZE
	xor ebp, ebp                    ; terminates the backtrace
	push edi                        ; multiboot info (physical)
	push esi                        ; multiboot magic
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

; An application processor arrives here from boot/trampoline.asm, paging
; on, still on the trampoline's GDT.  kernel/arch/smpboot.c has put the top of
; this CPU's idle-task stack in initial_stack; start_secondary loads the
; CPU's own GDT, TSS and IDT.
global startup_32_smp
extern start_secondary
extern initial_stack
startup_32_smp:
	mov esp, [initial_stack]
	xor ebp, ebp
	call start_secondary            ; never returns

section .bss
align 8192
global init_thread_union
init_thread_union:
	resb THREAD_SIZE
