"""Differential cases for what the client libraries of the client matrix (scripts/client-matrix.py) ask a wiki
beyond the account modules themselves, as recorded from their traffic against real 1.43 and 1.39
(scripts/record-proxy.py): paraminfo of main/paraminfo/query (Pywikibot's first request after siteinfo), the
combined meta=tokens|siteinfo|userinfo of mwn, mwclient's site set-up query, maxlag and assert on requests, and
the logout of a bot-password session (Pywikibot, mwclient and mwn log in with bot passwords)."""
from mwdiff import CASES, Client, base, case, simple  # noqa: F401

BOT_USER, BOT_PW = "Admin@mwcheck", "mwcheckbotpassword0123456789abcd"

# paraminfo of the modules that list every other module, in each format and format version.
for fv in ("1", "2"):
    for fmt in ("json", "xml", "php"):
        simple(f"clients-paraminfo-main-paraminfo-query-{fmt}-{fv}", "POST", None,
               {"action": "paraminfo", "modules": "main|paraminfo|query", "format": fmt, "formatversion": fv})
for modules in ("main", "query", "paraminfo", "query|main|query", "main|login|query+tokens", "main+action",
                "query+nosuch|main"):
    simple(f"clients-paraminfo-{modules}", "GET", base(action="paraminfo", modules=modules))

# What the libraries send on set-up, anonymously.
simple("clients-mwclient-site-init", "GET",
       base(action="query", meta="siteinfo|userinfo|userinfo", siprop="general|namespaces",
            uiprop="groups|rights|blockinfo|hasmsg", **{"continue": ""}))
simple("clients-pywikibot-site-init", "POST", None,
       base(action="query", meta="siteinfo|userinfo", siprop="namespaces|namespacealiases|general",
            formatversion="2", uiprop="blockinfo|hasmsg"))
simple("clients-mwn-tokens-siteinfo-userinfo", "GET",
       base(action="query", meta="tokens|siteinfo|userinfo", formatversion="2",
            type="csrf|createaccount|login|patrol|rollback|userrights|watch",
            siprop="general|namespaces|namespacealiases", uiprop="rights"))
simple("clients-mwn-maxlag", "GET", base(action="query", meta="siteinfo", formatversion="2", maxlag="5"))
simple("clients-pywikibot-maxlag-negative", "GET", base(action="query", meta="userinfo", maxlag="-1"))
simple("clients-assert-user-anonymous", "GET", base(action="query", meta="userinfo", **{"assert": "user"}))
simple("clients-assert-anon-anonymous", "GET", base(action="query", meta="userinfo", **{"assert": "anon"}))
simple("clients-mwn-paraminfo-tokentype", "POST", None,
       base(action="paraminfo", modules="createaccount|resetpassword", formatversion="2", maxlag="5"))


def bot_login(c):
    token = c.token("login")
    return c.call("POST", post=base(action="login", lgname=BOT_USER, lgpassword=BOT_PW, lgtoken=token))


@case
def clients_bot_password_logout(new):
    """A bot-password session's logout deletes its BPsession cookie alone; afterwards the client is anonymous."""
    c = new()
    out = [bot_login(c)]
    out.append(c.call("GET", base(action="query", meta="userinfo", **{"assert": "user"})))
    out.append(c.call("POST", post=base(action="logout", token=c.token("csrf"))))
    out.append(c.call("GET", base(action="query", meta="userinfo")))
    out.append(c.call("GET", base(action="query", meta="userinfo", **{"assert": "user"})))
    return out


@case
def clients_main_then_bot_password_logout(new):
    """Logged in with the main password, then with a bot password on top: logout ends the bot session only."""
    c = new()
    token = c.token("login")
    out = [c.call("POST", post=base(action="login", lgname="Admin", lgpassword="Adminpass-12345", lgtoken=token))]
    out.append(bot_login(c))
    out.append(c.call("POST", post=base(action="logout", token=c.token("csrf"))))
    out.append(c.call("GET", base(action="query", meta="userinfo")))
    out.append(c.call("POST", post=base(action="logout", token=c.token("csrf"))))
    out.append(c.call("GET", base(action="query", meta="userinfo")))
    return out
