#!/usr/bin/env python3
"""Batch-scanning benchmark for `bounce scan` (issue 6). Prints figures; asserts nothing.

Builds a large mbox — every file of ../shared/corpus/sisimai/eml when that corpus is present
(a leading `From ` line dropped, inner `From ` lines escaped as `>From `, each message behind a
`From MAILER-DAEMON Thu Jan  1 00:00:00 2026` line), else every message in Fixtures/ — repeated
--repeat times (10 by default: ~6,300 messages, ~28 MB from the corpus). Then, alternating runs,
it times `grep -c '^From '` (the I/O floor), `bounce scan --format jsonl --jobs 1`, `--jobs N`
and, when installed, Debian's Sisimai (`perl -MSisimai -e 'Sisimai->make(shift, delivered => 1)'`),
and reports medians, messages/s, MB/s, peak memory (max RSS) and the ratios. With --big K it
also measures peak memory on an mbox K times larger (16 for the issue's bar).

Usage: scripts/benchmark.py [--runs 3] [--repeat 10] [--jobs N] [--big 16] [--no-sisimai]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "sisimai", "eml")
ENVELOPE = b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n"


def sources():
    if os.path.isdir(CORPUS):
        return "shared corpus eml/", [os.path.join(CORPUS, n) for n in sorted(os.listdir(CORPUS))]
    found = []
    for base, _, files in os.walk(os.path.join(ROOT, "Fixtures")):
        found += [os.path.join(base, f) for f in files if f.endswith(".eml")]
    return "Fixtures/", sorted(found)


def as_mbox_entry(data):
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    lines = [b">" + l if l.startswith(b"From ") else l for l in lines]
    body = b"\n".join(lines)
    if not body.endswith(b"\n"):
        body += b"\n"
    return ENVELOPE + body + b"\n"


def build_mbox(path, files, repeat):
    entries = [as_mbox_entry(open(f, "rb").read()) for f in files]
    with open(path, "wb") as out:
        for _ in range(repeat):
            for e in entries:
                out.write(e)
    return len(entries) * repeat, os.path.getsize(path)


def timed(cmd):
    """Runs cmd with stdout discarded; returns (seconds, peak RSS in MiB, exit status)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--big", type=int, default=0, help="also check memory on an mbox this many times larger")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "bounce"))
    ap.add_argument("--no-sisimai", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"benchmark: build first: swift build -c release ({args.binary} missing)")

    tmp = tempfile.mkdtemp(prefix="bounce-bench-")
    try:
        origin, files = sources()
        mbox = os.path.join(tmp, "big.mbox")
        count, size = build_mbox(mbox, files, args.repeat)
        mb = size / 1_000_000
        print(f"input: {count} messages, {mb:.1f} MB ({origin} x{args.repeat}); {args.runs} alternating runs, medians")

        sisimai = None
        if not args.no_sisimai and subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True).returncode == 0:
            sisimai = ["perl", "-MSisimai", "-e", "Sisimai->make(shift, delivered => 1)", mbox]
        commands = [
            ("grep -c '^From ' (I/O floor)", ["grep", "-c", "^From ", mbox]),
            ("bounce scan --jobs 1", [args.binary, "scan", "--format", "jsonl", "--jobs", "1", mbox]),
            (f"bounce scan --jobs {args.jobs}", [args.binary, "scan", "--format", "jsonl", "--jobs", str(args.jobs), mbox]),
        ]
        if sisimai:
            commands.append(("Sisimai (Debian libsisimai-perl)", sisimai))
        samples = {name: [] for name, _ in commands}
        memory = {name: 0.0 for name, _ in commands}
        for _ in range(args.runs):
            for name, cmd in commands:
                seconds, rss, _ = timed(cmd)
                samples[name].append(seconds)
                memory[name] = max(memory[name], rss)

        med = {name: statistics.median(v) for name, v in samples.items()}
        print(f"{'command':36} {'median s':>9} {'msg/s':>9} {'MB/s':>8} {'peak MiB':>9}")
        for name, _ in commands:
            s = med[name]
            print(f"{name:36} {s:9.3f} {count / s:9.0f} {mb / s:8.1f} {memory[name]:9.1f}")
        j1 = med["bounce scan --jobs 1"]
        jn = med[f"bounce scan --jobs {args.jobs}"]
        print(f"speed-up --jobs {args.jobs} over --jobs 1: {j1 / jn:.2f}x")
        if sisimai:
            print(f"bounce --jobs 1 vs Sisimai: {med['Sisimai (Debian libsisimai-perl)'] / j1:.1f}x faster")
        elif args.no_sisimai:
            print("Sisimai skipped (--no-sisimai): no comparison")
        else:
            print("Sisimai not installed (apt-get install libsisimai-perl): no comparison")

        out = subprocess.run([args.binary, "scan", "--format", "summary", "--lang", "en", mbox], capture_output=True, text=True).stdout
        totals = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[-1].isdigit():
                totals.setdefault(" ".join(parts[:-1]), int(parts[-1]))
        read = totals.get("messages read", -1)
        parts = totals.get("bounces", 0) + totals.get("not bounces", 0) + totals.get("errors", 0)
        print(f"summary: messages read {read} = bounces {totals.get('bounces')} + not bounces "
              f"{totals.get('not bounces')} + errors {totals.get('errors')} = {parts}; "
              f"mbox holds {count}: {'OK' if read == parts == count else 'MISMATCH'}")

        if args.big > 1:
            big = os.path.join(tmp, "bigger.mbox")
            with open(big, "wb") as out_file:
                for _ in range(args.big):
                    with open(mbox, "rb") as f:
                        shutil.copyfileobj(f, out_file, 1 << 20)
            size_big = os.path.getsize(big) / 1_000_000
            for jobs in (1, args.jobs):
                seconds, rss, _ = timed([args.binary, "scan", "--format", "jsonl", "--jobs", str(jobs), big])
                print(f"x{args.big} mbox ({count * args.big} messages, {size_big:.0f} MB), --jobs {jobs}: "
                      f"{seconds:.2f} s, peak {rss:.1f} MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
