"""The account workflows as Pywikibot's users write them (scripts/client-matrix.py runs this; see common.py).

The wiki is an AutoFamily of its api.php URL; user names and passwords come from Pywikibot's own configuration
(config.usernames and a password_file, with BotPassword for the bot password), as a user-config.py would set them,
and site.login() logs in: with a main password through action=clientlogin, with a bot password through action=login.
Pywikibot has no wrapper for createaccount, validatepassword, resetpassword or options: those go through
site.simple_request(...).submit(), its generic request, with tokens from site.tokens.
Run with PYWIKIBOT_NO_USER_CONFIG=1 and PYWIKIBOT_DIR set to a scratch folder (the driver does).
"""
import os

import pywikibot
from pywikibot import config
from pywikibot.exceptions import APIError
from pywikibot.family import AutoFamily
from pywikibot.login import LoginStatus

from common import Run, mails, temporary_password, token_shape

run = Run("pywikibot", pywikibot.__version__)
T = run.target
ADMIN, ADMIN_PASSWORD = T["admin"]
BOT, BOT_PASSWORD = T["bot"]
FAMILY = AutoFamily("mwcheck", T["api"])
config.put_throttle = 0
config.max_retries = 0
config.retry_wait = 1
config.family, config.mylang = "mwcheck", "mwcheck"
PASSWORDS = os.path.join(os.environ["PYWIKIBOT_DIR"], "passwords.py")


def describe(e):
    if isinstance(e, APIError):
        return f"exception:{type(e).__name__}({e.code})"
    return f"exception:{type(e).__name__}"


def step(name, fn):
    return run.step(name, fn, describe)


def site(user=None, password=None, bot=None):
    """A Site whose user-config names `user`, with `password` (or the bot password `bot`) in the password file."""
    with open(PASSWORDS, "w", encoding="utf-8") as f:
        if password is not None:
            f.write(f"({user!r}, {password!r})\n")
        if bot is not None:
            f.write(f"({user!r}, BotPassword({bot[0]!r}, {bot[1]!r}))\n")
    os.chmod(PASSWORDS, 0o600)
    config.password_file = PASSWORDS
    config.usernames["mwcheck"]["mwcheck"] = user
    for name in os.listdir(config.base_dir):
        if name.startswith("pywikibot-") and name.endswith(".lwp"):  # the cookies of past logins
            os.remove(os.path.join(config.base_dir, name))
    pywikibot._sites.clear()
    pywikibot.data.api._invalidate_superior_cookies(FAMILY)
    pywikibot.comms.http.cookie_jar.clear()
    return pywikibot.Site("mwcheck", FAMILY, user=user)


def request(s, **params):
    return s.simple_request(**params).submit()


def createaccount(s, **fields):
    r = request(s, action="createaccount", createtoken=s.tokens["createaccount"],
                createreturnurl="http://127.0.0.1/", **fields)["createaccount"]
    if r["status"] == "PASS":
        return "pass", {"username": r["username"]}
    return f"fail:{r['messagecode']}", {"status": r["status"]}


def login_state(s):
    return {"logged_in": s.logged_in(), "status": LoginStatus(s._loginstatus).name, "user": s.user()}


# --- site set-up
run.workflow = "site"
s = site()
step("Site(code, AutoFamily)", lambda: {"version": s.mw_version.version[:2], "sitename": s.siteinfo["sitename"]})
step("siteinfo namespaces", lambda: {"namespaces": sorted(s.namespaces)})
step("userinfo anonymous", lambda: {"anon": "anon" in s.userinfo, "rights": "writeapi" in s.userinfo["rights"]})
step("allusers(start='Admin', total=1)", lambda: {"names": [u["name"] for u in s.allusers(start=ADMIN, total=1)]})
step("users(['Admin'])", lambda: {"groups": sorted(next(iter(s.users([ADMIN])))["groups"])})

# --- tokens
run.workflow = "tokens"
s = site()
step("tokens['login']", lambda: {"shape": token_shape(s.tokens["login"])})
step("tokens['csrf'] anonymous (the wallet logs in first)", lambda: {"shape": token_shape(s.tokens["csrf"])})
step("get_tokens(['csrf', 'createaccount', 'patrol'])", lambda: {
    k: token_shape(v) for k, v in s.get_tokens(["csrf", "createaccount", "patrol"]).items()})

# --- login with the main password: site.login() through clientlogin
run.workflow = "login-main"
s = site(ADMIN, ADMIN_PASSWORD)
step("site.login() main password", lambda: (s.login(), login_state(s))[1])
step("userinfo after", lambda: {"name": s.userinfo["name"], "groups": sorted(s.userinfo["groups"])})
s = site(ADMIN, "wrong-password-1")
step("site.login() wrong password", lambda: (s.login(), login_state(s))[1])
s = site(run.user("Nosuchuser"))
step("site.login() unknown user, no password (allusers check)", lambda: (s.login(), login_state(s))[1])

# --- login with a bot password: site.login() through action=login
run.workflow = "login-bot"
s = site(ADMIN, bot=BOT.split("@", 1)[1:] + [BOT_PASSWORD])
step("site.login() BotPassword", lambda: (s.login(), login_state(s))[1])
step("tokens['csrf'] logged in", lambda: {"shape": token_shape(s.tokens["csrf"])})
s = site(ADMIN, bot=[BOT.split("@", 1)[1], "0123456789abcdef0123456789abcdef"])
step("site.login() BotPassword wrong", lambda: (s.login(), login_state(s))[1])

# --- account creation by a logged-in user
run.workflow = "createaccount"
s = site(ADMIN, ADMIN_PASSWORD)
step("set-up: site.login() as admin", lambda: (s.login(), login_state(s))[1])
step("createaccount PASS", lambda: createaccount(s, username=run.user("Pwbnew"), password="Good-pass-12345",
                                                 retype="Good-pass-12345", email="pwb@example.org", realname="",
                                                 reason="pywikibot"))
step("createaccount PASS (for preferences)", lambda: createaccount(
    s, username=run.user("Pwbprefs"), password="Good-pass-12345", retype="Good-pass-12345"))
step("createaccount badretype", lambda: createaccount(s, username=run.user("Pwbretype"),
                                                      password="Good-pass-12345", retype="Other-pass-12345"))
step("createaccount userexists", lambda: createaccount(s, username=run.user("Pwbnew"),
                                                       password="Good-pass-12345", retype="Good-pass-12345"))
step("createaccount password policy (short)", lambda: createaccount(
    s, username=run.user("Pwbshort"), password="abc", retype="abc"))
step("createaccount common password", lambda: createaccount(
    s, username=run.user("Pwbcommon"), password="password", retype="password"))
step("createaccount badtoken", lambda: request(s, action="createaccount", createtoken="bad+\\",
                                               username=run.user("Pwbx"), password="Good-pass-12345",
                                               retype="Good-pass-12345", createreturnurl="http://127.0.0.1/"))
step("User(new).isRegistered()", lambda: {"new": pywikibot.User(s, run.user("Pwbnew")).isRegistered(),
                                          "short": pywikibot.User(s, run.user("Pwbshort")).isRegistered()})

# --- validatepassword
run.workflow = "validatepassword"
s = site()
for label, kwargs in [("anonymous good", {"password": "Good-pass-12345", "user": run.user("Pwbvalid")}),
                      ("anonymous short", {"password": "abc"}),
                      ("anonymous common", {"password": "password"})]:
    step(f"validatepassword {label}", lambda k=kwargs: {
        "validity": request(s, action="validatepassword", **k)["validatepassword"]["validity"]})

# --- resetpassword and the mailed temporary password
run.workflow = "resetpassword"
s = site()
reset_user = run.user("Pwbnew")
step("resetpassword anonymous (Pywikibot refuses a write as an IP)", lambda: request(
    s, action="resetpassword", user=reset_user, token=s.get_tokens(["csrf"])["csrf"]))
s = site(ADMIN, ADMIN_PASSWORD)
step("set-up: site.login() as admin", lambda: (s.login(), login_state(s))[1])
before = len(mails(T))
step("resetpassword (logged in, user)", lambda: {"status": request(
    s, action="resetpassword", user=reset_user, token=s.tokens["csrf"])["resetpassword"]["status"]})
temp = {}
step("temporary password mailed", lambda: (temp.__setitem__("p", temporary_password(T, before, "pwb@example.org")),
                                           {"found": True})[1])
s = site(reset_user, temp.get("p", "none"))
step("site.login() with the temporary password", lambda: (s.login(), login_state(s))[1])

# --- preferences
run.workflow = "preferences"
s = site(run.user("Pwbprefs"), "Good-pass-12345")
step("set-up: site.login() as a new account", lambda: (s.login(), login_state(s))[1])
step("get_searched_namespaces() (uiprop=options)", lambda: {"namespaces": sorted(
    ns.id for ns in s.get_searched_namespaces(force=True))})


def options():
    return request(s, action="query", meta="userinfo", uiprop="options")["query"]["userinfo"]["options"]


step("options change searchNs1=1|gender=male", lambda: request(
    s, action="options", change="searchNs1=1|gender=male", token=s.tokens["csrf"]))
step("get_searched_namespaces(force=True) after", lambda: {"namespaces": sorted(
    ns.id for ns in s.get_searched_namespaces(force=True))})
step("options read back", lambda: {k: options().get(k) for k in ("gender", "searchNs1")})
step("options resetkinds=all", lambda: request(s, action="options", reset=1, resetkinds="all",
                                                token=s.tokens["csrf"]))
step("options after reset", lambda: {k: options().get(k) for k in ("gender", "searchNs1")})

# --- logout
run.workflow = "logout"
s = site(ADMIN, bot=[BOT.split("@", 1)[1], BOT_PASSWORD])
step("set-up: site.login() BotPassword", lambda: (s.login(), login_state(s))[1])
step("site.logout()", lambda: (s.logout(), login_state(s))[1])
step("userinfo after", lambda: {"anon": "anon" in s.userinfo})
step("tokens['csrf'] after", lambda: {"shape": token_shape(s.tokens["csrf"])})

# --- errors as the library raises them
run.workflow = "errors"
s = site()
step("unknown action", lambda: request(s, action="nosuchaction"))
step("assert=user anonymous", lambda: request(s, action="query", meta="userinfo", **{"assert": "user"}))
step("missing parameter", lambda: request(s, action="validatepassword"))
step("resetpassword badtoken", lambda: request(s, action="resetpassword", user=ADMIN, token="bad+\\"))

run.finish()
