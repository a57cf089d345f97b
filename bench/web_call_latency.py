#!/usr/bin/python3
"""From the commit of a call to the change visible in Chromium (issue 15's benchmark).

Starts a real sanad-server on a fresh folder, checks in CALLS walk-ins, opens the web display
(logged in, sound enabled) in one headless Chromium, then calls the tickets one by one over REST
(POST /api/tickets/{id}/transitions, to `called`); before each call a second Chromium opens that
ticket's status page (a called ticket still counts ahead of the others, so the called patient's
own page is the one that changes). For each call it takes the time the REST answer arrived (the commit) and, in each page,
the time of the first animation frame after the DOM showed the call (a MutationObserver checks the
expected state and stamps Date.now() in the next requestAnimationFrame: the frame that paints it).
Both clocks are this machine's wall clock. Prints median and max per page (target < 200 ms).

usage: bench/web_call_latency.py [CALLS] [SANAD_SERVER]   (default 50, build/dev/app/sanad-server)
"""
import datetime
import os
import statistics
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "web"))
import web_support as w  # noqa: E402

CALLS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
SERVER = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "build/dev/app/sanad-server")

OBSERVER = """
window.__expect = null; window.__seenAt = null;
new MutationObserver(function () {
  if (window.__expect && window.__seenAt === null && window.__expect()) {
    window.__seenAt = -1;
    requestAnimationFrame(function () { window.__seenAt = Date.now(); });
  }
}).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
"""


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds") \
        .replace("+00:00", "Z")


def check_in(server):
    status, body = server.call("POST", "/api/desk/check-in", {
        "ticket_id": str(uuid.uuid4()), "queue_id": w.QUEUE, "priority": "normal"})
    assert status == 201, body
    return body["ticket"]


def expect(page, condition):
    page.js("window.__seenAt = null; window.__expect = function () { return " + condition + "; };")


def seen(page, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        at = page.js("return window.__seenAt;")
        if at is not None and at > 0:
            return at / 1000.0
        time.sleep(0.005)
    raise RuntimeError("the page did not show the call within 5 s")


def report(name, answer_ms, sent_ms):
    print(f"{name:12s} from the REST answer: median {statistics.median(answer_ms):6.1f} ms, "
          f"max {max(answer_ms):6.1f} ms | from the request: median "
          f"{statistics.median(sent_ms):6.1f} ms, max {max(sent_ms):6.1f} ms  (n={len(answer_ms)})")


def main():
    workdir = tempfile.mkdtemp(prefix="sanad-bench-web-")
    server = w.Server(SERVER, workdir).start()
    pages = []
    try:
        tickets = [check_in(server) for _ in range(CALLS)]

        display = w.Browser(workdir, width=1280, height=720)
        pages.append(display)
        display.open_display(server.url, server.display)

        status = w.Browser(workdir)
        pages.append(status)
        display.js(OBSERVER)
        key = server.practice_key()

        figures = {"display": ([], []), "status page": ([], [])}
        for ticket in tickets[:CALLS]:
            # the called patient's own page, opened (and live) before the call; not timed
            status.driver.get(server.url + "/t/" + w.status_token(key, ticket["id"]))
            status.wait("document.getElementById('status').dataset.state=='waiting' && "
                        "document.getElementById('status').dataset.online=='true'")
            status.js(OBSERVER)
            expect(display, "(document.getElementById('display').dataset.calls||'')"
                            f".split(' ')[0]=='{ticket['number']}'")
            expect(status, "document.getElementById('status').dataset.state=='called'")
            sent = time.time()
            code, body = server.call("POST", f"/api/tickets/{ticket['id']}/transitions", {
                "to": "called", "base_version": ticket["version"], "at": now_iso(),
                "room": w.ROOM, "force": False})
            answered = time.time()
            assert code == 200, body
            for name, page in (("display", display), ("status page", status)):
                at = seen(page)
                figures[name][0].append((at - answered) * 1000)
                figures[name][1].append((at - sent) * 1000)
        print(f"web call latency, {CALLS} calls, sanad-server + headless chromium on this machine")
        for name, (answer_ms, sent_ms) in figures.items():
            report(name, answer_ms, sent_ms)
    finally:
        for page in pages:
            page.quit()
        server.stop()


if __name__ == "__main__":
    main()
