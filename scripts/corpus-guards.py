#!/usr/bin/env python3
"""Regression guards on the shared corpus that score.py does not check by itself.

1. Every CRLF copy in crlf/ whose name also exists in eml/ gives the same rows as its eml/ twin
   (the source path aside), and every bare-CR copy in cr/ gives the same rows as its crlf/ twin.
2. `bounce scan` over mbox/mbox-0 gives at least one row for each of its 37 messages.
3. For mbox-0 and mbox-1, the recipients of each message are those of expected-mbox.json
   (`message` there is 1-based; ours is 0-based).

Usage: corpus-guards.py CORPUS_DIR [BOUNCE_BINARY]
"""
import json, os, subprocess, sys


def rows(binary, path):
    out = subprocess.run([binary, "scan", "--format", "jsonl", path], capture_output=True, check=False).stdout
    by_file = {}
    for line in out.decode("utf-8").splitlines():
        row = json.loads(line)
        name = os.path.basename(row.pop("source"))
        by_file.setdefault(name, []).append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return by_file


def main():
    corpus = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build/release/bounce"
    failures = []
    eml, crlf, cr = (rows(binary, os.path.join(corpus, d)) for d in ("eml", "crlf", "cr"))
    twins = [n for n in crlf if n in eml]
    for name in twins:
        if crlf[name] != eml[name]:
            failures.append(f"crlf/{name} differs from eml/{name}")
    for name in crlf:
        if cr.get(name) != crlf[name]:
            failures.append(f"cr/{name} differs from crlf/{name}")
    mbox = rows(binary, os.path.join(corpus, "mbox", "mbox-0")).get("mbox-0", [])
    messages = {json.loads(r)["message"] for r in mbox}
    if len(messages) != 37:
        failures.append(f"mbox-0: rows for {len(messages)} of 37 messages")
    expected = json.load(open(os.path.join(corpus, "expected-mbox.json"), encoding="utf-8"))
    matched = total = 0
    for name, records in expected.items():
        got = {}
        for r in rows(binary, os.path.join(corpus, "mbox", name)).get(name, []):
            r = json.loads(r)
            if r["kind"] == "recipient":
                got.setdefault(r["message"], set()).add(r["recipient"].lower())
        want = {}
        for r in records:
            want.setdefault(r["message"] - 1, set()).add(r["recipient"].lower())
        for message, addresses in want.items():
            total += 1
            if got.get(message) == addresses:
                matched += 1
            else:
                failures.append(f"{name} message {message}: expected {sorted(addresses)} got {sorted(got.get(message, []))}")
    print(f"mbox messages with the expected recipients: {matched}/{total}")
    print(f"crlf twins identical: {len(twins) - sum('crlf/' in f for f in failures)}/{len(twins)}; "
          f"cr copies identical: {len(crlf) - sum(f.startswith('cr/') for f in failures)}/{len(crlf)}; "
          f"mbox-0 messages with rows: {len(messages)}/37")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
