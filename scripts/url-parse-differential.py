#!/usr/bin/env python3
"""Differential check of mwcheck's URL reading (crates/mock/src/urls.rs) against PHP and MediaWiki,
without a running wiki: every URL of scripts/mwdiff_urls.py's ODD_URLS and N random strings built
from the characters parse_url cares about go through PHP's parse_url and MediaWiki's own
UrlUtils::parse (scripts/mediawiki/url-verdicts.php, run with the installed MediaWiki's classes) and
through the mock's `url_verdicts` example; every component and verdict must be equal.

Usage:
  cargo build --example url_verdicts
  scripts/url-parse-differential.py [--mediawiki /opt/mwcheck/mediawiki-1.43] [--random 20000] [--seed N]
                                    [--verdicts target/debug/examples/url_verdicts]

Run it once with each release's directory (1.39: /usr/share/mediawiki). Exit status 0 when there
are no differences, 1 otherwise (the first differences are printed)."""
import argparse
import json
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from mwdiff_urls import ODD_URLS, PROTOCOLS  # noqa: E402

# What parse_url and UrlUtils::parse branch on, plus letters, digits and a few others.
ALPHABET = list(":/?#@[]%.+-_ \t\n\r\x00\x01\x7f") + list("httpsmailtoxX019") + ["\u00e9", "\u3002", "\u00a0"]
PREFIXES = ["", "http", "HTTP", "mailto", "tel", "file", "//", "http:", "http://", "a.com", ":"]


def random_urls(count, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        body = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        out.append(rng.choice(PREFIXES) + body)
    return out


def run(command, urls):
    lines = "".join(json.dumps({"id": i, "url": u}) + "\n" for i, u in enumerate(urls))
    done = subprocess.run(command, input=lines.encode(), capture_output=True, check=True)
    return [json.loads(line) for line in done.stdout.decode().split("\n") if line]


def php_shape(verdict):
    # json_encode gives [] for an empty array; parse_url's components as the example prints them.
    if verdict["parse_url"] == []:
        verdict["parse_url"] = {}
    return verdict


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mediawiki", default="/opt/mwcheck/mediawiki-1.43")
    parser.add_argument("--random", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--verdicts", default=os.path.join(here, "..", "target", "debug", "examples", "url_verdicts"))
    args = parser.parse_args()
    # Raw bytes are what MediaWiki's request cleaning turns into U+FFFD; strings only here.
    urls = [u for u in ODD_URLS if isinstance(u, str)] + random_urls(args.random, args.seed)
    php = run(["php", os.path.join(here, "mediawiki", "url-verdicts.php"), args.mediawiki, json.dumps(PROTOCOLS)],
              urls)
    mock = run([args.verdicts], urls)
    differences = 0
    for url, p, m in zip(urls, php, mock):
        if php_shape(p) != m:
            differences += 1
            if differences <= 20:
                print(f"DIFF {url!r}\n  php:  {p}\n  mock: {m}")
    accepted = sum(1 for p in php if p["return_url"])
    print(f"{len(urls)} URLs ({accepted} accepted as return URLs), {differences} differences")
    sys.exit(1 if differences or len(php) != len(urls) or len(mock) != len(urls) else 0)


if __name__ == "__main__":
    main()
