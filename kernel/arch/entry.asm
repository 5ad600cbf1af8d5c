; kernel/arch/entry.asm - the interrupt and exception entry stubs.
;
; Every vector gets a stub that makes the stack uniform (a dummy error code
; where the CPU pushes none), pushes its vector number and jumps to
; common_entry, which saves the rest of struct pt_regs (kernel/arch/ptrace.h),
; makes sure of the kernel's data segments and calls do_interrupt(regs) in C.
; isr_stub_table[] holds the 256 stub addresses (exceptions 0-31, device
; IRQs from 32, APIC vectors at the top) for kernel/arch/traps.c's IDT.
;
; resume_userspace, the second half of the path, is also where a new
; program starts: fs/exec.c builds a pt_regs frame for user mode and
; jumps here with esp pointing at it.
;
; switch_to_asm is the context switch: it saves the callee-saved registers
; on the old task's stack, stores its stack pointer, loads the new task's
; and pops what that task saved when it was switched out.  A new task's
; stack is prepared (kernel/sched.c) so that the final ret lands in
; ret_from_kthread.
;
; sysenter_entry is the other way in for system calls (from the vsyscall
; page, kernel/arch/vsyscall_page.asm): it builds the frame int $0x80 would
; have and joins common_entry; resume_userspace leaves by sysexit when the
; frame returns to the page's VSYSCALL_RETURN, by iret otherwise.
;
; Locking: interrupt gates and sysenter enter with IF clear.

%include "kernel/arch/vsyscall.inc"
%define USER_CS 0x1b
%define USER_DS 0x23                   ; flat, like the kernel's: the kernel runs on it
%define SYSENTER_VECTOR 0x100           ; kernel/arch/vsyscall.h
%define X86_EFLAGS_TF 0x100
%define X86_EFLAGS_IF 0x200
%define X86_EFLAGS_NT 0x4000
%define X86_EFLAGS_VM 0x20000
; Offsets of the saved selectors in struct pt_regs (kernel/arch/ptrace.h).
%define PT_ds 28
%define PT_es 32
%define PT_fs 36
%define PT_gs 40
%define PT_SEGS_END 52                  ; past gs, vector and error code

; Load a segment register from its pt_regs slot unless it holds that
; selector already.  Under QEMU's TCG a segment load is a helper call
; that reads and checks the descriptor: four of them each way were a
; good part of a system call.  (Skipping is safe only for selectors whose
; descriptor never changes: ds, es, and a null fs; gs names the task's
; TLS descriptor, which a switch rewrites, so it is always loaded.)
%macro LOAD_SEG_IF_CHANGED 2
	mov ax, %1
	cmp ax, [esp + %2]
	je %%same
.pop_%1:
	mov %1, [esp + %2]
%%same:
%endmacro

extern do_interrupt

; Exceptions that push an error code: #DF #TS #NP #SS #GP #PF #AC
%macro STUB 1
isr_stub_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17
%else
	push 0
%endif
	push dword %1
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
	; (..@ labels make no symbol of their own in kallsyms: a backtrace
	; through here still says common_entry)
	mov ax, ds                      ; the kernel's data segments are the
	cmp ax, USER_DS                 ; user's flat ones (as Linux's): most
	je ..@ds_ready                  ; entries find them loaded already
	mov ax, USER_DS
	mov ds, ax
..@ds_ready:
	mov ax, es
	cmp ax, USER_DS
	je ..@es_ready
	mov ax, USER_DS
	mov es, ax
..@es_ready:
	xor eax, eax                    ; the kernel runs with null %fs/%gs, so
	mov ax, fs                      ; a user selector never outlives the
	test ax, ax                     ; descriptors it names (see SEG_FIXUP)
	jz ..@fs_ready
	xor eax, eax
	mov fs, eax
..@fs_ready:
	xor eax, eax
	mov gs, eax
	cld
	push esp                        ; struct pt_regs *
	call do_interrupt
	add esp, 4
global resume_userspace
resume_userspace:                       ; esp -> a struct pt_regs to return to
	LOAD_SEG_IF_CHANGED ds, PT_ds
	LOAD_SEG_IF_CHANGED es, PT_es
	LOAD_SEG_IF_CHANGED fs, PT_fs
.pop_gs:
	mov gs, [esp + PT_gs]
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	add esp, PT_SEGS_END - PT_ds    ; the selectors, vector and error code
	cmp dword [esp], VSYSCALL_RETURN
	je ..@to_vsyscall_page
..@iret:
	iret

; Back to the vsyscall page's return point: sysexit, which takes eip from
; edx and esp from ecx - both dead there, since the page pops them.  Only
; for the flat user segments and flags sysexit can leave as they are: a
; trap flag (single-stepping), NT or VM go by iret.  The user's flags are
; restored with IF still clear; sti's one-instruction shadow turns it on
; as sysexit reaches user mode, so no interrupt finds the kernel between.
..@to_vsyscall_page:
	test dword [esp + 8], X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_VM
	jnz ..@iret
	cmp dword [esp + 4], USER_CS
	jne ..@iret
	cmp dword [esp + 16], USER_DS
	jne ..@iret
	mov ecx, [esp + 12]             ; the user's esp
	mov edx, VSYSCALL_RETURN
	add esp, 8                      ; to the saved eflags
	and dword [esp], ~X86_EFLAGS_IF
	popfd
	sti
	sysexit

; A saved selector can be stale: sigreturn takes %fs/%gs from user memory,
; and set_thread_area may empty the descriptor %gs selects.  Loading one
; faults (#GP or #NP) with esp still at the pt_regs; the fixup turns the
; slot into the null selector and retries, as Linux does.
%macro SEG_FIXUP 1
.bad_%1:
	mov dword [esp + PT_%1], 0
	jmp .pop_%1
section __ex_table alloc noexec nowrite align=4
	dd .pop_%1, .bad_%1
section .text
%endmacro
SEG_FIXUP ds
SEG_FIXUP es
SEG_FIXUP fs
SEG_FIXUP gs

; sysenter lands here (the SYSENTER_EIP MSR, kernel/arch/vsyscall.c) with
; the kernel's cs and ss, esp from the SYSENTER_ESP MSR - the running
; task's kernel stack top - IF clear, and nothing saved.  Build what
; int $0x80 would have pushed from what the vsyscall page left: the
; user's esp in ebp, the return address known (VSYSCALL_RETURN), the
; user's flags still in eflags but for IF, which user mode always has.
; do_interrupt sends SYSENTER_VECTOR to do_sysenter.
global sysenter_entry, sysenter_entry_end
sysenter_entry:
	push dword USER_DS              ; ss
	push ebp                        ; esp
	pushfd
	or dword [esp], X86_EFLAGS_IF
	push dword USER_CS
	push dword VSYSCALL_RETURN      ; eip
	push dword 0                    ; error code
	push dword SYSENTER_VECTOR
sysenter_entry_end:
	jmp common_entry

; switch_to_asm(u32 *prev_esp, u32 next_esp): returns (in the new task)
; the task that ran before it, in eax, for finish_task_switch.
global switch_to_asm
switch_to_asm:
	mov eax, [esp + 4]              ; &prev->thread.esp
	mov edx, [esp + 8]              ; next->thread.esp
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A new kernel thread's first instructions: eax holds the previous task
; (from switch_to_asm), ebx the thread function's frame set up by
; copy_thread.  schedule_tail releases the runqueue lock; then the thread
; function runs and, if it returns, the thread exits.
extern schedule_tail
extern kthread_entry
global ret_from_kthread
ret_from_kthread:
	push eax
	call schedule_tail
	add esp, 4
	call kthread_entry              ; never returns

; A forked child's first instructions: finish the switch, then return to
; user mode with the copy of its parent's registers that copy_process put
; right where esp now points.
extern fork_child_start
global ret_from_fork
ret_from_fork:
	push eax
	call schedule_tail
	add esp, 4
	call fork_child_start
	jmp resume_userspace

%assign i 0
%rep 256
STUB i
%assign i i + 1
%endrep

section .rodata
global isr_stub_table
isr_stub_table:
%assign i 0
%rep 256
	dd isr_stub_ %+ i
%assign i i + 1
%endrep
