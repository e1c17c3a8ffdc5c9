#!/usr/bin/env python3
"""Extract MediaWiki's common-password data into crates/mock/data/ for the two checks the mock knows.

* MediaWiki 1.39 checks passwords against wikimedia/common-passwords 0.4, a Bloom filter serialised
  as JSON (`bit_array.len`, `bit_array.arr` in base64, `hashers.{algo,count,max}`). mwcheck ships only
  the raw bit array (crates/mock/data/common-passwords.bloom); the hash parameters are constants in
  crates/mock/src/common_passwords.rs, and this script refuses to write anything if the JSON's
  parameters differ from them.
* MediaWiki 1.43 ships wikimedia/common-passwords 0.5, a PHP array of the same 100,000 passwords
  (`src/common.php`, `'password' => 1,` per line) looked up exactly. mwcheck ships that list sorted by
  bytes and front-coded (crates/mock/data/common-passwords.list): per entry, one byte giving how many
  leading bytes it shares with the previous entry, then the remaining bytes, then a newline (no
  password of the list contains a newline or is longer than 255 bytes; the script checks both).

Usage: scripts/extract-common-passwords.py bloom [path/to/common-x64.json] [output]
       scripts/extract-common-passwords.py list  [path/to/common.php] [output]
"""

import base64
import hashlib
import json
import re
import sys

DEFAULT_BLOOM_SOURCE = (
    "/usr/share/mediawiki/vendor/wikimedia/common-passwords/src/CommonPasswords/common-x64.json"
)
DEFAULT_BLOOM_OUTPUT = "crates/mock/data/common-passwords.bloom"
DEFAULT_LIST_SOURCE = "/opt/mwcheck/mediawiki-1.43/vendor/wikimedia/common-passwords/src/common.php"
DEFAULT_LIST_OUTPUT = "crates/mock/data/common-passwords.list"

# The parameters crates/mock/src/common_passwords.rs is written for.
EXPECTED_ALGO = "sha1"
EXPECTED_COUNT = 20
EXPECTED_BITS = 2875518
EXPECTED_LIST_SIZE = 100_000


def extract_bloom(source: str, output: str) -> int:
    with open(source, encoding="utf-8") as f:
        data = json.load(f)

    hashers = data["hashers"]
    bit_array = data["bit_array"]
    params = (hashers["algo"], hashers["count"], hashers["max"], bit_array["len"])
    expected = (EXPECTED_ALGO, EXPECTED_COUNT, EXPECTED_BITS, EXPECTED_BITS)
    if params != expected:
        print(f"unexpected filter parameters {params}, expected {expected}", file=sys.stderr)
        return 1

    bits = base64.b64decode(bit_array["arr"], validate=True)
    expected_bytes = (EXPECTED_BITS + 7) // 8
    if len(bits) != expected_bytes:
        print(f"bit array is {len(bits)} bytes, expected {expected_bytes}", file=sys.stderr)
        return 1

    with open(output, "wb") as f:
        f.write(bits)
    print(f"wrote {len(bits)} bytes to {output} (sha256 {hashlib.sha256(bits).hexdigest()})")
    return 0


# One entry of common.php: a single-quoted PHP string (\\ and \' escaped) mapped to 1.
ENTRY = re.compile(rb"'((?:[^'\\]|\\.)*)' => 1,\n")


def extract_list(source: str, output: str) -> int:
    with open(source, "rb") as f:
        text = f.read()
    head, sep, body = text.partition(b"return [\n")
    if not sep:
        print("no 'return [' in the source", file=sys.stderr)
        return 1
    passwords, position = [], 0
    for match in ENTRY.finditer(body):
        if match.start() != position:
            print(f"unexpected text at byte {position} of the array", file=sys.stderr)
            return 1
        position = match.end()
        passwords.append(re.sub(rb"\\([\\'])", rb"\1", match.group(1)))
    if body[position:].strip() != b"];":
        print("unexpected text after the last entry", file=sys.stderr)
        return 1
    unique = sorted(set(passwords))
    if len(unique) != EXPECTED_LIST_SIZE or len(passwords) != EXPECTED_LIST_SIZE:
        print(f"{len(passwords)} entries ({len(unique)} distinct), expected {EXPECTED_LIST_SIZE}",
              file=sys.stderr)
        return 1
    if any(b"\n" in p or len(p) > 255 for p in unique):
        print("an entry contains a newline or is longer than 255 bytes", file=sys.stderr)
        return 1
    encoded, previous = bytearray(), b""
    for password in unique:
        shared = 0
        while shared < min(len(previous), len(password)) and previous[shared] == password[shared]:
            shared += 1
        encoded += bytes([shared]) + password[shared:] + b"\n"
        previous = password
    with open(output, "wb") as f:
        f.write(encoded)
    print(f"wrote {len(unique)} passwords in {len(encoded)} bytes to {output} "
          f"(sha256 {hashlib.sha256(encoded).hexdigest()})")
    return 0


def main() -> int:
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    if kind == "bloom":
        return extract_bloom(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_BLOOM_SOURCE,
                             sys.argv[3] if len(sys.argv) > 3 else DEFAULT_BLOOM_OUTPUT)
    if kind == "list":
        return extract_list(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_LIST_SOURCE,
                            sys.argv[3] if len(sys.argv) > 3 else DEFAULT_LIST_OUTPUT)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
