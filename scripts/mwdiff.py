"""What scripts/diff_mock_vs_real.py builds its cases from: a cookie-keeping client per actor, the
normalisation of what legitimately differs between two wikis (tokens, timestamps, the server address,
the random part of generated names), request helpers and the case registry."""
import http.cookiejar
import json
import os
import random
import re
import string
import sys
import urllib.error
import urllib.parse
import urllib.request

SUFFIX = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))


def U(tag):
    """A fresh user name, the same on both wikis."""
    return f"Dm{tag}{SUFFIX}"


PW = "Secret-pass-" + SUFFIX


class Client:
    def __init__(self, api):
        self.api = api
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, get=None, post=None, headers=None):
        url = self.api
        if get:
            url += "?" + urllib.parse.urlencode(get)
        data = None
        hdrs = {"User-Agent": "mwcheck-diff"}
        if post is not None:
            data = urllib.parse.urlencode(post).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        hdrs.update(headers or {})
        req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
        try:
            resp = self.opener.open(req)
        except urllib.error.HTTPError as e:
            resp = e
        body = resp.read().decode("utf-8", "replace")
        cookies = sorted({c.split("=", 1)[0] for c in resp.headers.get_all("Set-Cookie") or []})
        return resp.status, resp.headers.get("MediaWiki-API-Error"), cookies, body

    def token(self, ty):
        _, _, _, body = self.call("GET", {"action": "query", "meta": "tokens", "type": ty, "format": "json"})
        return json.loads(body)["query"]["tokens"][ty + "token"]


def normalise(text, api):
    server = api.rsplit("/api.php", 1)[0]
    text = text.replace(server, "SERVER").replace(server.replace("/", "\\/"), "SERVER")
    text = re.sub(r"[0-9a-f]{32}[0-9a-f]{8}\+\\\\", "TOKEN", text)
    text = re.sub(r"[0-9a-f]{32}[0-9a-f]{8}\+\\", "TOKEN", text)  # format=xml: no JSON escaping
    text = re.sub(r'id="\d+" name="Dm', 'id="N" name="Dm', text)
    text = text.replace(SUFFIX, "SUFFIX")
    text = re.sub(r'"registrationdate":"[^"]*"', '"registrationdate":"DATE"', text)
    text = re.sub(r'"id":\d+,"name":"Dm', '"id":N,"name":"Dm', text)
    text = re.sub(r'"lguserid":\d+,"lgusername":"Dm', '"lguserid":N,"lgusername":"Dm', text)
    # Blocks: start and end times, ids of blocks and of their targets.
    text = re.sub(r'"(blockedtimestamp|blockexpiry|expiry|generated)":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', r'"\1":"ISO"', text)
    text = re.sub(r"\d\d:\d\d, \d{1,2} [A-Z][a-z]+ \d{4}", "HDATE", text)
    text = re.sub(r'"(blockid|userID|userid)":\d+', r'"\1":N', text)
    text = re.sub(r'("expiry":"[^"]*","id":)\d+', r"\1N", text)
    text = re.sub(r"block ID is #\d+", "block ID is #N", text)
    text = re.sub(r"Block ID #\d+", "Block ID #N", text)  # 1.43's blockedtext
    text = re.sub(r'("127\.0\.0\.1","[^"]*",)\d+', r"\1N", text)
    # meta=siteinfo: the clock, the install's versions, and counts that grow as scenarios make accounts.
    text = re.sub(r'("time":"| time=")\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', r'\1ISO"', text)
    text = re.sub(r'("| )(generator|phpversion|phpsapi|dbversion)(":"|=")[^"]*"', r'\1\2\3INSTALL"', text)
    text = re.sub(r'"(users|activeusers|admins|jobs|number)":\d+', r'"\1":N', text)
    return text


def base(**kw):
    d = {"format": "json"}
    d.update(kw)
    return d


def create(c, user, fv=None, **extra):
    post = base(action="createaccount", createtoken=c.token("createaccount"), username=user, password=PW,
                retype=PW, createreturnurl="http://127.0.0.1/")
    if fv:
        post["formatversion"] = fv
    post.update(extra)
    return c.call("POST", post=post)


def login(c, name, password):
    return c.call("POST", post=base(action="clientlogin", logintoken=c.token("login"), username=name,
                                    password=password, loginreturnurl="http://127.0.0.1/"))


# Each case: (name, function(client_factory) -> list of responses to compare)
CASES = []


def case(fn):
    CASES.append(fn)
    return fn


def simple(name, method, get=None, post=None, headers=None):
    def run(new):
        c = new()
        return [c.call(method, get, post, headers)]
    run.__name__ = name
    CASES.append(run)
