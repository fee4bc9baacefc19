"""Runs a command inside a pseudo-terminal of a given size, relaying this process's stdin to the
terminal's keyboard and the terminal's screen output to stdout, byte for byte; exits with the command's
exit code. Tests use it to drive the CLI as a person at a real terminal would, without a native module.

Usage: python3 pty-run.py COLUMNS ROWS COMMAND [ARGS...]
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

columns, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]

pid, master = pty.fork()
if pid == 0:
    # The child's stdin is the terminal: its size is set before the program can ask for it.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.execvp(command[0], command)

keyboard_open = True
while True:
    watched = [master] + ([0] if keyboard_open else [])
    readable, _, _ = select.select(watched, [], [])
    if 0 in readable:
        data = os.read(0, 4096)
        if data:
            os.write(master, data)
        else:
            keyboard_open = False
    if master in readable:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command exited and the terminal closed
            data = b""
        if not data:
            break
        os.write(1, data)

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
