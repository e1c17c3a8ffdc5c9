#!/usr/bin/env python3
"""Gives a real wiki the life a wiki in use has had, before a conformance run: N requests (10,000 by
default) from several clients at once, anonymous and logged in as the administrator: accounts created
(some with an email address), blocked (user blocks without autoblock, so the loopback address stays
free), password resets mailed, pages created and edited, failed and successful logins, password
validations, token, user and site queries. Loopback targets only (it writes to the wiki).

Usage: scripts/traffic.py API_URL [--requests N] [--clients N]
         [--admin-user Admin] [--admin-password Adminpass-12345]
Prints what it did, per kind of request, and exits 1 if any request got an HTTP error or a reply that
is not MediaWiki's JSON (API errors are expected for some kinds and counted).
"""

import argparse
import http.cookiejar
import ipaddress
import json
import secrets
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor


class Client:
    """One cookie session against api.php."""

    def __init__(self, api):
        self.api = api
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def call(self, params, post=False):
        params = dict(params, format="json", formatversion="2")
        data = urllib.parse.urlencode(params).encode()
        if post:
            request = urllib.request.Request(self.api, data=data)
        else:
            request = urllib.request.Request(self.api + "?" + data.decode())
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read().decode())

    def token(self, kind):
        return self.call({"action": "query", "meta": "tokens", "type": kind})["query"]["tokens"][
            kind + "token"
        ]


class Traffic:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.sent = 0
        self.kinds = Counter()
        self.api_errors = Counter()
        self.failures = []

    def take(self, kind, count=1):
        """Reserves `count` requests of the budget; False when it is spent."""
        with self.lock:
            if self.sent + count > self.args.requests:
                return False
            self.sent += count
            self.kinds[kind] += count
            return True

    def note(self, kind, answer):
        if isinstance(answer, dict) and "error" in answer:
            with self.lock:
                self.api_errors[f"{kind}: {answer['error'].get('code')}"] += 1

    def admin(self):
        client = Client(self.args.api)
        token = client.token("login")
        answer = client.call(
            {
                "action": "clientlogin",
                "username": self.args.admin_user,
                "password": self.args.admin_password,
                "logintoken": token,
                "loginreturnurl": "http://127.0.0.1/",
            },
            post=True,
        )
        if answer.get("clientlogin", {}).get("status") != "PASS":
            raise SystemExit(f"traffic.py: the administrator cannot log in: {answer}")
        return client

    def worker(self, number):
        anon = Client(self.args.api)
        admin = self.admin()
        with self.lock:
            self.sent += 3
            self.kinds["admin login"] += 3
        csrf = admin.token("csrf")
        round_ = 0
        while True:
            round_ += 1
            name = f"Traffic{number}x{round_}x{secrets.token_hex(3)}"
            password = "Tr-" + secrets.token_hex(8)
            try:
                if not self.round(anon, admin, csrf, name, password, round_):
                    return
            except (urllib.error.URLError, ValueError, KeyError, OSError) as err:
                with self.lock:
                    self.failures.append(f"{name}: {err}")
                    if len(self.failures) > 20:
                        return

    def round(self, anon, admin, csrf, name, password, round_):
        """One round of mixed requests; False once the budget is spent."""
        if not self.take("createaccount", 2):
            return False
        token = anon.token("createaccount")
        params = {
            "action": "createaccount",
            "username": name,
            "password": password,
            "retype": password,
            "createtoken": token,
            "createreturnurl": "http://127.0.0.1/",
        }
        if round_ % 3 == 0:
            params.update(email=f"{name.lower()}@example.org", realname=name)
        self.note("createaccount", anon.call(params, post=True))
        # The session now belongs to the new account: log it out, as a browser would.
        if not self.take("logout", 2):
            return False
        self.note("logout", anon.call({"action": "logout", "token": anon.token("csrf")}, post=True))
        steps = [
            ("validatepassword", lambda: anon.call(
                {"action": "validatepassword", "password": secrets.token_hex(2)}, post=True)),
            ("tokens", lambda: anon.call({"action": "query", "meta": "tokens", "type": "*"})),
            ("userinfo", lambda: admin.call(
                {"action": "query", "meta": "userinfo", "uiprop": "blockinfo|groups|rights|editcount"})),
            ("siteinfo", lambda: anon.call(
                {"action": "query", "meta": "siteinfo", "siprop": "general|statistics"})),
            ("edit", lambda: admin.call({
                "action": "edit", "title": f"Traffic/{name}", "text": f"Page {round_} of {name}.",
                "summary": "traffic", "token": csrf}, post=True)),
            ("failed login", lambda: Client(self.args.api).call({
                "action": "login", "lgname": name, "lgpassword": "wrong-" + password,
                "lgtoken": "+\\"}, post=True)),
            ("authmanagerinfo", lambda: anon.call(
                {"action": "query", "meta": "authmanagerinfo", "amirequestsfor": "login"})),
        ]
        if round_ % 5 == 0:
            steps.append(("block", lambda: admin.call({
                "action": "block", "user": name, "reason": "traffic", "expiry": "infinite",
                "nocreate": "1", "noautoblock": "1", "token": csrf}, post=True)))
        if round_ % 3 == 0:
            steps.append(("resetpassword", lambda: anon.call({
                "action": "resetpassword", "user": name, "token": anon.token("csrf")}, post=True)))
        for kind, send in steps:
            cost = 2 if kind == "resetpassword" else 1
            if not self.take(kind, cost):
                return False
            self.note(kind, send())
        return True

    def run(self):
        with ThreadPoolExecutor(self.args.clients) as pool:
            for done in [pool.submit(self.worker, n) for n in range(self.args.clients)]:
                done.result()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("api")
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--admin-user", default="Admin")
    parser.add_argument("--admin-password", default="Adminpass-12345")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.api).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"traffic.py: {args.api} is not on loopback; it only writes to a local test wiki")
    traffic = Traffic(args)
    traffic.run()
    print(f"traffic.py: {traffic.sent} requests to {args.api}")
    for kind, count in sorted(traffic.kinds.items()):
        print(f"  {kind:18} {count}")
    for code, count in sorted(traffic.api_errors.items()):
        print(f"  API error {code}: {count}")
    if traffic.failures:
        print("traffic.py: requests that failed outright:", *traffic.failures[:20], sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
