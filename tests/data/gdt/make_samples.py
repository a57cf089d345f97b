#!/usr/bin/env python3
"""Writes the GDT test files of tests/data/gdt (the checked-in files are its output; run it again
after a change): untidy files the console must read, broken ones it must reject. Each line is
`LLL FFFF content CRLF`, LLL the whole line's length; `off` makes a prefix deliberately wrong.
The patients are made up."""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def line(field, content, off=0, ending=b"\r\n"):
    data = content.encode("latin-1") if isinstance(content, str) else content
    length = 3 + 4 + len(data) + 2
    return b"%03d%s%s%s" % (length + off, field.encode(), data, ending)


def record(kind, fields, digits=5, length_off=0, charset=None):
    """A record: 8000, 8100 (its byte count, `digits` wide), then the fields; text fields are
    encoded in `charset` (a Python codec name)."""
    body = b"".join(
        line(f, c.encode(charset) if charset and isinstance(c, str) else c, *rest)
        for f, c, *rest in fields)
    head = line("8000", kind)
    size = len(head) + len(line("8100", "0" * digits)) + len(body)
    return head + line("8100", "%0*d" % (digits, size + length_off)) + body


def header(charset_code, version):
    fields = [("8315", "SANAD"), ("8316", "PVS_TEST")]
    if charset_code is not None:
        fields.append(("9206", charset_code))
    return fields + [("9218", version)]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# --- untidy, read anyway ---
# Two patients (one IBM437, one ISO-8859-1) with a result record (6310) between them: skipped.
write("several_records.gdt",
      record("6301", header("2", "02.10") + [
          ("3000", "1001"), ("3101", "Weiß"), ("3102", "Björn"), ("3103", "24121965"),
          ("3110", "1")], charset="cp437")
      + record("6310", header("2", "02.10") + [("3000", "1001"), ("6220", "Befund")])
      + record("6301", header("3", "02.10") + [
          ("3000", "1002"), ("3101", "Schäfer"), ("3102", "Renée")], charset="latin-1"))

# GDT 3.0: fields wrapped in objects (8200 … 8201), a six-digit 8100.
write("gdt30_objects.gdt",
      record("6301", [("8200", "Obj_Kopfdaten"), ("8315", "SANAD"), ("8316", "PVS_TEST"),
                      ("9206", "3"), ("9218", "03.00"), ("8201", "Obj_Kopfdaten"),
                      ("8200", "Obj_Patient"), ("3000", "P-3000"), ("3101", "Größer"),
                      ("3102", "Léa"), ("3103", "29021996"), ("3110", "2"),
                      ("8201", "Obj_Patient")], digits=6, charset="latin-1"))

# Length prefixes off by one (one too long, one too short); 7-bit ASCII.
write("length_off_by_one.gdt",
      record("6301", header("1", "02.10") + [
          ("3000", "77", 1), ("3101", "Meyer"), ("3102", "Hans-Peter", -1)]))

# --- broken: rejected as a whole ---
write("no_6301.gdt", record("6310", header("2", "02.10") + [("3000", "4711"), ("6220", "x")]))
write("no_patient_id.gdt", record("6301", header("2", "02.10") + [
    ("3101", "Ohne"), ("3102", "Nummer")]))
write("no_surname.gdt", record("6301", header("2", "02.10") + [
    ("3000", "4712"), ("3102", "Vorname")]))
write("unknown_charset.gdt", record("6301", header("7", "02.10") + [
    ("3000", "4713"), ("3101", "Zeichen")]))
write("png_header.gdt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10"
      b"\x08\x06\x00\x00\x00\x1f\xf3\xffa")
write("random_bytes.gdt", random.Random(14).randbytes(512))
# LF alone instead of CRLF (a file "fixed" by an editor).
write("lf_only.gdt", record("6301", header("2", "02.10") + [
    ("3000", "4714"), ("3101", "Zeile")]).replace(b"\r\n", b"\n"))
# A length prefix far off: not a GDT line.
write("length_far_off.gdt", record("6301", header("2", "02.10") + [
    ("3000", "4715", 10), ("3101", "Weit")]))
