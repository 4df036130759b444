#!/usr/bin/env python3
"""Linear-time benchmark for `bounce scan` on adversarial input (issue 7). Not a unit test.

For each hostile pattern it writes inputs of growing size (1, 10 and 100 MB by default) to a
temporary folder, times the release `bounce scan --format jsonl --jobs 1` on each (best of
--runs), and prints the times and the growth ratios. Time must grow linearly: the bar is
t(100 MB) <= 12 x t(10 MB) for every pattern. Times are CPU seconds (user + system) of the
scan, which a busy machine disturbs less than the wall clock (--wall for wall-clock time). Each pattern comes in two shapes:

  one   a single message of that size. Past the 16 MiB message limit the rest is skipped,
        so the 100 MB case mostly measures reading and splitting.
  mbox  an mbox of 1 MB messages of the pattern: every byte is decoded, so growth from
        10 to 100 MB is the decoder's own.

Exit status 1 when a pattern misses the bar or a run exceeds --max-seconds (a hang).

Usage: scripts/linear-time.py [--sizes 1,10,100] [--runs 3] [--only PATTERN,...] [--no-build]
       [--binary PATH] [--max-seconds 300]
"""
import argparse, os, resource, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1 << 20
ENVELOPE = b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n"


def repeat_to(unit, size):
    """`unit` repeated to `size` bytes (cut at the end)."""
    count = size // len(unit) + 1
    return (unit * count)[:size]


def dsn_head(boundary=b"b"):
    return (b"From: MAILER-DAEMON@mx.example.jp\nSubject: Undelivered Mail Returned to Sender\n"
            b"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\""
            + boundary + b"\"\n\n")


def status_part(body, boundary=b"b"):
    return (b"--" + boundary + b"\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.jp\n\n"
            + body + b"\n--" + boundary + b"--\n")


# Each pattern: size -> bytes of ONE message of about that size.
def long_line(size):
    head = b"Subject: long line\nContent-Type: text/plain\n\n"
    return head + repeat_to(b"x", size - len(head) - 1) + b"\n"


def deep_nesting(size):
    out = bytearray()
    level = 0
    while len(out) < size:
        out += b"Content-Type: multipart/mixed; boundary=\"n%d\"\n\n--n%d\n" % (level, level)
        level += 1
    return bytes(out[:size])


def nested_messages(size):
    unit = b"Content-Type: message/rfc822\n\n"
    return repeat_to(unit, size - 20) + b"Subject: bottom\n\nx\n"


def many_boundaries(size):
    head = dsn_head()
    return head + repeat_to(b"--b\n\n", size - len(head) - 6) + b"\n--b--\n"


def unclosed_boundary_lines(size):
    # Lines that almost match the boundary: each must be rejected in constant time.
    head = dsn_head(b"b" * 60)
    return head + repeat_to(b"--" + b"b" * 59 + b"c\n", size - len(head))


def huge_header(size):
    return repeat_to(b"X-Filler: value value value\n", size - 10) + b"\n\nbody\n"


def huge_folded_field(size):
    head = b"Subject: start"
    return head + repeat_to(b"\n folded =?utf-8?q?word?=", size - len(head) - 10) + b"\n\nbody\n"


def encoded_word_starts(size):
    # `=?` starts that never close, in headers (each field at the field limit) and in the body.
    field = b"Subject: " + repeat_to(b"=?utf-8?q?", 60000) + b"\n"
    head = field * 20 + b"Content-Type: text/plain\n\n"
    return head + repeat_to(b"=?iso-2022-jp?b?", size - len(head))


def angle_at_text(size):
    # Many `<` and `@` in the text a reader scans for addresses, and in a report field.
    head = dsn_head()
    diag = b"Final-Recipient: rfc822; " + repeat_to(b"<@<@ ", 60000) + b"\nAction: failed\nStatus: 5.1.1\n"
    text = b"--b\nContent-Type: text/plain\n\n" + repeat_to(b"<a@b <@ @> <<@@ \"@ ", size - len(head) - len(diag) - 200) + b"\n"
    return head + text + status_part(diag)


def dsn_fields(size):
    # One report: many fields, many blank lines, many recipients.
    head = dsn_head()
    group = b"Final-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 5.1.1\nX-Junk: a\n\n\n\n"
    return head + status_part(repeat_to(group, size - len(head) - 200))


def base64_body(size):
    import base64
    head = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    raw = repeat_to("日本語のテキスト ".encode(), (size - len(head)) * 3 // 4)
    return head + base64.encodebytes(raw)


def quoted_printable(size):
    head = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    return head + repeat_to(b"=E3=81=82 = =\n=ZZ= \t \n", size - len(head))


def iso2022_escapes(size):
    head = b"Content-Type: text/plain; charset=iso-2022-jp\n\n"
    return head + repeat_to(b"\x1b$B\x1b(B\x1b$\x1b(\x1b$B0!\x1b", size - len(head))


def html_tags(size):
    head = b"Content-Type: text/html\n\n"
    return head + repeat_to(b"<<<p>&amp;&#x41;&#99999999999;<style>", size - len(head))


PATTERNS = {
    "long-line": long_line,
    "deep-nesting": deep_nesting,
    "nested-messages": nested_messages,
    "many-boundaries": many_boundaries,
    "near-boundaries": unclosed_boundary_lines,
    "huge-header": huge_header,
    "huge-folded-field": huge_folded_field,
    "encoded-word-starts": encoded_word_starts,
    "angle-at-text": angle_at_text,
    "dsn-fields": dsn_fields,
    "base64-body": base64_body,
    "quoted-printable": quoted_printable,
    "iso2022-escapes": iso2022_escapes,
    "html-tags": html_tags,
}


def write_input(path, pattern, size, shape):
    make = PATTERNS[pattern]
    with open(path, "wb") as out:
        if shape == "one":
            out.write(make(size))
            return
        # An mbox of 1 MB messages; a `From ` at a line start inside is quoted as `>From `.
        message = make(min(size, MB)).replace(b"\nFrom ", b"\n>From ")
        written = 0
        while written < size:
            out.write(ENVELOPE + message + b"\n")
            written += len(ENVELOPE) + len(message) + 1


def time_scan(binary, path, runs, max_seconds, wall):
    """The best of `runs`: CPU seconds (user + system) of the scan, or wall-clock seconds.

    CPU time is the default because the machine is shared: other processes stretch the wall
    clock, not the work done."""
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        try:
            subprocess.run([binary, "scan", "--format", "jsonl", "--jobs", "1", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=max_seconds)
        except subprocess.TimeoutExpired:
            return None
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if wall:
            elapsed = time.perf_counter() - start
        else:
            elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,100", help="sizes in MB, ascending")
    ap.add_argument("--runs", type=int, default=3, help="runs per input; the best time is kept")
    ap.add_argument("--only", default="", help="comma-separated pattern names")
    ap.add_argument("--shapes", default="one,mbox")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "bounce"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=300, help="wall-clock limit per run (a hang)")
    ap.add_argument("--wall", action="store_true", help="time the wall clock instead of CPU time")
    ap.add_argument("--bar", type=float, default=12.0, help="largest allowed t(biggest)/t(previous)")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "bounce"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    sizes = [int(s) for s in args.sizes.split(",")]
    patterns = [p for p in args.only.split(",") if p] or list(PATTERNS)
    shapes = args.shapes.split(",")
    header = "%-20s %-5s" % ("pattern", "shape") + "".join("%10s" % ("%d MB" % s) for s in sizes)
    header += "".join("%9s" % ("x%d/%d" % (b, a)) for a, b in zip(sizes, sizes[1:])) + "  MB/s"
    print(header)
    failed = []
    with tempfile.TemporaryDirectory(prefix="bounce-linear-") as tmp:
        for pattern in patterns:
            for shape in shapes:
                times = []
                for size in sizes:
                    path = os.path.join(tmp, "%s-%s-%d" % (pattern, shape, size))
                    write_input(path, pattern, size * MB, shape)
                    times.append(time_scan(args.binary, path, args.runs, args.max_seconds, args.wall))
                    os.remove(path)
                    if times[-1] is None:
                        break
                cells = "".join("%10s" % ("%.3fs" % t if t is not None else "TIMEOUT") for t in times)
                cells += " " * 10 * (len(sizes) - len(times))
                ratios = []
                for a, b in zip(times, times[1:]):
                    ratios.append(b / max(a, 1e-3) if a is not None and b is not None else None)
                cells += "".join("%9s" % ("%.1f" % r if r is not None else "-") for r in ratios)
                rate = sizes[len(times) - 1] / times[-1] if times and times[-1] else 0
                ok = len(times) == len(sizes) and None not in times and (not ratios or ratios[-1] <= args.bar)
                print("%-20s %-5s%s %6.0f%s" % (pattern, shape, cells, rate, "" if ok else "  <-- FAIL"))
                sys.stdout.flush()
                if not ok:
                    failed.append("%s/%s" % (pattern, shape))
    if failed:
        print("super-linear or hung: " + ", ".join(failed))
        return 1
    print("every pattern: t(%d MB) <= %gx t(%d MB)" % (sizes[-1], args.bar, sizes[-2]) if len(sizes) > 1 else "done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
