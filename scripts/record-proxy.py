#!/usr/bin/env python3
"""A loopback HTTP proxy that records what a client sends to a wiki.

    scripts/record-proxy.py --listen 8381 --upstream http://127.0.0.1:8361 --log traffic.jsonl

Every request is forwarded unchanged to the upstream wiki (Host header included) and logged as one JSON line: the
method, the path, every query and body parameter (secrets redacted: passwords and tokens keep only their length),
the headers a wiki may act on (User-Agent, Api-User-Agent, Accept-Encoding, Content-Type, the names of the cookies
sent), the status and the names of the cookies set (and, with --full-responses, the response body). Used to find out what each client library of the client matrix
(scripts/client-matrix.py) asks a wiki, so the mock can be made to answer all of it.
"""
import argparse
import http.client
import json
import re
import sys
import threading
import urllib.parse
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = re.compile(r"password|token|retype|secret", re.I)
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "upgrade"}


def redact(name, value):
    if SECRET.search(name):
        return f"<{len(value)} chars>"
    return value


def body_params(content_type, body):
    if not body:
        return {}
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v for k, v in urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)}
    if content_type.startswith("multipart/form-data"):
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        out = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            out[name] = part.get_payload(decode=True).decode("utf-8", "replace")
        return out
    return {"<body>": f"<{len(body)} bytes of {content_type}>"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--listen", type=int, required=True)
    ap.add_argument("--upstream", required=True, help="http://HOST:PORT of the wiki")
    ap.add_argument("--log", required=True, help="JSON lines file to append to")
    ap.add_argument("--full-responses", action="store_true",
                    help="log each response body too (it holds tokens: keep such a log to yourself)")
    ap.add_argument("--tag-file", help="a file whose content (e.g. the library and workflow running) tags each line")
    args = ap.parse_args()
    up = urllib.parse.urlsplit(args.upstream)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def handle_one(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            conn.request(self.command, self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            self.send_response_only(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()
            split = urllib.parse.urlsplit(self.path)
            query = {k: v for k, v in urllib.parse.parse_qsl(split.query, keep_blank_values=True)}
            form = body_params(self.headers.get("Content-Type", ""), body)
            cookies = [c.split("=", 1)[0].strip() for c in (self.headers.get("Cookie") or "").split(";") if c.strip()]
            tag = ""
            if args.tag_file:
                try:
                    tag = open(args.tag_file, encoding="utf-8").read().strip()
                except OSError:
                    pass
            entry = {
                "tag": tag,
                "method": self.command,
                "path": split.path,
                "query": {k: redact(k, v) for k, v in query.items()},
                "form": {k: redact(k, v) for k, v in form.items()},
                "headers": {k: self.headers.get(k) for k in
                            ("User-Agent", "Api-User-Agent", "Accept-Encoding", "Content-Type", "Authorization",
                             "Origin", "Accept")
                            if self.headers.get(k) is not None},
                "cookies": cookies,
                "status": resp.status,
                "set_cookies": [v.split("=", 1)[0] for k, v in resp.getheaders() if k.lower() == "set-cookie"],
                "response": data.decode("utf-8", "replace") if args.full_responses else "",
            }
            if "Authorization" in entry["headers"]:
                entry["headers"]["Authorization"] = "<present>"
            with lock, open(args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")

        do_GET = do_POST = do_HEAD = handle_one

    server = ThreadingHTTPServer(("127.0.0.1", args.listen), Handler)
    print(f"recording http://127.0.0.1:{args.listen}/ -> {args.upstream} into {args.log}", file=sys.stderr)
    server.serve_forever()


if __name__ == "__main__":
    main()
