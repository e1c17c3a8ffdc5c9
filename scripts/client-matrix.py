#!/usr/bin/env python3
"""The client matrix: real client libraries do their account workflows against several wikis, with equal outcomes.

    scripts/client-matrix.py --target mock-1.43=http://127.0.0.1:8371/api.php \\
        --target real-1.43=http://127.0.0.1:8361/api.php,outbox=/tmp/w/outbox.jsonl \\
        --markdown target/client-matrix.md --json target/client-matrix.json

It starts no wiki: each --target NAME=API_URL,version=V[,outbox=FILE] is one that runs, speaking MediaWiki V (a
target without an outbox file is the mock, whose mail is read from its /_mwcheck/outbox). Every program of
clients/ (one per library, pinned in clients/requirements.txt and clients/package.json) runs its workflows against
every target and records a normalised outcome per step (`pass`, `fail:CODE`, `exception:CLASS(CODE)`) with the
values that must match. The matrix then requires, step by step, the same outcome and values on every target of the
same version as on the first target listed of that version, its reference (list real 1.43 before the mock as
1.43, real 1.39 before the mock as 1.39); where the two versions differ
(e.g. 1.39 calls `abc` a common password, 1.43 too short) it lists the steps. It prints the differences, writes a
markdown table (README's compatibility table) and a JSON report, and exits 1 on any difference between targets of
one version or on a program that did not finish.
"""
import argparse
import concurrent.futures
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "clients"
ADMIN = ["Admin", "Adminpass-12345"]
BOT = ["Admin@mwcheck", "mwcheckbotpassword0123456789abcd"]
LIBRARIES = {
    "pywikibot": ["{python}", "pywikibot_workflows.py"],
    "mwclient": ["{python}", "mwclient_workflows.py"],
    "mwn": ["{node}", "mwn_workflows.js"],
}
# What a mock's missing piece looks like in a library's error: named so that the report says what is missing.
UNRECOGNIZED = re.compile(r'Unrecognized values? for parameter \\*"?(\w+)\\*"?: ([\w|-]+)|'
                          r'Unrecognized parameters?: ([\w, -]+)')
# The modules the issue gives other branches to build; a target that lacks them is told apart.
PROBED_MODULES = ["query+allusers", "query+users", "options"]


def parse_target(text):
    name, _, rest = text.partition("=")
    if not name or not rest:
        raise argparse.ArgumentTypeError(f"--target NAME=API_URL[,outbox=FILE], not {text!r}")
    api, *opts = rest.split(",")
    target = {"name": name, "api": api}
    for opt in opts:
        key, _, value = opt.partition("=")
        if key == "outbox" and value:
            target["outbox"] = {"file": value}
        elif key == "version" and value:
            target["version"] = value
        else:
            raise argparse.ArgumentTypeError(f"unknown target option {opt!r} (version=V, outbox=FILE)")
    if "version" not in target:
        raise argparse.ArgumentTypeError(f"--target {name}: say which MediaWiki version it speaks (version=V)")
    target.setdefault("outbox", {"url": api.rsplit("/api.php", 1)[0] + "/_mwcheck/outbox"})
    return target


def lacking_modules(target):
    """The PROBED_MODULES a target's paraminfo does not know (a `badmodule` warning names each)."""
    query = urllib.parse.urlencode({"action": "paraminfo", "modules": "|".join(PROBED_MODULES),
                                    "format": "json", "formatversion": "2"})
    try:
        with urllib.request.urlopen(f"{target['api']}?{query}", timeout=30) as r:
            described = {m["path"] for m in json.load(r)["paraminfo"].get("modules", [])}
    except (OSError, ValueError, KeyError) as e:
        return [f"(paraminfo failed: {e})"]
    return [m for m in PROBED_MODULES if m not in described]


def run_one(library, target, args, suffix, scratch):
    work = Path(scratch) / f"{target['name']}-{library}"
    work.mkdir(parents=True)
    report = work / "report.json"
    spec = dict(api=target["api"], outbox=target["outbox"], suffix=suffix, admin=ADMIN, bot=BOT, report=str(report))
    command = [part.format(python=args.python, node=args.node) for part in LIBRARIES[library]]
    command[1] = str(CLIENTS / command[1])
    env = dict(os.environ, PYWIKIBOT_NO_USER_CONFIG="1", PYWIKIBOT_DIR=str(work),
               NODE_PATH=str(CLIENTS / "node_modules"), PYTHONPATH=str(CLIENTS))
    started = time.monotonic()
    try:
        done = subprocess.run(command + [json.dumps(spec)], cwd=work, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=args.timeout)
        problem = None if report.exists() else f"exit {done.returncode}: {done.stderr[-1500:]}"
    except subprocess.TimeoutExpired:
        problem = f"did not finish in {args.timeout} s"
    result = json.loads(report.read_text()) if report.exists() else {"library": library, "version": "?", "steps": []}
    result["seconds"] = round(time.monotonic() - started, 1)
    result["problem"] = problem
    return result


def comparable(values):
    if isinstance(values, dict):
        return {k: v for k, v in values.items() if k != "detail"}
    return values


def what_is_missing(step):
    found = UNRECOGNIZED.search(json.dumps(step.get("values", {})))
    if not found:
        return None
    if found.group(1):
        return f"{found.group(1)}={found.group(2)}"
    return f"parameter {found.group(3)}"


def compare(library, results, names, versions):
    """Per step: the outcome on each target, whether the targets of each version agree (`same`), and whether
    the versions agree with each other (`same_across_versions`). Steps are matched by (workflow, step)."""
    keyed = {name: {(s["workflow"], s["step"]): s for s in results[name]["steps"]} for name in names}
    order = []
    for name in names:
        for s in results[name]["steps"]:
            if (s["workflow"], s["step"]) not in order:
                order.append((s["workflow"], s["step"]))
    rows = []
    for key in order:
        cells = {name: keyed[name].get(key) for name in names}
        seen = {n: (c["outcome"], json.dumps(comparable(c["values"]), sort_keys=True)) if c else None
                for n, c in cells.items()}
        # Each target against the reference of its version (the first target listed of that version).
        reference = {v: next(n for n in names if versions[n] == v) for v in versions.values()}
        differing = [n for n in names if seen[n] is None or seen[n] != seen[reference[versions[n]]]]
        same = not differing
        # Whether the versions agree: their references' outcomes (one version: trivially).
        across = len({seen[reference[v]] for v in set(versions.values())}) == 1
        row = {"workflow": key[0], "step": key[1], "same": same, "same_across_versions": across,
               "differing": differing, "outcomes": {n: (c["outcome"] if c else "missing") for n, c in cells.items()}}
        if not (same and across):
            row["values"] = {n: (c["values"] if c else None) for n, c in cells.items()}
            row["mock_lacks"] = sorted({m for c in cells.values() if c for m in [what_is_missing(c)] if m})
        rows.append(row)
    return rows


def markdown(report, names):
    several_versions = len(report["references"]) > 1
    last = " steps where versions differ |" if several_versions else ""
    lines = ["| library | version | workflow | steps | " + " | ".join(names) + " |" + last,
             "|---|---|---|---|" + "---|" * (len(names) + several_versions)]
    for lib in report["libraries"]:
        workflows = []
        for row in lib["steps"]:
            if row["workflow"] not in workflows:
                workflows.append(row["workflow"])
        for wf in workflows:
            rows = [r for r in lib["steps"] if r["workflow"] == wf]
            cells = []
            for name in names:
                differing = [r for r in rows if name in r["differing"]]
                passed = sum(1 for r in rows if r["outcomes"][name] == "pass")
                if lib["problems"].get(name):
                    cells.append("did not finish")
                elif name in report["references"]:
                    errors = len(rows) - passed
                    cells.append(f"{passed} pass, {errors} error{'s' * (errors != 1)}" if errors else "all pass")
                elif not differing:
                    cells.append("same")
                else:
                    cells.append(f"**{len(differing)} differ**")
            across = sum(1 for r in rows if not r["same_across_versions"])
            lines.append(f"| {lib['library']} | {lib['version']} | {wf} | {len(rows)} | " + " | ".join(cells) + " |"
                         + (f" {across or ''} |" if several_versions else ""))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--target", type=parse_target, action="append", required=True)
    ap.add_argument("--library", action="append", choices=sorted(LIBRARIES), help="default: all")
    ap.add_argument("--python", default=str(ROOT / "target/clients-venv/bin/python"))
    ap.add_argument("--node", default=shutil.which("node") or "node")
    ap.add_argument("--json", help="write the JSON report here")
    ap.add_argument("--markdown", help="write the markdown table here")
    ap.add_argument("--timeout", type=int, default=300, help="seconds one library may take on one target")
    ap.add_argument("--jobs", type=int, default=3)
    ap.add_argument("--suffix", default="Cm" + secrets.token_hex(3), help="appended to every account created")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every step")
    ap.add_argument("--show-version-differences", action="store_true",
                    help="also print the steps whose outcome differs between MediaWiki versions")
    args = ap.parse_args()
    names = [t["name"] for t in args.target]
    if len(set(names)) != len(names):
        ap.error("target names must differ")
    libraries = args.library or list(LIBRARIES)

    lacking = {t["name"]: lacking_modules(t) for t in args.target}
    for name, missing in lacking.items():
        if missing:
            print(f"{name} lacks {', '.join(missing)} (paraminfo does not know them): steps that use them will differ")
    results = {lib: {} for lib in libraries}
    with tempfile.TemporaryDirectory(prefix="client-matrix-") as scratch, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_one, lib, t, args, args.suffix, scratch): (lib, t["name"])
                   for t in args.target for lib in libraries}
        for future in concurrent.futures.as_completed(futures):
            lib, name = futures[future]
            results[lib][name] = future.result()

    versions = {t["name"]: t["version"] for t in args.target}
    references = [n for i, n in enumerate(names) if versions[n] not in [versions[m] for m in names[:i]]]
    report = {"suffix": args.suffix, "targets": args.target, "references": references, "lacking_modules": lacking,
              "libraries": [], "differences": 0}
    failed = False
    for lib in libraries:
        lib_versions = {r["version"] for r in results[lib].values()}
        rows = compare(lib, results[lib], names, versions)
        problems = {n: r["problem"] for n, r in results[lib].items() if r["problem"]}
        differing = [r for r in rows if not r["same"]]
        report["libraries"].append({"library": lib, "version": "/".join(sorted(lib_versions)), "steps": rows,
                                    "problems": problems,
                                    "seconds": {n: results[lib][n]["seconds"] for n in names}})
        report["differences"] += len(differing)
        failed |= bool(differing or problems)
        across = sum(1 for r in rows if not r["same_across_versions"])
        print(f"{lib} {'/'.join(sorted(lib_versions))}: {len(rows)} steps, {len(rows) - len(differing)} the same on "
              f"every target of their version, {len(differing)} differ; {across} differ between versions"
              + "".join(f"; {n}: {p}" for n, p in problems.items()))
        for row in rows:
            if args.verbose or not row["same"] or (args.show_version_differences and not row["same_across_versions"]):
                mark = "!=" if not row["same"] else "~~" if not row["same_across_versions"] else "  "
                print(f"  {mark} {row['workflow']}: {row['step']}")
                for name in names:
                    line = f"       {name}: {row['outcomes'][name]}"
                    if "values" in row:
                        line += " " + json.dumps(comparable(row["values"][name]), sort_keys=True)[:300]
                        if not row["same"]:
                            detail = (row["values"][name] or {}) if isinstance(row["values"][name], dict) else {}
                            if detail.get("detail"):
                                line += "\n         " + detail["detail"].strip().splitlines()[-1][:300]
                    print(line)
                if not row["same"] and row.get("mock_lacks"):
                    print(f"       (the mock answered: unrecognized {', '.join(row['mock_lacks'])}: a module it lacks)")
    table = markdown(report, names)
    if args.markdown:
        Path(args.markdown).write_text(table)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")
    print()
    print(table, end="")
    if failed:
        print(f"client matrix: {report['differences']} steps differ between {', '.join(names)}", file=sys.stderr)
        return 1
    print(f"client matrix: every step of {', '.join(libraries)} has the same outcome on {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
