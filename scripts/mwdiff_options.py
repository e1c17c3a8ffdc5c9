"""Differential cases for action=options and what it changes: every stock preference of both releases
(the names from the preference forms captured in crates/mock/data/preference-fields-*.json and the
default options) set to valid and invalid values, userjs-* names and values at their limits, the time
zone and signature fields, reset by every kind, the parameter errors in every error format, a bot
password without the editmyoptions grant, 1.43's requireemail as resetpassword reads it, the language
option as the language of errors and warnings, and what meta=userinfo&uiprop=options then shows. Each case makes its own account (U(tag)), so a wiki that
already ran the suite answers the same."""
import json
import os
import re

from mwdiff import PW, SUFFIX, U, base, case, create, login

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "crates", "mock", "data")


def _load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


FIELDS = [_load("preference-fields-1.43.json"), _load("preference-fields-1.39.json")]
DEFAULTS = [_load("default-user-options-1.43.json"), _load("default-user-options.json")]

# Rows the forms show only as information: validating one makes MediaWiki throw.
INFO_NAMES = sorted({n for f in FIELDS for n, rule in f.items() if rule["field"] == "info"})
# Every other name either release knows as an option or a form field.
NAMES = sorted(({n for f in FIELDS for n in f} | {n for d in DEFAULTS for n in d}) - set(INFO_NAMES))
# Each select's and radio's values, in either release (languages sampled).
CHOICES = {}
for fields in FIELDS:
    for name, rule in fields.items():
        for value in rule.get("options", []):
            CHOICES.setdefault(name, [])
            if value not in CHOICES[name]:
                CHOICES[name].append(value)
if "language" in CHOICES:
    langs = CHOICES["language"]
    CHOICES["language"] = langs[:6] + [v for v in ("de", "en-gb", "zh-hant", "sr-el") if v in langs] + langs[-4:]

REQID = re.compile(r"\b[0-9a-f]{24}\b")


def _hide_request_ids(responses):
    """A caught exception names the request's id (random on both wikis)."""
    return [(s, e, ck, REQID.sub("REQID", b)) for (s, e, ck, b) in responses]


def _account(new, tag, **extra):
    c = new()
    create(c, U(tag), **extra)
    login(c, U(tag), PW)
    return c


def _options(c, fmt=None, **params):
    post = base(action="options", token=c.token("csrf"))
    if fmt:
        post.update(fmt)
    post.update(params)
    return c.call("POST", post=post)


def _shown(c, **extra):
    return c.call("GET", base(action="query", meta="userinfo", uiprop="options", **extra))


def _batches(pairs, size=50):
    for i in range(0, len(pairs), size):
        yield "|".join(f"{n}={v}" for n, v in pairs[i:i + size])


# Values every preference is tried with: valid for some fields, invalid for others.
VALUE_CLASSES = {
    "one": "1", "zero": "0", "empty": "", "word": "bogus", "padded": " 7 ", "negative": "-1",
    "fraction": "1.5", "exponent": "1e2", "plus": "+5", "big": "1001", "long": "x" * 300,
    "unicode": "ü€😀", "markup": "<b>x</b>&amp;[[y]]",
}


def _value_case(label, value):
    def run(new):
        c = _account(new, "Ov" + label[:6])
        out = [_options(c, change=batch) for batch in _batches([(n, value) for n in NAMES])]
        out.append(_shown(c))
        # And back: a name alone resets it.
        out.extend(_options(c, change="|".join(batch)) for batch in
                   (NAMES[i:i + 50] for i in range(0, len(NAMES), 50)))
        out.append(_shown(c))
        return out
    run.__name__ = f"options-every-preference-{label}"
    case(run)


for _label, _value in VALUE_CLASSES.items():
    _value_case(_label, _value)


@case
def options_every_choice(new):
    """Each select's and radio's values in turn (a value of the other release's form too)."""
    c = _account(new, "Och")
    out = []
    for i in range(max(len(v) for v in CHOICES.values())):
        pairs = [(n, v[i]) for n, v in sorted(CHOICES.items()) if i < len(v)]
        out.extend(_options(c, change=batch) for batch in _batches(pairs))
        out.append(_shown(c))
    # Near misses: another case, padding, a leading zero.
    for name, values in sorted(CHOICES.items()):
        first = values[0]
        out.append(_options(c, change="|".join(f"{name}={v}" for v in [first.upper() + "x"]),
                            optionname=name, optionvalue=f" {first}"))
        out.append(_options(c, optionname=name, optionvalue="0" + first))
    out.append(_shown(c))
    return out


NUMBERS = ["1", "1000", "1001", "0", "-0", "500", "501", "90", "90.5", "0.04", "0.0417", "0.041666666666667",
           "1E2", "1e-2", "+1", " 5", "5 ", "\t5\n", "1.", ".5", "5.0", "0x10", "1,000", "١٢", "9" * 30]


@case
def options_numbers(new):
    c = _account(new, "Onum")
    names = [n for n in NAMES if any(f.get(n, {}).get("field") in ("int", "float") for f in FIELDS)]
    out = []
    for value in NUMBERS:
        out.append(_options(c, change="\x1f" + "\x1f".join(f"{n}={value}" for n in names)))
        out.append(_shown(c))
    return out


TIME_CORRECTIONS = ["System|0", "System|60", "Offset|60", "Offset|-720", "Offset|-721", "Offset|840",
                    "Offset|900", "Offset", "Offset|abc", "Offset|60abc", "ZoneInfo|60|Europe/Berlin",
                    "ZoneInfo|0|europe/berlin", "ZoneInfo|0|America/New_York", "ZoneInfo|0|UTC",
                    "ZoneInfo|0|Nowhere/Land", "ZoneInfo|0", "ZoneInfo", "5:30", "-5:30", "-0:30", "14:30",
                    "+3", "-13", "3", "15", "5\n", "bogus", "", "Offset|60|extra"]


@case
def options_time_correction(new):
    c = _account(new, "Otc")
    out = []
    for value in TIME_CORRECTIONS:
        out.append(_options(c, optionname="timecorrection", optionvalue=value))
        out.append(_shown(c))
    # 1.39 writes every option back as it reads when it resets by kind.
    out.append(_options(c, optionname="timecorrection", optionvalue="Offset|900"))
    out.append(_options(c, reset="1", resetkinds="userjs"))
    out.append(_shown(c))
    return out


SIGNATURES = ["", "x" * 255, "x" * 256, "ü" * 255, "ü" * 256, "[[User:A|A]]", "<b>A</b>", "<b>A", "A</b>",
              "a & b", "&nbsp;&amp;&#65;&#x41;", "&bogus;", "<br>", "<br/>", "<span a=1>x</span>",
              "<span a='1'>x</span>", "<!-- c -->x", "~~~~"]


@case
def options_signature(new):
    c = _account(new, "Osig")
    out = []
    for fancy in ("0", "1"):
        out.append(_options(c, optionname="fancysig", optionvalue=fancy))
        for sig in SIGNATURES:
            out.append(_options(c, optionname="nickname", optionvalue=sig))
        out.append(_shown(c))
    # The saved signature stays valid; turning fancysig on in the same request checks it.
    out.append(_options(c, change="fancysig=0|nickname=<b>x"))
    out.append(_options(c, change="fancysig=1|nickname=<b>x"))
    out.append(_options(c, change="nickname=<b>x"))
    out.append(_shown(c))
    return out


@case
def options_userjs(new):
    c = _account(new, "Ojs")
    names = ["userjs-a", "userjs-A_b-9", "userjs-", "userjs-a b", "userjs-ü", "userjs-a.b", "userjs-a=b",
             "userjs-" + "a" * 248, "userjs-" + "a" * 249, "Userjs-a", "userjsa", "userjs-a|b"]
    out = [_options(c, optionname=n, optionvalue="v") for n in names]
    for size in (65530, 65531):
        out.append(_options(c, optionname="userjs-big", optionvalue="a" * size))
    out.append(_options(c, optionname="userjs-wide", optionvalue="€" * 21843 + "ab"))
    out.append(_options(c, optionname="userjs-wide", optionvalue="€" * 21844))
    out.append(_options(c, optionname="userjs-empty", optionvalue=""))
    out.append(_options(c, optionname="userjs-noval"))
    out.append(_options(c, change="userjs-pipe=a|b|userjs-eq=a=b"))
    out.append(_options(c, change="\x1fuserjs-sep=a|b\x1fuserjs-sep2=c"))
    out.append(_shown(c))
    out.append(_shown(c, formatversion="2"))
    out.append(_shown(c, format="xml"))
    return out


@case
def options_change_and_optionname(new):
    c = _account(new, "Ochg")
    return [
        _options(c, change="userjs-d=1|userjs-d=2", optionname="userjs-d", optionvalue="3"),
        _options(c, change="userjs-e=1|hideminor=1|userjs-e=2"),
        _options(c, optionname="hideminor"),
        _options(c, change="=1|==|a=b=c|userjs-x"),
        _options(c, change="hideminor=1", optionname="hideminor", optionvalue="bogus-but-free"),
        _options(c, change="imagesize=2|search-match-redirect=1|searchNs0=1|userjs-f=0"),
        _shown(c),
    ]


@case
def options_reset_kinds(new):
    c = _account(new, "Orst")
    fill = "userjs-a=1|hideminor=1|watchlisttoken=abc|skin=monobook|rclimit=7|timecorrection=Offset|60"
    out = []
    for kinds in ("registered", "registered-multiselect|registered-checkmatrix", "userjs", "special", "unused",
                  "all", "registered|userjs", "", "bogus", "userjs|bogus"):
        out.append(_options(c, change=fill))
        out.append(_options(c, reset="1", resetkinds=kinds))
        out.append(_shown(c))
    out.append(_options(c, change=fill))
    out.append(_options(c, reset="", change="userjs-b=2"))
    out.append(_shown(c))
    out.append(_options(c, resetkinds="all", change="userjs-c=3"))
    out.append(_shown(c))
    return out


@case
def options_hidden_fields(new):
    """A field hidden by its hide-if takes anything: the skin decides, as the request leaves it."""
    c = _account(new, "Ohid")
    return [
        _options(c, change="vector-theme=bad|vector-font-size=9|skin-responsive=x"),
        _options(c, change="skin=monobook|vector-theme=bad|vector-font-size=9|vector-limited-width=q"),
        _shown(c),
        _options(c, change="skin=vector-2022|vector-theme=bad2"),
        _options(c, reset="1", change="vector-theme=bad3"),
        _options(c, reset="1", resetkinds="registered", change="vector-theme=bad4"),
        _shown(c),
        _options(c, change="skin|vector-theme=bad5"),
        _shown(c),
    ]


FORMATS = [{}, {"formatversion": "2"}, {"errorformat": "plaintext"}, {"errorformat": "wikitext"},
           {"errorformat": "html"}, {"errorformat": "raw"}, {"errorformat": "none"}, {"format": "xml"}]


@case
def options_information_rows(new):
    c = _account(new, "Oinf")
    out = []
    for name in INFO_NAMES:
        out.append(_options(c, change=f"userjs-before=1|foo=1|{name}=x|userjs-after=1"))
    for fmt in FORMATS:
        out.append(_options(c, fmt, change="foo=1|username=x"))
    out.append(_shown(c))
    return _hide_request_ids(out)


@case
def options_warnings_in_every_format(new):
    c = _account(new, "Owrn")
    change = ("foo=1|rclimit=0|rcdays=0|userjs-a b=1|userjs-" + "a" * 256 + "=1|realname=x|emailaddress=x|"
              "nickname=" + "x" * 256 + "|userjs-l=" + "a" * 65531 + "|date=x|a[b]{c}=1|*x=1")
    return [_options(c, fmt, change=change) for fmt in FORMATS]


@case
def options_errors(new):
    out = []
    anon = new()
    for fmt in FORMATS:
        out.append(anon.call("POST", post=base(action="options", token="+\\", change="x=1", **fmt)))
    out.append(anon.call("GET", base(action="options", change="x=1")))
    out.append(anon.call("GET", base(action="options", token="+\\", change="x=1")))
    c = _account(new, "Oerr")
    csrf = c.token("csrf")
    for fmt in FORMATS:
        out.append(c.call("POST", post=base(action="options", **fmt)))
        out.append(c.call("POST", post=base(action="options", token="bad", change="x=1", **fmt)))
        out.append(_options(c, fmt))
        out.append(_options(c, fmt, optionvalue="x"))
        out.append(_options(c, fmt, change="|".join(["userjs-a=1"] * 51)))
        out.append(_options(c, fmt, change="x=1", **{"global": "bogus"}))
        out.append(_options(c, fmt, resetkinds="bogus|userjs"))
        out.append(_options(c, fmt, reset="1", resetkinds="bogus"))
    out.append(c.call("GET", base(action="options", token=csrf, change="userjs-g=1")))
    out.append(c.call("POST", get=base(action="options", token=csrf), post={"change": "userjs-g=1"}))
    for value in ("ignore", "update", "override"):
        out.append(_options(c, change="userjs-g=1", **{"global": value}))
    out.append(_options(c, change="userjs-g=1", **{"assert": "bot"}))
    out.append(_options(c, change="userjs-g=1", **{"assert": "user"}))
    out.append(_options(c, change="userjs-g=1", **{"assert": "anon"}))
    out.append(_options(c, change="userjs-g=1", assertuser=U("Oerr")))
    out.append(_options(c, change="userjs-g=1", assertuser="Somebody else"))
    out.append(_options(c, change="userjs-g=1", bogusparam="1"))
    return out


@case
def options_bot_password_without_the_grant(new):
    c = new()
    c.call("POST", post=base(action="login", lgname="Admin@mwcheck", lgpassword="mwcheckbotpassword0123456789abcd",
                             lgtoken=c.token("login")))
    return [_options(c, fmt, change="userjs-x=1") for fmt in FORMATS[:7]]


@case
def options_shown_to_others(new):
    """Anonymous users see the defaults; a user's options are their own."""
    c = _account(new, "Oown")
    anon = new()
    return [
        _options(c, change="hideminor=1|userjs-own=1|language=de"),
        _shown(anon),
        _shown(anon, formatversion="2"),
        anon.call("GET", base(action="query", meta="siteinfo", siprop="defaultoptions")),
        anon.call("GET", base(action="query", meta="siteinfo", siprop="defaultoptions", formatversion="2")),
        _shown(c, uselang="de"),
    ]


@case
def options_requireemail_and_resetpassword(new):
    """1.43's requireemail: a password reset by name alone sends no mail (the mails are compared)."""
    c = _account(new, "Oreq", email=f"oreq{SUFFIX}@example.org", realname="R")
    out = [_options(c, change="requireemail=1"), _shown(c)]
    admin = new()
    login(admin, "Admin", "Adminpass-12345")
    for params in ({"user": U("Oreq")}, {"email": f"oreq{SUFFIX}@example.org"},
                   {"user": U("Oreq"), "email": f"oreq{SUFFIX}@example.org"}):
        out.append(admin.call("POST", post=base(action="resetpassword", token=admin.token("csrf"), **params)))
    out.append(_options(c, change="requireemail=bogus"))
    out.append(_options(c, change="requireemail=0"))
    out.append(_shown(c))
    return out


@case
def options_language_speaks(new):
    """The user's language option is the language uselang=user (the default) means."""
    c = _account(new, "Olng")
    change = "foo=1|rclimit=0|userjs-a b=1|realname=x|timecorrection=x|userjs-l=" + "a" * 65531
    out = []
    for language in ("de", "fr", "da", "en"):
        out.append(_options(c, change=f"language={language}"))
        for fmt in ({"errorformat": "plaintext"}, {"errorformat": "html"}, {"errorformat": "raw"}, {},
                    {"errorformat": "plaintext", "uselang": "content"},
                    {"errorformat": "plaintext", "uselang": "user"},
                    {"errorformat": "plaintext", "errorlang": "en"}):
            out.append(_options(c, fmt, change=change))
        out.append(_options(c, {"errorformat": "plaintext"}))
        out.append(_options(c, {"errorformat": "plaintext"}, optionvalue="x"))
        out.append(c.call("GET", base(action="query", meta="tokens", type="bogus", errorformat="plaintext")))
        out.append(c.call("GET", base(action="query", meta="tokens", type="bogus", errorformat="plaintext",
                                      callback="cb")))
    return out


@case
def options_blocked_user(new):
    """A block does not take away a user's own preferences (sitewide and partial, with and without
    the user talk page)."""
    c = _account(new, "Oblk")
    admin = new()
    login(admin, "Admin", "Adminpass-12345")
    out = [admin.call("POST", post=base(action="block", user=U("Oblk"), token=admin.token("csrf"), expiry="1 hour",
                                        allowusertalk="1", formatversion="2"))]
    out = [(s, e, ck, re.sub(r'"id":\d+', '"id":N', b)) for (s, e, ck, b) in out]
    out.append(_options(c, change="hideminor=1|userjs-blocked=1"))
    out.append(_options(c, reset="1"))
    out.append(_shown(c))
    return out
