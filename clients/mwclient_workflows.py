"""The account workflows as mwclient's users write them (scripts/client-matrix.py runs this; see common.py).

mwclient wraps site set-up, login (action=login, meant for bot passwords), clientlogin, tokens (get_token) and
users/allusers; everything else goes through its generic site.api()/site.post(), as its documentation shows.
"""
import urllib.parse

import mwclient
import mwclient.errors

from common import Run, temporary_password, mails, token_shape

run = Run("mwclient", mwclient.__version__)
T = run.target
api = urllib.parse.urlsplit(T["api"])
ADMIN, ADMIN_PASSWORD = T["admin"]
BOT, BOT_PASSWORD = T["bot"]


def describe(e):
    if isinstance(e, mwclient.errors.LoginError):
        return f"exception:LoginError({e.code})"
    if isinstance(e, mwclient.errors.APIError):
        return f"exception:APIError({e.code})"
    return f"exception:{type(e).__name__}"


def site():
    path = api.path.rsplit("api.php", 1)[0]
    return mwclient.Site(api.netloc, path=path, scheme=api.scheme, clients_useragent="mwcheck-client-matrix")


def step(name, fn):
    return run.step(name, fn, describe)


def createaccount(s, token, **fields):
    r = s.post("createaccount", createtoken=token, createreturnurl=f"{api.scheme}://{api.netloc}/", **fields)
    c = r["createaccount"]
    if c["status"] == "PASS":
        return "pass", {"username": c["username"]}
    return f"fail:{c['messagecode']}", {"status": c["status"]}


# --- site set-up
run.workflow = "site"
state = {}
step("Site()", lambda: (state.__setitem__("s", site()), {
    "version": list(state["s"].version[:2]), "logged_in": state["s"].logged_in,
    "writeapi": "writeapi" in state["s"].rights})[1])
step("users(['Admin'])", lambda: {"groups": sorted(next(iter(state["s"].users([ADMIN])))["groups"])})
step("allusers(prefix='Admin')", lambda: {"names": [u["name"] for u in state["s"].allusers(prefix=ADMIN, max_items=5)]})

# --- tokens
run.workflow = "tokens"
s = site()
step("get_token('login')", lambda: {"shape": token_shape(s.get_token("login"))})
step("get_token('csrf') anonymous", lambda: {"shape": token_shape(s.get_token("csrf"))})
step("api query meta=tokens type=createaccount", lambda: {
    "shape": token_shape(s.api("query", meta="tokens", type="createaccount")["query"]["tokens"]["createaccounttoken"])})
step("get_token('nosuchtype', force=True)", lambda: s.get_token("nosuchtype", force=True) and {})

# --- login with the main password: clientlogin
run.workflow = "login-main"
s = site()
step("clientlogin(username, password)", lambda: {"returned": s.clientlogin(username=ADMIN, password=ADMIN_PASSWORD)})
step("site_init() after", lambda: (s.site_init(), {"logged_in": s.logged_in, "user": s.username})[1])
s = site()
step("clientlogin wrong password", lambda: s.clientlogin(username=ADMIN, password="wrong-password-1"))
step("login(main password) via action=login", lambda: (s.login(ADMIN, ADMIN_PASSWORD),
                                                       {"logged_in": s.logged_in})[1])
s = site()
step("login(unknown user)", lambda: s.login(run.user("Nosuchuser"), "whatever-12345"))

# --- login with a bot password: login
run.workflow = "login-bot"
s = site()
step("login(bot password)", lambda: (s.login(BOT, BOT_PASSWORD), {"logged_in": s.logged_in,
                                                                 "user": s.username})[1])
step("get_token('csrf') logged in", lambda: {"shape": token_shape(s.get_token("csrf"))})
s = site()
step("login(bot, wrong password)", lambda: s.login(BOT, "0123456789abcdef0123456789abcdef"))
s = site()
step("login(bot) then login(bot) again", lambda: (s.login(BOT, BOT_PASSWORD), s.login(BOT, BOT_PASSWORD), {})[2])

# --- account creation by a logged-in user
run.workflow = "createaccount"
s = site()
step("set-up: clientlogin as admin", lambda: (s.clientlogin(username=ADMIN, password=ADMIN_PASSWORD), s.site_init(),
                                              {})[2])
step("get_token('createaccount') is a csrf token, refused", lambda: createaccount(
    s, s.get_token("createaccount"), username=run.user("Mwcbadtoken"), password="Good-pass-12345",
    retype="Good-pass-12345", reason="mwclient"))


def createtoken():
    return s.api("query", meta="tokens", type="createaccount")["query"]["tokens"]["createaccounttoken"]


step("createaccount PASS", lambda: createaccount(s, createtoken(), username=run.user("Mwcnew"),
                                                 password="Good-pass-12345", retype="Good-pass-12345",
                                                 email="mwc@example.org", realname="", reason="mwclient"))
step("createaccount PASS (for preferences)", lambda: createaccount(
    s, createtoken(), username=run.user("Mwcprefs"), password="Good-pass-12345", retype="Good-pass-12345"))
step("createaccount badretype", lambda: createaccount(s, createtoken(), username=run.user("Mwcretype"),
                                                      password="Good-pass-12345", retype="Other-pass-12345"))
step("createaccount userexists", lambda: createaccount(s, createtoken(), username=run.user("Mwcnew"),
                                                       password="Good-pass-12345", retype="Good-pass-12345"))
step("createaccount password policy (short)", lambda: createaccount(
    s, createtoken(), username=run.user("Mwcshort"), password="abc", retype="abc"))
step("createaccount password = user name", lambda: createaccount(
    s, createtoken(), username=run.user("Mwcsame"), password=run.user("Mwcsame"), retype=run.user("Mwcsame")))
step("createaccount without createtoken", lambda: s.post("createaccount", username=run.user("Mwcnotoken"),
                                                         password="Good-pass-12345", retype="Good-pass-12345",
                                                         createreturnurl="http://127.0.0.1/"))
step("users([new]) after", lambda: {"users": [
    {"name": u["name"], "missing": "missing" in u} for u in s.users([run.user("Mwcnew"), run.user("Mwcshort")])]})

# --- validatepassword
run.workflow = "validatepassword"
s = site()
for label, kwargs in [("anonymous good", {"password": "Good-pass-12345", "user": run.user("Mwcvalid")}),
                      ("anonymous short", {"password": "abc"}),
                      ("anonymous common", {"password": "password"})]:
    step(f"validatepassword {label}", lambda k=kwargs: {
        "validity": s.post("validatepassword", **k)["validatepassword"]["validity"]})
step("set-up: clientlogin as admin", lambda: {"returned": s.clientlogin(username=ADMIN, password=ADMIN_PASSWORD)})
step("validatepassword logged in, own name", lambda: {
    "validity": s.post("validatepassword", password=ADMIN)["validatepassword"]["validity"]})

# --- resetpassword and the mailed temporary password
run.workflow = "resetpassword"
s = site()
reset_user = run.user("Mwcnew")
before = len(mails(T))
step("resetpassword (anonymous, user)", lambda: {
    "status": s.post("resetpassword", user=reset_user, token=s.get_token("csrf"))["resetpassword"]["status"]})
temp = {}
step("temporary password mailed", lambda: (temp.__setitem__("p", temporary_password(T, before, "mwc@example.org")),
                                           {"found": True})[1])
s = site()
step("clientlogin with the temporary password", lambda: (
    lambda r: {"status": r["status"] if r is not True else "PASS",
               "fields": sorted(f for q in r.get("requests", []) for f in q.get("fields", {}))}
    if r is not True else {"status": "PASS"})(s.clientlogin(username=reset_user, password=temp["p"])))
step("clientlogin logincontinue new password", lambda: {"returned": s.clientlogin(
    logincontinue=1, password="Newer-pass-12345", retype="Newer-pass-12345")})
s = site()
step("clientlogin with the new password", lambda: {"returned": s.clientlogin(username=reset_user,
                                                                                password="Newer-pass-12345")})
step("resetpassword unknown user", lambda: s.post("resetpassword", user=run.user("Nosuchuser"),
                                                  token=s.get_token("csrf")))

# --- preferences
run.workflow = "preferences"
s = site()
step("set-up: clientlogin as a new account", lambda: {"returned": s.clientlogin(
    username=run.user("Mwcprefs"), password="Good-pass-12345")})


def options():
    return s.api("query", meta="userinfo", uiprop="options")["query"]["userinfo"]["options"]


step("userinfo uiprop=options", lambda: {k: options().get(k) for k in ("skin", "gender", "language", "date")})
step("options change gender=female", lambda: s.post("options", change="gender=female",
                                                     token=s.get_token("csrf")))
step("options optionname/optionvalue userjs", lambda: s.post("options", optionname="userjs-mwcheck",
                                                              optionvalue="x", token=s.get_token("csrf")))
step("options read back", lambda: {k: options().get(k) for k in ("gender", "userjs-mwcheck")})
step("options bad value", lambda: s.post("options", change="gender=nonsense", token=s.get_token("csrf")))
step("options reset", lambda: s.post("options", reset=1, token=s.get_token("csrf")))
step("options after reset", lambda: {k: options().get(k) for k in ("gender", "userjs-mwcheck")})

# --- logout
run.workflow = "logout"
s = site()
step("set-up: login(bot password)", lambda: s.login(BOT, BOT_PASSWORD) or {})
step("logout", lambda: s.post("logout", token=s.get_token("csrf")))
step("userinfo after", lambda: {"anon": "anon" in s.api("query", meta="userinfo")["query"]["userinfo"]})
step("get_token('csrf', force=True) after", lambda: {"shape": token_shape(s.get_token("csrf", force=True))})
step("logout with a stale token", lambda: s.post("logout", token="0123456789abcdef0123456789abcdef+\\"))

# --- errors as the library raises them
run.workflow = "errors"
s = site()
step("unknown action", lambda: s.api("nosuchaction"))
step("createaccount badtoken", lambda: s.post("createaccount", createtoken="bad+\\", username=run.user("Mwcx"),
                                              password="Good-pass-12345", retype="Good-pass-12345",
                                              createreturnurl="http://127.0.0.1/"))
step("assert=user anonymous", lambda: s.api("query", meta="userinfo", **{"assert": "user"}))
step("missing parameter", lambda: s.post("validatepassword"))

run.finish()
