#!/usr/bin/env python3
"""Extract the bit array of MediaWiki's common-password Bloom filter into crates/mock/data/common-passwords.bloom.

MediaWiki 1.39 checks passwords against wikimedia/common-passwords, a Bloom filter serialised as JSON
(`bit_array.len`, `bit_array.arr` in base64, `hashers.{algo,count,max}`). mwcheck ships only the raw
bit array; the hash parameters are constants in crates/mock/src/common_passwords.rs, and this script refuses
to write anything if the JSON's parameters differ from them.

Usage: scripts/extract-common-passwords.py [path/to/common-x64.json] [output]
"""

import base64
import hashlib
import json
import sys

DEFAULT_SOURCE = (
    "/usr/share/mediawiki/vendor/wikimedia/common-passwords/src/CommonPasswords/common-x64.json"
)
DEFAULT_OUTPUT = "crates/mock/data/common-passwords.bloom"

# The parameters crates/mock/src/common_passwords.rs is written for.
EXPECTED_ALGO = "sha1"
EXPECTED_COUNT = 20
EXPECTED_BITS = 2875518


def main() -> int:
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    output = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
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


if __name__ == "__main__":
    sys.exit(main())
