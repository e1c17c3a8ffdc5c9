#!/usr/bin/env python3
"""The documentation sample programs' verdicts across runs: reads the JSON reports of `mwcheck run --docs` (their
`samples` section), one per target given as LABEL=FILE, prints the table (program, each target's verdict, the
reason), and exits 1 when a program is missing from a report, a verdict is `error`, or the targets do not all give
the same verdict for a program (the mock must judge every sample as the real MediaWiki does)."""
import json
import sys


def main(argv):
    if len(argv) < 2 or any("=" not in a for a in argv[1:]):
        print("usage: samples_verdicts.py LABEL=REPORT.json ...", file=sys.stderr)
        return 2
    runs = []
    for arg in argv[1:]:
        label, path = arg.split("=", 1)
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        programs = report.get("samples", {}).get("programs", [])
        runs.append((label, {p["id"]: p for p in programs}))
    ids = []
    for _, programs in runs:
        for pid in programs:
            if pid not in ids:
                ids.append(pid)
    problems = []
    header = ["program"] + [label for label, _ in runs] + ["reason"]
    rows = []
    for pid in ids:
        verdicts = []
        reasons = []
        for label, programs in runs:
            row = programs.get(pid)
            if row is None:
                verdicts.append("MISSING")
                problems.append(f"{pid}: no line in the {label} report")
                continue
            verdicts.append(row["verdict"])
            if row["reason"] not in reasons:
                reasons.append(row["reason"])
            if row["verdict"] == "error":
                problems.append(f"{pid} on {label}: {row['reason']}")
        if len(set(verdicts)) > 1:
            problems.append(f"{pid}: the verdicts differ ({', '.join(verdicts)})")
        rows.append([pid] + verdicts + [" | ".join(reasons)])
    if not ids:
        problems.append("no sample program in any report")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"{len(ids)} programs, {len(runs)} targets: " + ("the same verdicts everywhere" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
