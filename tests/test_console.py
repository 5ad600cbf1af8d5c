"""tests/test_console.py - the VGA screen and PS/2 keyboard: keys typed
through QEMU's monitor (sendkey) reach the kernel monitor, and its output
appears in VGA text memory as well as on the serial port."""
import qemu


def test_keyboard_input_and_vga_output(console, tmp_path):
    sock = tmp_path / "hmp.sock"
    c = console(monitor=f"unix:{sock},server,nowait")
    c.expect_prompt()
    hmp = qemu.HumanMonitor(sock)
    try:
        # "sym start_kernel": shift-minus is '_' (the shift state machine).
        hmp.sendkeys(["s", "y", "m", "spc", "s", "t", "a", "r", "t",
                      "shift-minus", "k", "e", "r", "n", "e", "l", "ret"])
        c.expect(r"start_kernel\+0x0/0x")
        c.expect_prompt()
        # Backspace and an arrow key from the keyboard: "uptimx<BS>e",
        # then the up arrow (an extended
        # 0xe0 scancode) recalls it.
        hmp.sendkeys(["u", "p", "t", "i", "m", "x", "backspace", "e", "ret"])
        c.expect(r"up 0:00:\d\d")
        c.expect_prompt()
        hmp.sendkeys(["up", "ret"])
        c.expect(r"up 0:00:\d\d")
        c.expect_prompt()
        screen = hmp.vga_text()
    finally:
        hmp.close()
    text = "\n".join(screen)
    assert "tessera> sym start_kernel" in text, text
    assert "start_kernel+0x0/0x" in text, text
    assert "tessera> uptime" in text, text
    assert "Tessera version" in text or "Tessera kernel monitor" in text, text
