"""What the Python programs of the client matrix share: the target they are given, the record of steps, the mail.

A program is started by scripts/client-matrix.py with one argument, a JSON object:
  api       the wiki's api.php URL
  outbox    {"file": PATH} (a real wiki's JSON-lines outbox) or {"url": URL} (the mock's /_mwcheck/outbox)
  suffix    appended to every account name the program creates, so that runs never collide
  report    the file to write the outcome to
  admin     [name, password] of an account with the sysop and bureaucrat groups
  bot       [name@appid, bot password] of that account's bot password
It writes one JSON object to the file named by the target's `report` (stdout is the library's own chatter): {"library", "version", "steps": [{"workflow", "step", "outcome", "values"}]}.
An outcome is `pass`, `fail:CODE` (a FAIL or error status the library returned without raising) or
`exception:CLASS(CODE)` (as the library raised it); values are what must also be equal on every target.
"""
import atexit
import json
import re
import sys
import time
import traceback
import urllib.request


class Run:
    def __init__(self, library, version):
        self.target = json.loads(sys.argv[1])
        self.library = library
        self.version = version
        self.steps = []
        self.workflow = None
        self.finished = False
        atexit.register(self.finish)

    def user(self, stem):
        return f"{stem}{self.target['suffix']}"

    def step(self, name, fn, describe_exception):
        """Runs fn(); it returns (outcome, values) or values (outcome `pass`). An exception becomes its outcome."""
        try:
            result = fn()
            if isinstance(result, tuple):
                outcome, values = result
            else:
                outcome, values = "pass", result
        except Exception as e:  # noqa: BLE001 - every exception is an outcome to compare
            # `detail` is for the reader (the message; the trace when the exception has no code), never compared
            outcome, values = describe_exception(e), {"detail": str(e)[:400]}
            if "(" not in outcome:
                values["detail"] += "\n" + traceback.format_exc(limit=6)[-900:]
        self.steps.append({"workflow": self.workflow, "step": name, "outcome": outcome, "values": values or {}})
        return outcome

    def finish(self):
        if self.finished:
            return
        self.finished = True
        with open(self.target["report"], "w", encoding="utf-8") as f:
            json.dump({"library": self.library, "version": self.version, "steps": self.steps}, f, indent=1)
            f.write("\n")


def mails(target):
    box = target["outbox"]
    if "url" in box:
        with urllib.request.urlopen(box["url"]) as r:
            return json.loads(r.read().decode())
    try:
        with open(box["file"], encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError:
        return []


TEMP_PASSWORD = re.compile(r'Temporary password:\s*([0-9a-v]{10})|with password "([0-9a-v]{10})"')


def temporary_password(target, before, address):
    """The temporary password of the first mail after the first `before` ones sent to `address` (waits up to 5 s)."""
    for _ in range(50):
        for mail in mails(target)[before:]:
            if address in json.dumps(mail.get("to", mail)):
                found = TEMP_PASSWORD.search(mail.get("body", "") or json.dumps(mail))
                if found:
                    return found.group(1) or found.group(2)
        time.sleep(0.1)
    raise LookupError(f"no mail with a temporary password to {address}")


def token_shape(token):
    """What can be compared of a token: anonymous (`+\\`), or a hex token ending in `+\\`."""
    if token == "+\\":
        return "anonymous"
    if re.fullmatch(r"[0-9a-f]{32,40}\+\\", token or ""):
        return "hex+\\"
    return "other"
