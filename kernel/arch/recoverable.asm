; kernel/arch/recoverable.asm - the two halves of leaving a function that
; oopsed (kernel/arch/oops_recover.h): __call_recoverable saves where the
; call starts from and calls; oops_recover_jump goes back there.
;
; struct oops_recovery's first words: ebx, esi, edi, ebp, esp (as after
; __call_recoverable's ret), eip (its return address), eflags.
; Locking: none; the record is the calling task's.

%define R_EBX 0
%define R_ESI 4
%define R_EDI 8
%define R_EBP 12
%define R_ESP 16
%define R_EIP 20
%define R_EFLAGS 24
%define EFAULT 14

section .text
global __call_recoverable, oops_recover_jump

; int __call_recoverable(int (*fn)(void), struct oops_recovery *r)
; fn is entered by a jump, so that it returns straight to our caller.
__call_recoverable:
	mov eax, [esp + 8]
	mov [eax + R_EBX], ebx
	mov [eax + R_ESI], esi
	mov [eax + R_EDI], edi
	mov [eax + R_EBP], ebp
	lea ecx, [esp + 4]
	mov [eax + R_ESP], ecx
	mov ecx, [esp]
	mov [eax + R_EIP], ecx
	pushfd
	pop dword [eax + R_EFLAGS]
	jmp [esp + 4]

; void oops_recover_jump(struct oops_recovery *r): __call_recoverable
; returns -EFAULT, the stack of the oopsed call (and the oops's own)
; dropped, interrupts as they were at the call.
oops_recover_jump:
	mov eax, [esp + 4]
	mov ebx, [eax + R_EBX]
	mov esi, [eax + R_ESI]
	mov edi, [eax + R_EDI]
	mov ebp, [eax + R_EBP]
	mov esp, [eax + R_ESP]
	push dword [eax + R_EFLAGS]
	mov ecx, [eax + R_EIP]
	mov eax, -EFAULT
	popfd
	jmp ecx
