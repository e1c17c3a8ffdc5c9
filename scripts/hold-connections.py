#!/usr/bin/env python3
"""Holds many idle connections open to a server while a well-behaved client asks it questions.

Measures what issue 15 asks of `mwcheck serve`: that it keeps answering while thousands of
half-open connections are held. Holders run in separate processes (a process may hold no more
descriptors than its limit); each opens its share, and reopens any the server closes, for the whole
measurement. Meanwhile one client sends requests, each on a fresh connection, and the script
prints how many were answered and the median and worst answer times.

    scripts/hold-connections.py --url http://127.0.0.1:8080/api.php --hold 20000 --requests 1000

Loopback only: the script refuses any other host.
"""

import argparse
import json
import multiprocessing
import resource
import socket
import statistics
import sys
import time
import urllib.parse
import urllib.request


def holder(host, port, count, ready, stop, counts):
    """Opens `count` connections, sending nothing (or half a request line), and keeps reopening
    those the server closes until `stop` is set."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held = []
    for i in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(True)
        try:
            s.connect((host, port))
        except OSError:
            s.close()
            continue
        if i % 2:
            s.send(b"GET /api.php HTTP/1.1\r\nHost: x\r\n")  # headers never finished
        s.setblocking(False)
        held.append(s)
    ready.set()
    reopened = 0
    while not stop.is_set():
        for index, s in enumerate(held):
            try:
                closed = s.recv(1, socket.MSG_PEEK) == b""
            except BlockingIOError:
                closed = False
            except OSError:
                closed = True
            if closed:
                s.close()
                fresh = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                try:
                    fresh.connect((host, port))
                    fresh.setblocking(False)
                    held[index] = fresh
                    reopened += 1
                except OSError:
                    fresh.close()
            if stop.is_set():
                break
        time.sleep(0.2)
    counts.put((len(held), reopened))
    for s in held:
        s.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the api.php URL of a server on loopback")
    parser.add_argument("--hold", type=int, default=20000, help="idle connections to hold")
    parser.add_argument("--per-process", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    parts = urllib.parse.urlsplit(args.url)
    host, port = parts.hostname, parts.port or 80
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        sys.exit(f"error: {host} is not a loopback address")

    ready_events, stop = [], multiprocessing.Event()
    counts = multiprocessing.Queue()
    processes = []
    left = args.hold
    while left > 0:
        share = min(left, args.per_process)
        left -= share
        ready = multiprocessing.Event()
        p = multiprocessing.Process(target=holder, args=(host, port, share, ready, stop, counts))
        p.start()
        processes.append(p)
        ready_events.append(ready)
    for ready in ready_events:
        ready.wait()
    print(f"holding {args.hold} idle connections ({len(processes)} processes)", flush=True)

    query = urllib.parse.urlencode(
        {"action": "query", "meta": "tokens", "type": "login", "format": "json"})
    times, answered, failures = [], 0, {}
    for _ in range(args.requests):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{args.url}?{query}", timeout=30) as response:
                body = json.load(response)
            if "logintoken" in body.get("query", {}).get("tokens", {}):
                answered += 1
        except Exception as err:  # noqa: BLE001 - every kind of failure is counted
            failures[type(err).__name__] = failures.get(type(err).__name__, 0) + 1
        times.append(time.monotonic() - started)

    stop.set()
    held = reopened = 0
    for _ in processes:
        h, r = counts.get()
        held += h
        reopened += r
    for p in processes:
        p.join()
    times.sort()
    print(f"answered {answered} of {args.requests} requests; "
          f"median {statistics.median(times) * 1000:.1f} ms, "
          f"worst {times[-1] * 1000:.1f} ms; "
          f"holders kept {held} sockets and reopened {reopened} the server closed")
    if failures:
        print(f"failures: {failures}")
    return 0 if answered == args.requests else 1


if __name__ == "__main__":
    sys.exit(main())
