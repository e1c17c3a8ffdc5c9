#!/usr/bin/env python3
"""Write crates/mock/data/html-entities.tsv: the HTML5 named character references MediaWiki decodes in titles.

MediaWiki 1.39 decodes `&name;` in page titles and user names (Sanitizer::decodeCharReferences)
using the HTML5 entity table that wikimedia/remex-html ships (HTMLData::$namedEntityTranslations).
Only the names ending in ';' can match MediaWiki's pattern, so only those are written, one per line:
`<name including ;>` TAB `<code points in hex, space-separated>`.

The table is read through the PHP CLI so that PHP's own string escapes are interpreted exactly.

Usage: scripts/extract-html-entities.py [path/to/HTMLData.php] [output]
"""

import json
import subprocess
import sys

DEFAULT_SOURCE = "/usr/share/mediawiki/vendor/wikimedia/remex-html/src/HTMLData.php"
DEFAULT_OUTPUT = "crates/mock/data/html-entities.tsv"

PHP_DUMP = (
    "require $argv[1];"
    "echo json_encode(\\Wikimedia\\RemexHtml\\HTMLData::$namedEntityTranslations,"
    " JSON_UNESCAPED_UNICODE);"
)


def main() -> int:
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    output = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    dumped = subprocess.run(
        ["php", "-r", PHP_DUMP, source], check=True, capture_output=True, text=True
    ).stdout
    table = json.loads(dumped)
    lines = []
    for name in sorted(table):
        if not name.endswith(";"):
            continue
        code_points = " ".join(f"{ord(ch):04X}" for ch in table[name])
        lines.append(f"{name}\t{code_points}\n")
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    print(f"wrote {len(lines)} entities to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
