#!/usr/bin/env python3
"""Differential check of mwcheck's password policy and user-name rules against a real MediaWiki.

Sends varied passwords to `action=validatepassword` (anonymously with and without `user=`, and, if
MW_ADMIN_PASSWORD is set, logged in as Admin without `user=`), asks `list=users`,
`validatepassword`'s `user` parameter and optionally `action=createaccount` about varied user
names, and compares every answer with the verdicts printed by mwcheck's `policy_verdicts` example,
run for the wiki's release (siteinfo's generator: `--mediawiki 1.43` for a 1.43 wiki).
With --hash-db (the wiki's SQLite file, opened read-only) it also checks that mwcheck verifies the
password hashes MediaWiki stored for the accounts this script created. With --mock-api it also sends
every validatepassword request, in the same kind of session, to a served mock wiki and requires the
mock's whole JSON reply to equal the real wiki's; the mock must speak the wiki's release
(`mwcheck serve --mediawiki 1.43` for a 1.43 wiki).

The corpus covers every rule of both releases: lengths around 1.43's 8-byte minimum (7, 8 and 9
bytes, ASCII and multibyte) and the 4096-byte maximum, entries of the common-password list
(crates/mock/data/common-passwords.list) with near misses (case changed, a character added or
removed), the three false positives of 1.39's Bloom filter, passwords inside the user name, and
user names with `=`, a leading `~` and IP ranges (invalid or uncreatable on 1.43).

Usage:
  cargo build --example policy_verdicts
  scripts/policy-differential.py [--api http://127.0.0.1:8080/api.php] [--create-accounts]
                                 [--verdicts target/debug/examples/policy_verdicts] [--seed N]
                                 [--hash-db /tmp/mw1/db/my_wiki.sqlite]
                                 [--mock-api http://127.0.0.1:18081/api.php]

Exit status: 0 when there are no differences, 1 otherwise. Passwords are not printed (a difference
shows the case number, length and a short hash). Only loopback addresses are accepted.
"""

import argparse
import hashlib
import http.cookiejar
import json
import os
import random
import sqlite3
import subprocess
import sys
import unicodedata
import urllib.parse
import urllib.request

COMMON_CANDIDATES = """
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael
654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm
asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas
hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn
555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda
summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder
taylor matrix welcome admin login passw0rd abc querty foobar abc12345 hello secret whatever ninja
azerty solo loveme flower hottie lovely babygirl 1q2w3e4r 1q2w3e zaq12wsx qwe123 password1
password123 p@ssw0rd letmein1 test test123 guest root toor changeme default administrator pokemon
naruto samsung apple orange banana chocolate cookie purple butterfly liverpool arsenal 123abc
q1w2e3r4 asdf asdfasdf asdf1234 1234qwer qwer1234 147258369 789456123 11223344 88888888 99999999
00000000 123654 741852963 159357 987654 iloveu mercedes ferrari corvette diamond hannah jasmine
silver golden anthony william joseph steven richard phoenix spider falcon eagle tiger lakers
""".split()

FORBIDDEN_USERS = ["Useruser", "Useruser1", "Apitestsysop", "Apitestuser"]

# Common on MediaWiki 1.39 only: false positives of its Bloom filter (mw-1.43-vs-1.39.md C3).
BLOOM_FALSE_POSITIVES = ["Qx783038-zq", "Qx1873621-zq", "Qx3317577-zq"]

COMMON_LIST = "crates/mock/data/common-passwords.list"


def common_list() -> list:
    """The common-password list the mock ships (front-coded; see crates/mock/data/README.md)."""
    entries, previous = [], b""
    with open(COMMON_LIST, "rb") as f:
        data = f.read()
    position = 0
    while position < len(data):
        end = data.index(b"\n", position + 1)
        entry = previous[:data[position]] + data[position + 1:end]
        entries.append(entry)
        previous, position = entry, end + 1
    return [e.decode("utf-8", "replace") for e in entries]


def near_misses(word: str, rng: random.Random) -> list:
    """A common password changed a little: case, one character added, one removed."""
    found = [word.upper(), word.swapcase(), word.capitalize(), word + "!", "x" + word]
    if len(word) > 1:
        cut = rng.randrange(len(word))
        found.append(word[:cut] + word[cut + 1:])
        found.append(word[:cut] + rng.choice("aZ9-é") + word[cut:])
    return found


def length_cases(rng: random.Random) -> list:
    """Passwords of 6 to 10 bytes (1.43's minimum is 8), ASCII and multibyte."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_!#"
    cases = []
    for length in (6, 7, 8, 9, 10):
        for _ in range(12):
            cases.append("".join(rng.choice(alphabet) for _ in range(length)))
    # Multibyte: é and ö are 2 bytes, € 3, 🙂 4; byte lengths 7, 8 and 9 with fewer characters.
    for text in ["ééé" + "x", "éééé", "éééé" + "x", "€€x", "€€xy", "€€xyz", "🙂x" + "yz",
                 "🙂🙂", "🙂🙂x", "ö" * 3 + "a", "ö" * 4, "ö" * 4 + "a", "a€€€", "ab€€", "🙂é€",
                 "Ωmega77", "Ωmega777", "пароль", "парольx", "日本語", "日本語x", "\u3000abcde"]:
        cases.append(text)
    return cases


NON_ASCII_SAMPLES = [
    "é", "ß", "ñandú", "ÉCLAIR", "éclair", "日本語パスワード", "пароль", "парольпароль", "κωδικός",
    "🙂🙂🙂", "e\u0301", "Å", "\u212b", "ﬁsh", "İstanbul", "ǆ", "\u00a0", "\u200b", "\ue000",
    "ä" * 5, "ö" * 3, "ü" * 2, "€", "\u3000x", "a\u0308", "zx\u0301cvbnm",
]


def loopback_only(api: str) -> None:
    host = urllib.parse.urlsplit(api).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        sys.exit(f"refusing to contact {host}: only loopback targets are allowed")


class Session:
    """One cookie session against the wiki's api.php."""

    def __init__(self, api: str):
        self.api = api
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def call(self, params: dict, post: bool = True) -> dict:
        params = dict(params, format="json", formatversion="2")
        data = urllib.parse.urlencode(params).encode()
        if post:
            request = urllib.request.Request(self.api, data=data)
        else:
            request = urllib.request.Request(self.api + "?" + data.decode())
        with self.opener.open(request, timeout=60) as response:
            return json.load(response)

    def token(self, kind: str) -> str:
        reply = self.call({"action": "query", "meta": "tokens", "type": kind}, post=False)
        return reply["query"]["tokens"][kind + "token"]


def validatepassword_verdict(reply: dict) -> dict:
    if "error" in reply:
        return {"error": reply["error"]["code"]}
    body = reply["validatepassword"]
    messages = [
        {"code": m["code"], "params": m.get("params", [])} for m in body.get("validitymessages", [])
    ]
    return {"validity": body["validity"], "messages": messages}


def password_cases(rng: random.Random) -> list:
    """(password, description) pairs that do not depend on a user name."""
    cases = []
    for word in COMMON_CANDIDATES:
        cases.append(word)
        cases.append(word.capitalize())
        cases.append(word + "1")
        cases.append(word[::-1])
    cases += [str(n) for n in rng.sample(range(0, 10**7), 60)]
    cases += [str(n) * k for n in range(10) for k in (2, 3, 6)]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!@#$%^&*()+= "
    for _ in range(150):
        length = rng.choice([1, 2, 3, 5, 8, 9, 10, 11, 16, 24, 40, 100])
        cases.append("".join(rng.choice(alphabet) for _ in range(length)))
    cases += list("aZ9 !é")
    cases += ["ExamplePassword", "examplepassword", "ExamplePassword ", "Passpass", "Passpass1",
              "testpass", "Testpass", "PASSPASS"]
    # Lengths around the 4096-byte maximum, in bytes.
    cases += ["x" * n for n in (4095, 4096, 4097, 5000, 10000)]
    cases += ["é" * 2048, "é" * 2049, "a" + "é" * 2048, "a" * 4094 + "é", "a" * 4095 + "é"]
    cases += ["a" * 4094 + "\x01", "a" * 4093 + "\x01"]  # U+FFFD is 3 bytes after clean-up
    cases += ["🙂" * 1024, "🙂" * 1025]
    # Non-ASCII, combining and control characters (cleaned up by the request layer).
    cases += NON_ASCII_SAMPLES
    cases += [s + "Zq9-x" for s in NON_ASCII_SAMPLES]
    cases += ["tab\there", "line\nbreak", "cr\rx", "nul\x00x", "bell\x07x", "del\x7fx",
              "\ufffe", "\uffffabc", "a\x1fb"]
    for _ in range(60):
        cases.append("".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff),
                                             rng.randint(0x3000, 0xd7ff), rng.randint(0x10000, 0x1f6ff)]))
                             for _ in range(rng.randint(1, 12))))
    cases += length_cases(rng)
    cases += BLOOM_FALSE_POSITIVES + [p.lower() for p in BLOOM_FALSE_POSITIVES]
    cases += ["Qx783038-z", "Qx783038-zqq", "Qx1873621-zQ", "qx3317577-zq"]
    listed = common_list()
    # Short entries (7 to 9 bytes: both the length and the list apply on 1.43), then a sample.
    by_length = {n: [w for w in listed if len(w.encode()) == n] for n in (7, 8, 9)}
    for n, words in by_length.items():
        cases += rng.sample(words, 40)
    sample = rng.sample(listed, 400)
    cases += sample
    for word in sample[:150]:
        cases += near_misses(word, rng)
    # Substrings of the anonymous user's name, 127.0.0.1.
    cases += ["127", "127.0", "0.0.1", "127.0.0.1", "127.0.0.1x", ".", "0", "7.0.0.", "127.0.0.2"]
    return cases


def user_name_cases(suffix: str) -> list:
    """Fresh user names for the password checks (raw form, as sent)."""
    return [
        f"PolDiffUser{suffix}",
        f"poldiff_lower {suffix}",
        f"Pölé Ünï {suffix}",
        f"PolÉclair{suffix}",
        f"Polpassword{suffix}",
        f"Pol=eq{suffix}",
        f"~Poltilde{suffix}",
    ] + FORBIDDEN_USERS


def substring_passwords(name: str, rng: random.Random) -> list:
    """Passwords that are (or nearly are) parts of a user name."""
    canonical_guess = name.replace("_", " ")
    canonical_guess = canonical_guess[:1].upper() + canonical_guess[1:]
    found = [name, canonical_guess, canonical_guess.lower(), canonical_guess.upper(),
             canonical_guess.swapcase(), canonical_guess + "x", "x" + canonical_guess]
    chars = list(canonical_guess)
    for _ in range(14):
        start = rng.randrange(len(chars))
        end = rng.randrange(start + 1, len(chars) + 1)
        piece = "".join(chars[start:end])
        found += [piece, piece.swapcase()]
    return found


def name_cases(suffix: str) -> list:
    base = f"Pol{suffix}"
    names = [
        "admin", "Admin", " admin ", "ADMIN", "adMin", "User:Admin", "user:admin", "USER: Admin",
        "User_talk:Admin", "Talk:Admin", "TestWiki:Admin", "Project:Admin", "project talk:x",
        "Image:Foo", "File:Foo", "Special:Foo", "Media:Foo", "MediaWiki:Foo", "Help:Foo",
        "Category:Foo", "Template:Foo", "Module:Foo", "Wikipedia:Foo", "WIKIPEDIA:Foo", "mw:Foo",
        "w:Foo", "commons:Foo", "wikt:Foo", "gentoo-wiki:Foo", "Foo:Bar", ":Foo", "::Foo",
        "User::Foo", "User:User:Foo", "Tal\u212a:Foo", "Talk:User:Foo", "Talk:Wikipedia:Foo",
        "zed1", "Zed1", "#1", "#0", "#3", "#999999", "#99999999999999999999", "#", "#1a", "# 1",
        "", " ", "_", "__x__", "a  b", "a__b", "a_ _b", "a\u00a0b", "a\u3000b", "a\u2002b",
        "a\u200bb", "a\u200eb", "a\u202eb", "a\u2028b", "a\u205fb", "a\u1680b", "a\u180eb",
        "a\tb", "a\nb", "a\rb", "a\x01b", "\ufeffa", "a\ufffd", "a\ue000", "a\u0085", "a\u00ad",
        "Foo&amp;bar", "&eacute;clair", "A&#66;&#x43;", "A&nbsp;B", "Foo&num;bar", "Foo&#35;bar",
        "A&#0;", "A&#x110000;", "A&lt;b", "A&unknown;", "A & B", "A&", "&", "A&amp", "A&#38;amp;",
        "A&ThickSpace;B", "A&NewLine;", "A&Tab;B", "&\u05e8\u05dc\u05de;x",
        "A%41", "A%4", "100%", "A#b", "A|b", "A[b]", "A{b}", "A<b", "A>b", "imported>Foo", "a@b",
        "A~~~", "A~~", "Foo/bar", ".", "..", "./a", "../a", "a/./b", "a/..", "a.b", "...",
        "1.2.3.4", "1.2.3.04", "010.1.1.1", "300.300.300.300", "1.2.3.xxx", "1.2.3.XXX",
        "1.2.3.4/24", "1.2.3.0/33", "1.2.3.4 - 1.2.3.5", "::1", "::", "a::b", "A:0:0:0:0:0:0:B",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "fe80::1%eth0", "1.2.3", "1.2.3.4.5", "256.1.1.1x",
        "ßx", "ǆemal", "ﬁsh", "ıi", "iİ", "éclair", "Ωmega", "ωmega", "дмитрий", "ⴀgeorgian",
        "აბგ", "ꭰcherokee", "ǰx", "ŉx", "ΐx", "ᾳx", "\ua7cdx", "\u019bx", "𐐨deseret", "ꝥ", "ȿx",
        "e\u0301clair", "A\u0308", "\u212bngstrom", "Ω\u0301",
        "MediaWiki default", "mediaWiki default", "Unknown user", "unknown_user", "Maintenance script",
        "Redirect fixer", "System messenger", "Proxy blocker", "DNSBL", "MediaWiki spam cleanup",
        "MediaWiki automatic change", "MediaWiki message delivery", "Conversion script",
        "A" * 235, "A" * 236, "A" * 255, "A" * 256, "é" * 117, "é" * 118, "é" * 127, "é" * 128,
        "a" + "_" * 300 + "b", "User:" + "A" * 255,
        base + "x", base.lower() + "_y z", base + "@x", base + ":x", base + ">x",
        # Fresh names that --create-accounts registers (or fails to).
        base.lower() + "ß", base + "&amp;b", base + "\u00a0nbsp", base.lower() + "  two__words ",
        base + "e\u0301", base + "Ϊ́", base + "A" * (235 - len(base)), base + "B" * (236 - len(base)),
        "User:" + base.lower() + "u", base + "/x", base + "#x", base + "|x", base + "\u200bx",
        base + "&#66;", base + "A&nbsp;B", base + "&num;frag",
        # 1.43: `=` is not creatable, a leading `~` is reserved, IP ranges are not valid.
        base + "=x", "=" + base, base + "a=b", "~" + base, "~" + base.lower(), base + "~x",
        "~", "~~", "=",
    ] + ip_range_names(suffix)
    return names


def ip_range_names(suffix: str) -> list:
    """IP ranges and IPv4 dash ranges, fresh for this run (the suffix picks the addresses)."""
    a, b = int(suffix[:2], 16), int(suffix[2:4], 16)
    return [f"10.{a}.{b}.3-10.{a}.{b}.9", f"10.{a}.{b}.3 - 10.{a}.{b}.9", f"10.{a}.{b}.xxx-10.{a}.{b}.1",
            f"10.{a}.{b}.3-10.{a}.{b}", f"10.{a}.{b}-10.{a}.{b}.3", f"1.{a}.{b}.300-1.{a}.{b}.301",
            f"10.{a}.{b}.0/24", f"2001:db8:{a:x}::/48", f"2001:db8:{a:x}::1 - 2001:db8:{a:x}::9",
            f"10.{a}.{b}.3--10.{a}.{b}.9", f"10.{a}.{b}.3-10.{a}.{b}.9x"]


def wiki_release(session: Session) -> str:
    """The wiki's release line from siteinfo's generator (`MediaWiki 1.43.12` is 1.43)."""
    reply = session.call({"action": "query", "meta": "siteinfo"}, post=False)
    version = reply["query"]["general"]["generator"].split()[-1]
    return ".".join(version.split(".")[:2])


def collect_existing_users(session: Session) -> list:
    reply = session.call({"action": "query", "list": "allusers", "aulimit": "max"}, post=False)
    return [{"id": u["userid"], "name": u["name"]} for u in reply["query"]["allusers"]]


def login(session: Session, user: str, password: str) -> list:
    token = session.token("login")
    reply = session.call({"action": "clientlogin", "username": user, "password": password,
                          "loginreturnurl": "http://127.0.0.1/", "logintoken": token})
    if reply.get("clientlogin", {}).get("status") != "PASS":
        sys.exit(f"login as {user} failed: {reply.get('clientlogin', reply).get('messagecode')}")
    info = session.call({"action": "query", "meta": "userinfo", "uiprop": "groups"}, post=False)
    return info["query"]["userinfo"]["groups"]


def fingerprint(text: str) -> str:
    return f"{len(text.encode())} bytes, sha1 {hashlib.sha1(text.encode()).hexdigest()[:10]}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", default=os.environ.get("MW_API", "http://127.0.0.1:8080/api.php"))
    parser.add_argument("--verdicts", default="target/debug/examples/policy_verdicts")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--create-accounts", action="store_true",
                        help="also create accounts (names starting with Pol) to compare createaccount")
    parser.add_argument("--hash-db", help="the wiki's SQLite database, to check stored hashes")
    parser.add_argument("--mock-api", help="a served mock's api.php: compare its validatepassword replies too")
    args = parser.parse_args()
    loopback_only(args.api)
    if args.mock_api:
        loopback_only(args.mock_api)
    mock_differences = []
    mock_compared = [0]

    def server_masked(reply: dict, api: str) -> str:
        """The reply as JSON with the wiki's own address (e.g. in an error's docref) masked."""
        parts = urllib.parse.urlsplit(api)
        return json.dumps(reply).replace(f"{parts.scheme}://{parts.netloc}", "SERVER")

    def on_both(real_session, mock_session, params):
        """The real wiki's reply; with --mock-api the mock must give the same whole reply (each
        wiki's own address aside)."""
        real = real_session.call(params)
        if mock_session is not None:
            mock_compared[0] += 1
            mock = mock_session.call(params)
            if server_masked(mock, args.mock_api) != server_masked(real, args.api):
                mock_differences.append((params, real, mock))
        return real
    rng = random.Random(args.seed)
    suffix = "%08x" % rng.getrandbits(32)

    anon = Session(args.api)
    anon_mock = Session(args.mock_api) if args.mock_api else None
    release = wiki_release(anon)
    if anon_mock is not None and wiki_release(anon_mock) != release:
        sys.exit(f"the mock does not speak the wiki's MediaWiki {release} (serve it with --mediawiki {release})")
    existing = collect_existing_users(anon)
    records, answers, labels = [{"kind": "existing", "users": existing}], {}, {}

    def add(kind: str, label: str, real: dict, **fields) -> None:
        case_id = len(labels) + 1
        records.append(dict(fields, id=case_id, kind=kind))
        answers[case_id] = real
        labels[case_id] = label

    passwords = password_cases(rng)
    users = user_name_cases(suffix)
    for index, password in enumerate(passwords):
        reply = on_both(anon, anon_mock, {"action": "validatepassword", "password": password})
        add("validatepassword", "anon", validatepassword_verdict(reply), password=password,
            user=None, session_user="127.0.0.1", groups=["*"])
        user = users[index % len(users)]
        reply = on_both(anon, anon_mock,
                        {"action": "validatepassword", "password": password, "user": user})
        add("validatepassword", f"user={user}", validatepassword_verdict(reply), password=password,
            user=user, groups=["*"])
    forbidden_pairs = ["Passpass", "Passpass1", "testpass", "passpass", "Testpass", "Passpass ",
                       "ExamplePassword"]
    for user in users:
        extra = forbidden_pairs if user in FORBIDDEN_USERS else []
        for password in substring_passwords(user, rng) + extra:
            reply = on_both(anon, anon_mock,
                            {"action": "validatepassword", "password": password, "user": user})
            add("validatepassword", f"user={user}", validatepassword_verdict(reply),
                password=password, user=user, groups=["*"])

    admin_password = os.environ.get("MW_ADMIN_PASSWORD")
    if admin_password:
        admin = Session(args.api)
        groups = login(admin, "Admin", admin_password)
        admin_mock = None
        if args.mock_api:
            admin_mock = Session(args.mock_api)
            login(admin_mock, "Admin", admin_password)
        admin_cases = passwords[::4] + ["dmi", "Admin", "ADMIN", "Zq9Zq9Zq9", "é" * 5, "é" * 4,
                                        "Zq9Zq9Zq9Z", "x" * 4097]
        for password in admin_cases:
            reply = on_both(admin, admin_mock, {"action": "validatepassword", "password": password})
            add("validatepassword", "logged in as Admin", validatepassword_verdict(reply),
                password=password, user=None, session_user="Admin", groups=groups)

    name_probe = "Zq9-unusual-probe-77"
    for name in name_cases(suffix):
        # A leading U+001F makes the value one name even if it contains "|".
        reply = anon.call({"action": "query", "list": "users", "ususers": "\x1f" + name}, post=False)
        entries = reply["query"]["users"]
        canonical = None if not entries or entries[0].get("invalid") else entries[0]["name"]
        reply = anon.call({"action": "validatepassword", "password": name_probe, "user": name})
        param = validatepassword_verdict(reply).get("error", "accepted")
        real = {"canonical": canonical, "validatepassword": param}
        if args.create_accounts and (suffix in name or name in ip_range_names(suffix)):
            token = anon.token("createaccount")
            reply = anon.call({"action": "createaccount", "createtoken": token, "username": name,
                               "password": name_probe, "retype": name_probe,
                               "createreturnurl": "http://127.0.0.1/"})
            created = reply.get("createaccount", {})
            real["createaccount"] = created.get("username") if created.get("status") == "PASS" \
                else created.get("messagecode", reply.get("error", {}).get("code"))
        add("name", f"name={name!r}", real, name=name)

    if args.hash_db:
        database = sqlite3.connect(f"file:{args.hash_db}?mode=ro", uri=True)
        rows = database.execute(
            "SELECT user_name, user_password FROM user WHERE user_name LIKE 'Pol%'").fetchall()
        for name, stored in rows:
            stored = stored.decode() if isinstance(stored, bytes) else stored
            label = f"stored hash of {name.decode() if isinstance(name, bytes) else name}"
            add("verify", label, {"verified": True}, stored=stored, password=name_probe)
            add("verify", label, {"verified": False}, stored=stored, password=name_probe + "x")

    output = subprocess.run([args.verdicts, "--mediawiki", release], input="\n".join(json.dumps(r) for r in records),
                            capture_output=True, text=True, check=True).stdout
    ours = {v["id"]: v for v in map(json.loads, output.splitlines())}

    differences = 0
    counts = {"validatepassword": 0, "name": 0, "verify": 0}
    for record in records[1:]:
        case_id, kind = record["id"], record["kind"]
        counts[kind] += 1
        mine = ours.get(case_id, {})
        real = answers[case_id]
        if kind == "validatepassword":
            mine = {k: mine[k] for k in ("error", "validity", "messages") if k in mine}
            if "error" in mine:
                mine = {"error": mine["error"]}
            shown = fingerprint(record["password"])
        elif kind == "verify":
            mine = {"verified": mine.get("verified")}
            shown = record["stored"][:22]
        else:
            param = mine.get("param", "")
            expected_param = "baduser" if param == "baduser" else (
                "accepted" if mine.get("creatable") is not None else "baduser_user")
            if expected_param == "accepted" and mine.get("creatable") in {u["name"] for u in existing}:
                expected_param = "userexists"
            if param.startswith("id:"):
                expected_param = None  # depends on the id lookup; compared through validatepassword
            converted = {"canonical": mine.get("canonical"), "validatepassword": expected_param}
            if expected_param is None:
                converted["validatepassword"] = real["validatepassword"] if real["validatepassword"] in (
                    "baduser_user", "userexists") else "id-mismatch"
            if "createaccount" in real:
                converted["createaccount"] = mine.get("creatable") or "invaliduser"
            mine = converted
            shown = repr(record["name"])
        if kind == "name":
            # The API normalises every output string (ApiResult); the internal name may not be NFC.
            mine = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v
                    for k, v in mine.items()}
        if mine != real:
            differences += 1
            if differences <= 40:
                print(f"DIFF #{case_id} {labels[case_id]} [{shown}]\n  wiki:    {real}\n  mwcheck: {mine}")
    tally = {}
    for record in records[1:]:
        real = answers[record["id"]]
        if record["kind"] == "verify":
            key = f"stored hash verified={real['verified']}"
        elif record["kind"] == "validatepassword":
            key = real.get("error") or real["validity"] + "".join(
                sorted({"/" + m["code"] for m in real["messages"]}))
        else:
            key = "name " + ("invalid" if real["canonical"] is None else "valid") + \
                f", user param {real['validatepassword']}" + (
                    f", createaccount {'PASS' if real['createaccount'] not in ('invaliduser', 'userexists') else real['createaccount']}"
                    if "createaccount" in real else "")
        tally[key] = tally.get(key, 0) + 1
    for key, count in sorted(tally.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {key}")
    print(f"validatepassword cases: {counts['validatepassword']}, name cases: {counts['name']}, "
          f"stored-hash cases: {counts['verify']}, "
          f"differences: {differences}")
    if args.mock_api:
        for params, real, mock in mock_differences[:40]:
            print(f"MOCK DIFF [{fingerprint(params['password'])}] user={params.get('user')!r}\n"
                  f"  wiki: {json.dumps(real)[:300]}\n  mock: {json.dumps(mock)[:300]}")
        print(f"mock replies compared with the wiki's: {mock_compared[0]}, "
              f"mock differences: {len(mock_differences)}")
    return 1 if differences or mock_differences else 0


if __name__ == "__main__":
    sys.exit(main())
