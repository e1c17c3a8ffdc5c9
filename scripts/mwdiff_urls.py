"""Differential cases for the URL parameters of the mock's modules: `createreturnurl` (createaccount)
and `loginreturnurl` (clientlogin), in their first and their continue forms, given a generated set
of odd URLs (ODD_URLS). MediaWiki reads them with PHP's parse_url plus its own protocol list
($wgUrlProtocols) and answers `badurl_*` when it finds no scheme; the mock must accept and refuse
the same ones, with the same error text in every error format. scripts/url-parse-differential.py
runs the same set (and random strings) through PHP and the mock's parser without a wiki. The other
URL-valued parameter the mock takes, ApiMain's `origin` (CORS), is compared as text with the Origin
header rather than parsed; its cases compare the CORS headers too.

Neither module gets a user name here, so no account is made or logged in: the cases need no
fresh state and can run on a wiki that already served the whole suite."""
from mwdiff import base, case

# The stock $wgUrlProtocols of both releases (meta=siteinfo&siprop=protocols).
PROTOCOLS = ["bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://", "https://", "irc://",
             "ircs://", "magnet:", "mailto:", "matrix:", "mms://", "news:", "nntp://", "redis://", "sftp://",
             "sip:", "sips:", "sms:", "ssh://", "svn://", "tel:", "telnet://", "urn:", "worldwind://", "xmpp:",
             "//"]


def _odd_urls():
    urls = []
    add = urls.append
    # Every listed protocol, with and without slashes, a bare scheme, and the scheme in upper case.
    for p in PROTOCOLS[:-1]:
        scheme = p.split(":")[0]
        add(f"{scheme}://example.org/a")
        add(f"{scheme}:example.org")
        add(f"{scheme}:")
        add(f"{scheme.upper()}://Example.org/")
    # Schemes in other cases, unknown schemes, schemes parse_url does not take as schemes.
    urls += ["Http://x/", "hTTpS://x/", "HTTP:", "MailTo:a@b", "file:///etc/passwd", "file:///c:/dir/f.txt",
             "file://host/share", "file:/x", "javascript:alert(1)", "JavaScript://%0Aalert(1)",
             "data:text/html,<b>x</b>", "foo://bar", "svn+ssh://host/repo", "git+https://x/", "ht-tp://x/",
             "h.ttp://x/", "1http://x/", "ht_tp://x/", "ht tp://x/", "ht%74p://x/", "http\u00e9://x/",
             "\u00fcrl://x/", "\uff48ttp://x/", "about:blank", "chrome://settings", "ws://x/", "wss://x/",
             "vbscript:x", "itms-services://?action=x"]
    # Missing or doubled slashes, doubled schemes.
    urls += ["http:/x", "http:x", "http:/", "http://", "http:///", "http:///x", "http:////x", "https:example.org",
             "http:\\\\x\\y", "http:/\\x", "http//x", "http/x", "http//:x", "http://http://x",
             "http:http://x", "https://https:/x", "http:https:x", "http:://x", "http::80", "http:::",
             "mailto://a@b", "mailto:mailto:a", "news://x", "urn:urn:x", "//http://x"]
    # Relative and protocol-relative URLs, query and fragment only, empty.
    urls += ["", " ", "/", "/relative/path", "relative", "./x", "../x", "?", "?q=1", "?http://x", "#",
             "#frag", "#http://x", "//", "//x", "//example.org/path", "///x", "////x", "//x:80/",
             "//[::1]/", "//user@x/", "//:80", "//x:99999/", ".", "..", ":", "::", ":80", ":80/x", ":x",
             "x:", "x:/", "a b:", "a b:80"]
    # Ports: valid, at the limits, out of range, too long, not numeric, signed, empty.
    for port in ["80", "0", "00000", "65535", "65536", "99999", "100000", "123456", "abc", "8a", "+80", "-1",
                 "-0", " 80", "", "0x50", "1e3"]:
        add(f"http://x:{port}/")
    urls += ["http://x:80", "http://x:/", "http://x::80/", "http://x:80:90/", "http://x:80?q", "http://x:80#f",
             "http:80", "http:8080/x", "http:12345", "http:123456", "http:65536", "http:0", "tel:12345",
             "tel:123456", "tel:99999", "tel:+1-555-0100", "sms:5550100", "geo:1,2", "a.com:80",
             "a.com:80/x", "localhost:8080", "example.org:443/path", "x:65536"]
    # User information.
    urls += ["http://user:pass@host/", "http://user@host/", "http://@host/", "http://user:@host/",
             "http://:pass@host/", "http://a@b@c/", "http://a:b:c@d/", "http://user:pass@/", "http://@/",
             "http://u@h:80@x/", "mailto:user@example.org", "xmpp:user@example.org/res", "sip:alice@atlanta.com"]
    # IPv6 and other hosts.
    urls += ["http://[::1]/", "http://[::1]:8080/", "http://[::1]:99999/", "http://[::1", "http://::1/",
             "http://[fe80::1%25eth0]/", "http://[::1]x/", "http://1.2.3.4/", "http://0x7f.1/",
             "http://a..b/", "http://-x-/", "http://x_y/", "http://.", "http://x./"]
    # Unicode hosts and paths, ideographic full stops, punycode, full-width characters.
    urls += ["http://b\u00fccher.example/", "http://\u4f8b\u3048.\u30c6\u30b9\u30c8/",
             "http://\u4f8b\u3048\u3002\u30c6\u30b9\u30c8/", "http://x\uff0ey/", "http://xn--bcher-kva.example/",
             "http://\u0645\u062b\u0627\u0644.\u0625\u062e\u062a\u0628\u0627\u0631/",
             "http://example.org/\u00e9\u00e8", "https://e\u0301x.org/", "\uff48\uff54\uff54\uff50://x/",
             "http\uff1a//x/", "http://\U0001f600.example/", "http://x/\ufffe", "http://x/\ufeff"]
    # Percent-encoding.
    urls += ["http%3A//x/", "http%3A%2F%2Fx%2F", "%68ttp://x/", "http://%41/", "http://x/%20y", "http://x/%",
             "http://x/%zz", "http://x%3A80/", "http://x/?a=%26&b=%23#%3F", "%2F%2Fx"]
    # White space and control characters inside and around.
    urls += [" http://x/", "http://x/ ", "\thttp://x/", "http://x/\t", "\nhttp://x/", "http://x/\n",
             "http://x/\r\n", "http ://x/", "http: //x/", "http:/ /x/", "http://x y/", "http://x/a b",
             "ht\ttp://x/", "http://x\ny/", "http:\n//x/", "\x00http://x/", "http://x/\x00", "http://\x00/",
             "http://x\x01/", "http://x/\x7f", "\x1bhttp://x/", "http://x\x0b:80/", "http://x:\x0c80/",
             "http://x/\u00a0", "\u00a0http://x/", "http://x/\u2028", "\u200bhttp://x/"]
    # Fragments and queries in odd places.
    urls += ["http://x#", "http://x/#a#b", "http://x?#", "http://x?", "http:?x", "http:#x", "http://?x",
             "http://#x", "http://x#:80", "http://x?a:80", "http://x?a=1?b=2", "http:?", "mailto:?subject=x",
             "magnet:?xt=urn:btih:abc", "http://x/a?b#c?d", "ht:tp://x?:", "a?b:c", "a#b:80"]
    # Markup that MediaWiki escapes in its error message (wfEscapeWikiText).
    urls += ["[[Main Page]]", "{{SITENAME}}", "'''bold'''", "<script>x</script>", "a|b", "a;b=c", "&amp;",
             "__NOTOC__", "~~~~", "!!x", "-x", "+x", "x_", "x~", "*x", "#x", ":x:", "\n*x", "a\n----b",
             "x\r\ny", "mailto:ISBN 123", "RFC 1234", "a://b"]
    # Very long URLs.
    urls += ["http://x/" + "a" * 5000, "http://" + "a" * 3000 + ".org/", "http://x/?" + "q=1&" * 1000,
             "a" * 4000 + ":x", "http://x:" + "8" * 300 + "/", "/" * 2000]
    # Invalid UTF-8 (sent as raw bytes; MediaWiki cleans it before reading the URL).
    urls += [b"http://x/\xff", b"\xc3(://x/", b"/\xfe\xff", b"http\xff://x/"]
    seen = set()
    unique = []
    for u in urls:
        if u not in seen:
            seen.add(u)
            unique.append(u)
    return unique


ODD_URLS = _odd_urls()
# The refused URLs whose error text exercises wfEscapeWikiText in each error format.
MARKUP_URLS = ["[[Main Page]]", "'''bold'''", "<script>x</script>", "a|b", "__NOTOC__", "~~~~", "!!x", "-x",
               "x_", "\n*x", "a\n----b", "x\r\ny", "http:80", "//x", "a://b", "{{SITENAME}}"]


# (module, its parameter prefix, its token type)
FLOW_MODULES = (("createaccount", "create", "createaccount"), ("clientlogin", "login", "login"))


def _each_url(new, module, prefix, token_type):
    c = new()
    t = c.token(token_type)
    out = []
    for u in ODD_URLS:
        post = base(action=module, formatversion="2", **{prefix + "token": t, prefix + "returnurl": u})
        out.append(c.call("POST", post=post))
    return out


@case
def returnurl_createaccount(new):
    return _each_url(new, *FLOW_MODULES[0])


@case
def returnurl_clientlogin(new):
    return _each_url(new, *FLOW_MODULES[1])


@case
def returnurl_continue_forms(new):
    """`*continue` does not spare the return URL its check; a good one is then ignored."""
    c = new()
    out = []
    for module, prefix, token_type in FLOW_MODULES:
        t = c.token(token_type)
        for u in ["http:80", "//x", "", "http:", "mailto:x", "http://x:65536/", "HTTP://x/", " http://x/"]:
            post = base(action=module, formatversion="2", **{prefix + "continue": "1", prefix + "returnurl": u,
                                                              prefix + "token": t})
            out.append(c.call("POST", post=post))
    return out


@case
def returnurl_param_shapes(new):
    """The return URL as an array, given twice (the last wins), in the query string of a POST, with bytes
    MediaWiki's request cleaning replaces (an overlong UTF-8 sequence, a control character)."""
    c = new()
    t = c.token("createaccount")
    out = []
    common = [("action", "createaccount"), ("format", "json"), ("createtoken", t)]
    for extra in ([("createreturnurl[]", "http://x/")], [("createreturnurl", "http:80"), ("createreturnurl", "http://x/")],
                  [("createreturnurl", "http://x/"), ("createreturnurl", "http:80")], [("createreturnurl", b"\xc0\x80")],
                  [("createreturnurl", "a\x1fb"), ("formatversion", "2")]):
        out.append(c.call("POST", post=common + extra))
    out.append(c.call("POST", {"createreturnurl": "http:80"}, dict(common)))
    out.append(c.call("POST", {"createreturnurl": "http://x/"}, dict(common + [("createreturnurl", "//x")])))
    return out


@case
def returnurl_error_formats(new):
    """The refusal's text in each error format, format and language (the URL escaped as wikitext)."""
    c = new()
    t = c.token("createaccount")
    out = []
    shapes = [dict(errorformat=ef) for ef in ("bc", "plaintext", "wikitext", "html", "raw", "none")]
    shapes += [dict(format="xml"), dict(format="json", formatversion="1"), dict(format="php"),
               dict(errorformat="plaintext", uselang="de"), dict(errorformat="html", errorlang="fr"),
               dict(errorformat="wikitext", errorsuselocal="1")]
    for u in MARKUP_URLS:
        for shape in shapes:
            post = base(action="createaccount", createtoken=t, createreturnurl=u)
            post.update(shape)
            out.append(c.call("POST", post=post))
    return out


# The `origin` parameter (ApiMain's CORS check): compared as text with the Origin header's origins, not
# parsed. The answer's CORS headers are compared too (put before the body). An Origin header listing
# several origins is left out: MediaWiki throws there (a 500 page), which the mock does not copy.
CORS_HEADERS = ("access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
                "access-control-allow-headers", "access-control-expose-headers", "mediawiki-cors-rejection",
                "mediawiki-login-suppressed", "cache-control", "content-type")


def _cors_call(c, method, params, headers):
    import urllib.error
    import urllib.parse
    import urllib.request
    url = c.api + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, method=method, headers={"User-Agent": "mwcheck-diff", **headers})
    try:
        resp = c.opener.open(req)
    except urllib.error.HTTPError as e:
        resp = e
    shown = sorted(f"{k.lower()}: {v}" for k, v in resp.headers.items() if k.lower() in CORS_HEADERS)
    body = resp.read().decode("utf-8", "replace")
    cookies = sorted({x.split("=", 1)[0] for x in resp.headers.get_all("Set-Cookie") or []})
    return resp.status, resp.headers.get("MediaWiki-API-Error"), cookies, "\n".join(shown) + "\n\n" + body


@case
def origin_parameter(new):
    c = new()
    q = base(action="query", meta="userinfo")
    out = []
    for origin, header in [("http://example.org", None), ("http://example.org", "http://example.org"),
                           ("http://example.org", "http://other.org"), ("http://example.org/", "http://example.org"),
                           ("", None), ("null", "null"), ("HTTP://EXAMPLE.ORG", "http://example.org"),
                           ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"), ("http:80", "http:80"),
                           (" http://example.org", "http://example.org"), ("*", "http://example.org"), ("*", None)]:
        headers = {"Origin": header} if header is not None else {}
        out.append(_cors_call(c, "GET", {**q, "origin": origin}, headers))
    # Before anything else: a POST without a token, JSONP, an untrusted request, an OPTIONS request.
    out.append(_cors_call(c, "POST", base(action="createaccount", origin="http://example.org"), {}))
    out.append(_cors_call(c, "GET", {**q, "origin": "http://example.org", "callback": "cb"}, {}))
    out.append(_cors_call(c, "GET", {**q, "origin": "http://example.org"},
                          {"Origin": "http://example.org", "Treat-as-Untrusted": "1"}))
    out.append(_cors_call(c, "GET", q, {"Treat-as-Untrusted": "1"}))
    out.append(_cors_call(c, "GET", base(action="query", meta="userinfo", format="xml", origin="http://e.org"), {}))
    # Preflights: the methods and the headers asked for, or a rejection of a header not allowed.
    for origin, headers in [(None, {}), ("*", {}), ("*", {"Access-Control-Request-Method": "POST"}),
                            ("*", {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "X-Foo"}),
                            ("*", {"Access-Control-Request-Method": "POST",
                                   "Access-Control-Request-Headers": "content-type, Api-User-Agent"}),
                            ("*", {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": " "}),
                            ("http://example.org", {}),
                            ("http://example.org", {"Origin": "http://example.org",
                                                    "Access-Control-Request-Method": "GET"})]:
        params = dict(q) if origin is None else {**q, "origin": origin}
        out.append(_cors_call(c, "OPTIONS", params, headers))
    return out
