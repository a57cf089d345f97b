#!/usr/bin/env python3
"""Writes chime.wav: the waiting room's call chime, a sound of our own (issue 15).

A two-tone "ding-dong" as on a door bell: E5 then C5, each a struck tone (the fundamental with
two soft overtones and a short attack) decaying exponentially, the second ringing out. 16-bit
mono PCM at 22050 Hz, about 1.2 s. Deterministic: the same bytes on every run, so the committed
file can be checked against this script (`make_chime.py --check`).

Usage: make_chime.py [OUT.wav] [--check]
"""
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
LENGTH_S = 1.2
PEAK = 0.6  # of full scale: loud enough over a waiting room, no clipping when the tones overlap


def tone(t, start, freq, decay):
    """One struck tone starting at `start` seconds: 5 ms attack, then exponential decay."""
    dt = t - start
    if dt < 0:
        return 0.0
    attack = min(1.0, dt / 0.005)
    envelope = attack * math.exp(-dt / decay)
    wave_ = (math.sin(2 * math.pi * freq * dt)
             + 0.3 * math.sin(2 * math.pi * 2 * freq * dt)
             + 0.1 * math.sin(2 * math.pi * 3 * freq * dt))
    return envelope * wave_ / 1.4


def samples():
    n = int(RATE * LENGTH_S)
    fade = int(RATE * 0.05)  # the last 50 ms fade to zero: no click at the end
    out = []
    for i in range(n):
        t = i / RATE
        v = tone(t, 0.0, 659.25, 0.28) + tone(t, 0.42, 523.25, 0.35)
        if i >= n - fade:
            v *= (n - i) / fade
        out.append(int(round(max(-1.0, min(1.0, v * PEAK)) * 32767)))
    return out


def render():
    return b"".join(struct.pack("<h", s) for s in samples())


def write(path):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(render())


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    path = Path(args[0]) if args else Path(__file__).with_name("chime.wav")
    if check:
        with wave.open(str(path), "rb") as w:
            same = (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE) \
                and w.readframes(w.getnframes()) == render()
        print(f"{path}: {'matches' if same else 'differs from'} make_chime.py")
        return 0 if same else 1
    write(path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
