"""Differential cases for list=allusers and list=users (imported by scripts/diff_mock_vs_real.py).

The wikis compared may have served many requests before, so every list is narrowed to accounts the case
makes itself (names with SUFFIX, selected by prefix or by name), or to accounts every wiki has the same
(the installer's Admin and its system user "MediaWiki default"); what still depends on the wiki's history
(registration times, central ids) is normalised here."""
import json
import re

from mwdiff import SUFFIX, U, base, case, create, login, simple


def settle(responses):
    """Registration times and central ids differ between two wikis; the rest must not."""
    out = []
    for status, err, cookies, body in responses:
        body = re.sub(r'"registration":"[^"]*"', '"registration":"ISO"', body)
        body = re.sub(r'"centralids":\{"local":\d+\}', '"centralids":{"local":N}', body)
        body = re.sub(r'registration="[^"]*"', 'registration="ISO"', body)
        body = re.sub(r'<centralids local="\d+" />', '<centralids local="N" />', body)
        body = re.sub(r's:6:"userid";i:\d+;', 's:6:"userid";i:N;', body)
        body = re.sub(r's:8:"centralids";a:1:\{s:5:"local";i:\d+;\}', 's:8:"centralids";a:1:{s:5:"local";i:N;}', body)
        body = re.sub(r'"userid":\d+', '"userid":N', body)
        out.append((status, err, cookies, body))
    return out


ALL_AU = "blockinfo|groups|implicitgroups|rights|editcount|registration|centralids"
ALL_US = "blockinfo|groups|groupmemberships|implicitgroups|rights|editcount|registration|emailable|gender|centralids|cancreate"

# Parameter errors and warnings that need no account, in every error format.
for fv in ("1", "2"):
    for ef in ("bc", "plaintext", "raw", "html"):
        for name, extra in (
            ("limit0", {"aulimit": "0", "auprefix": "Nobody" + SUFFIX}),
            ("limit501", {"aulimit": "501", "auprefix": "Nobody" + SUFFIX}),
            ("limitbad", {"aulimit": "1.5"}),
            ("limitempty", {"aulimit": ""}),
            ("limitoverflow", {"aulimit": "99999999999999999999"}),
            ("dir", {"audir": "sideways"}),
            ("mix", {"augroup": "sysop", "auexcludegroup": "bot"}),
            ("rightsmix", {"aurights": "block", "auexcludegroup": "bot"}),
            ("unknowns", {"augroup": "bogus", "aurights": "nope", "auprop": "zz|groups", "auprefix": "Nobody" + SUFFIX}),
            ("badcontinue", {"continue": "garbage"}),
            ("tempfilters", {"auexcludenamed": "1", "auexcludetemp": "1", "auprefix": "Nobody" + SUFFIX}),
        ):
            simple(f"allusers-{name}-{fv}-{ef}", "GET",
                   base(action="query", list="allusers", formatversion=fv, errorformat=ef, **extra))
        for module in ("allusers", "users", "userinfo"):
            simple(f"generator-{module}-{fv}-{ef}", "GET",
                   base(action="query", generator=module, formatversion=fv, errorformat=ef))
        simple(f"users-mix-{fv}-{ef}", "GET",
               base(action="query", list="users", ususers="Admin", ususerids="1", formatversion=fv, errorformat=ef))
        simple(f"users-badid-{fv}-{ef}", "GET",
               base(action="query", list="users", ususerids="1|x", formatversion=fv, errorformat=ef))
        simple(f"users-names-{fv}-{ef}", "GET",
               base(action="query", list="users", usprop="cancreate|bogus", formatversion=fv, errorformat=ef,
                    ususers=f"Nobody{SUFFIX}|Bad#name|127.0.0.1|1.2.3.0/24|A={SUFFIX}|A~{SUFFIX}|~{SUFFIX}|"
                            f"Foo@{SUFFIX}|nobody{SUFFIX}||Nobody_{SUFFIX}"))
        simple(f"users-token-{fv}-{ef}", "GET",
               base(action="query", list="users", ususers="Nobody" + SUFFIX, ustoken="userrights",
                    formatversion=fv, errorformat=ef))
    simple(f"paraminfo-lists-{fv}", "GET",
           base(action="paraminfo", modules="query+allusers|query+users|query+allusers+x|query+nosuch", formatversion=fv))
    simple(f"paraminfo-lists-xml-{fv}", "GET", base(action="paraminfo", modules="query+users|query+allusers", format="xml"))
    simple(f"allusers-norights-{fv}", "GET", base(action="query", list="allusers", aurights="hideuser", auprefix="Nobody" + SUFFIX, formatversion=fv))
    simple(f"allusers-norights-xml-{fv}", "GET", base(action="query", list="allusers", aurights="hideuser", auprefix="Nobody" + SUFFIX, format="xml"))
    simple(f"users-none-{fv}", "GET", base(action="query", list="users", formatversion=fv))
    simple(f"allusers-skipped-{fv}", "GET",
           base(action="query", list="allusers|users", ususers="Admin", auprefix="Zz", **{"continue": "-||allusers"},
                formatversion=fv))


@case
def allusers_own_accounts(new):
    """Two accounts sharing a prefix: properties, ranges, directions, continuation, limits and filters."""
    c = new()
    first = U("au")
    second = first + " 2"
    out = [create(c, first), create(c, second)]
    q = lambda **kw: c.call("GET", base(action="query", list="allusers", auprefix=first, **kw))  # noqa: E731
    for fv in ("1", "2"):
        out.append(q(auprop=ALL_AU, formatversion=fv))
        out.append(q(aulimit="1", formatversion=fv))
        out.append(q(aulimit="1", aufrom=second, formatversion=fv))
        out.append(q(aulimit="1", **{"continue": "-||"}, aufrom=second, formatversion=fv))
        out.append(q(aulimit="1", rawcontinue="1", formatversion=fv))
        out.append(q(aulimit="max", formatversion=fv))
        out.append(q(aulimit="max", rawcontinue="1", auprop="zz", formatversion=fv))
        out.append(q(aulimit="0", auprop="zz", rawcontinue="1", formatversion=fv))
        out.append(q(audir="descending", formatversion=fv))
        out.append(q(auwitheditsonly="1", formatversion=fv))
        out.append(q(auactiveusers="1", formatversion=fv))
        out.append(q(augroup="sysop", formatversion=fv))
        out.append(q(auexcludegroup="sysop|bot", formatversion=fv))
        out.append(q(aurights="read", formatversion=fv))
        out.append(q(aurights="purge", formatversion=fv))
        out.append(q(aurights="autoconfirmed", formatversion=fv))
        out.append(q(augroup="", formatversion=fv))
        out.append(q(auprop="centralids", auattachedwiki="my_wiki", formatversion=fv))
        out.append(q(auprop="centralids", auattachedwiki="elsewhere", formatversion=fv))
        out.append(q(auprop=ALL_AU, format="xml"))
        out.append(q(auprop="groups", format="php", formatversion=fv))
    low = first[0].lower() + first[1:]
    out.append(c.call("GET", base(action="query", list="allusers", aufrom=low.replace(" ", "_"), auto=second.replace(" ", "_"),
                                  formatversion="2")))
    out.append(c.call("GET", base(action="query", list="allusers", audir="descending", aufrom=second, auto=first,
                                  formatversion="2")))
    out.append(c.call("GET", base(action="query", list="allusers", aufrom=second, auto=first, formatversion="2")))
    out.append(c.call("GET", base(action="query", list="users|allusers", meta="userinfo", ususers=first,
                                  auprefix=first, aulimit="1", formatversion="2")))
    out.append(c.call("GET", base(action="query", list="allusers|users", ususers=first, auprefix=first, aulimit="1",
                                  **{"continue": "-||users"}, aufrom=second, formatversion="2")))
    return settle(out)


@case
def users_own_accounts(new):
    c = new()
    name = U("us")
    out = [create(c, name, email=f"{name.lower()}@example.org")]
    uid = json.loads(c.call("GET", base(action="query", list="users", ususers=name, formatversion="2"))[3])["query"]["users"][0]["userid"]
    for fv in ("1", "2"):
        out.append(c.call("GET", base(action="query", list="users", ususers=f"{name}|Nobody{SUFFIX}|{name.lower()}",
                                      usprop=ALL_US, formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="users", ususerids=f"{uid}|0|-3|{uid}", usprop=ALL_US,
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="users", ususers=name, usprop="centralids",
                                      usattachedwiki="my_wiki", formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="users", ususers=name, usprop=ALL_US, format="xml")))
    for ef in ("bc", "plaintext", "raw", "html", "none"):
        out.append(c.call("GET", base(action="query", list="users", ususers=f"Foo@{SUFFIX}|A={SUFFIX}", usprop="cancreate",
                                      errorformat=ef, formatversion="2")))
    return settle(out)


@case
def users_installer_accounts(new):
    """Admin (user 1) and the installer's system user (user 2, the Main Page's one edit), as every wiki has them."""
    c = new()
    out = []
    for fv in ("1", "2"):
        out.append(c.call("GET", base(action="query", list="users", ususers="MediaWiki default|Admin",
                                      usprop="groups|groupmemberships|implicitgroups|rights|registration|emailable|gender|cancreate",
                                      formatversion=fv)))
        # Admin's edit count grows on a wiki in use; the system user's stays the installer's one edit.
        out.append(c.call("GET", base(action="query", list="users", ususerids="2|1", usprop="centralids", formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="users", ususerids="2", usprop="editcount", formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", aufrom="Admin", auto="Admin", auprop=ALL_AU.replace("editcount|", ""),
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", aufrom="MediaWiki default", auto="MediaWiki default",
                                      auprop="editcount|groups|rights", auwitheditsonly="1", formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", aufrom="Admin", auto="Admin", augroup="sysop",
                                      aurights="block", formatversion=fv)))
    return settle(out)


@case
def allusers_blocked_and_high_limits(new):
    """As the administrator: apihighlimits' maximum, and a block's details in both lists."""
    c = new()
    name = U("ub")
    out = [create(c, name)]
    login(c, "Admin", "Adminpass-12345")
    csrf = c.token("csrf")
    out.append(c.call("POST", post=base(action="block", user=name, expiry="infinite", reason="diff", nocreate="1",
                                        token=csrf)))
    for fv in ("1", "2"):
        out.append(c.call("GET", base(action="query", list="allusers", auprefix=name, aulimit="max", auprop="blockinfo",
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", auprefix=name, aulimit="6000", formatversion=fv,
                                      errorformat="raw")))
        out.append(c.call("GET", base(action="query", list="users", ususers=name, usprop="blockinfo|cancreate",
                                      formatversion=fv)))
    return settle(out)


@case
def user_lists_in_a_bot_password_session(new):
    """A bot password's session (grant `basic`): no apihighlimits, and every account listed shows only the rights
    the session's grants allow, in both lists."""
    c = new()
    out = [c.call("POST", post=base(action="login", lgname="Admin@mwcheck", lgpassword="mwcheckbotpassword0123456789abcd",
                                    lgtoken=c.token("login")))]
    for fv in ("1", "2"):
        out.append(c.call("GET", base(action="query", list="allusers", aulimit="max", auprefix="Nobody" + SUFFIX,
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", aulimit="600", auprefix="Nobody" + SUFFIX,
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="users", ususers="Admin|MediaWiki default", usprop="rights",
                                      formatversion=fv)))
        out.append(c.call("GET", base(action="query", list="allusers", aufrom="Admin", auto="Admin", auprop="rights|groups",
                                      formatversion=fv)))
    return settle(out)
