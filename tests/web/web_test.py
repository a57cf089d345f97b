#!/usr/bin/python3
"""The patient's status page and the web waiting-room display in a real browser (label web).

Each case starts its own sanad-server (a fresh data folder), drives check-ins and calls with
sanad-cli, the console's command line, and watches the page in Debian's headless Chromium through
chromium-driver (python3-selenium) with a fresh profile. Screenshots go to the artifacts folder.

usage: web_test.py SANAD_SERVER SANAD_CLI ARTIFACTS [unittest names, e.g. StatusPage.test_live]
"""
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import unittest
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_support as w  # noqa: E402

SERVER, CLI, ARTIFACTS = sys.argv[1:4]
STAND = re.compile(r"^Offline – Status möglicherweise veraltet \(Stand \d\d:\d\d\)$")
TOKEN_PATHS = ("/t/", "/api/public/tickets/", "/api/public/live/")


class WebCase(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="sanad-web-")
        self.server = w.Server(SERVER, self.workdir).start()
        self.console = w.Console(CLI, self.workdir, self.server)
        self.assertEqual(self.console.run("sync")[0], 0)
        self.browsers = []

    def tearDown(self):
        for browser in self.browsers:
            browser.quit()
        if self.server.process:
            self.server.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def browser(self, **kw):
        browser = w.Browser(self.workdir, **kw)
        self.browsers.append(browser)
        return browser

    def check_in(self, *extra, expect=0):
        rc, ticket, number = self.console.check_in(*extra)
        self.assertEqual(rc, expect, "check-in exit code")
        return ticket, number

    def call(self, *args):
        rc, out = self.console.run(*args)
        self.assertEqual(rc, 0, out)
        return time.monotonic()

    def assert_only_own_requests(self, browser, secrets):
        """Every request went to the server itself; a secret appears only where it must."""
        own = urlparse(self.server.url).netloc
        urls = browser.urls()
        self.assertTrue(urls, "the network log is empty")
        for url in urls:
            parsed = urlparse(url)
            self.assertEqual(parsed.netloc, own, f"a request to another host: {url}")
            for secret, allowed_paths in secrets:
                if secret in url:
                    self.assertTrue(parsed.path.startswith(allowed_paths), f"token in {url}")
                    self.assertNotIn(secret, parsed.query)


class StatusPage(WebCase):
    def open(self, ticket):
        token = w.status_token(self.server.practice_key(), ticket)
        browser = self.browser()
        browser.driver.get(self.server.url + "/t/" + token)
        return browser, token

    def test_live_position_and_call(self):
        first, _ = self.check_in()
        second, number = self.check_in()
        page, token = self.open(second)
        page.wait("document.getElementById('line') && !document.getElementById('line').hidden")
        self.assertEqual(page.text("number"), number)
        self.assertTrue(page.text("line").startswith("Vor Ihnen: 1"))
        self.assertIsNone(page.text("offline-banner"))
        page.screenshot(ARTIFACTS, "status-waiting")

        # The line moves when the ticket ahead goes in (a called ticket still counts ahead).
        self.call("call-next")
        self.call("transition", first, "in_progress")
        took = page.wait("document.getElementById('line').textContent.indexOf('Vor Ihnen: 0')==0",
                         timeout=1.0, what="the position to change within 1 s of the change")
        print(f"position change seen {took * 1000:.0f} ms after sanad-cli returned")

        self.call("call-next")  # ours
        took = page.wait("document.getElementById('status').dataset.state=='called'",
                         timeout=1.0, what="the call within 1 s")
        print(f"call seen {took * 1000:.0f} ms after sanad-cli returned")
        self.assertEqual(page.text("called"), "Sie sind dran – bitte in Zimmer 2")
        self.assertEqual(page.js("return document.getElementById('status').dataset.alerts"), "1")
        page.screenshot(ARTIFACTS, "status-called")

        self.call("transition", second, "in_progress")
        page.wait("document.getElementById('status').dataset.state=='in_progress'", timeout=1.0)
        self.assertEqual(page.text("state"), "In Behandlung")
        self.call("transition", second, "completed")
        page.wait("document.getElementById('status').dataset.state=='completed'", timeout=1.0)
        self.assertIn("Vielen Dank", page.text("state"))
        page.screenshot(ARTIFACTS, "status-completed")
        self.assert_only_own_requests(page, [(token, TOKEN_PATHS)])
        self.assertNotIn(first, " ".join(page.urls()))

    def test_english_outside_germany(self):
        self.check_in()
        ticket, number = self.check_in()
        token = w.status_token(self.server.practice_key(), ticket)
        page = self.browser(language="en-US")
        page.driver.get(self.server.url + "/t/" + token)
        page.wait("!document.getElementById('line').hidden")
        self.assertTrue(page.text("line").startswith("Ahead of you: 1"), page.text("line"))
        self.call("call-next")
        self.call("call-next")
        page.wait("document.getElementById('status').dataset.state=='called'", timeout=1.0)
        self.assertEqual(page.text("called"), "It's your turn – please go to Zimmer 2")

    def test_offline_banner_keeps_the_status_and_goes_when_back(self):
        first, _ = self.check_in()
        self.check_in()
        ticket, number = self.check_in()
        page, token = self.open(ticket)
        page.wait("!document.getElementById('line').hidden")
        self.assertTrue(page.text("line").startswith("Vor Ihnen: 2"))
        self.call("call-next")  # the first: called, still ahead until it goes in
        # the service worker keeps the shell, for a reload while offline
        page.wait("navigator.serviceWorker.controller !== null", what="the service worker")

        self.server.stop()
        page.wait("!document.getElementById('offline-banner').hidden", timeout=5,
                  what="the offline banner")
        self.assertRegex(page.text("offline-banner"), STAND)
        self.assertEqual(page.text("number"), number)
        self.assertTrue(page.text("line").startswith("Vor Ihnen: 2"), "the position stays")
        page.screenshot(ARTIFACTS, "status-offline")

        page.driver.refresh()  # a reload with the server away: the service worker's shell
        page.wait("document.getElementById('number') && "
                  "document.getElementById('number').textContent.length > 0", what="the shell")
        page.wait("!document.getElementById('offline-banner').hidden", timeout=5)
        self.assertEqual(page.text("number"), number)
        self.assertTrue(page.text("line").startswith("Vor Ihnen: 2"))
        self.assertRegex(page.text("offline-banner"), STAND)
        page.screenshot(ARTIFACTS, "status-offline-reloaded")

        self.server.start()  # same folder, same port
        returned = time.monotonic()
        self.call("transition", first, "in_progress")  # the line moves, the page still away
        page.wait("document.getElementById('offline-banner').hidden && "
                  "document.getElementById('line').textContent.indexOf('Vor Ihnen: 1')==0",
                  timeout=3, what="the banner to go and the current status")
        print(f"back: banner gone and status current {time.monotonic() - returned:.2f} s after "
              "the server returned (reconnect backoff: 0.4 s, cap 0.8 s, jittered)")
        page.screenshot(ARTIFACTS, "status-back-online")

    def test_network_back_reconnects_at_once(self):
        """The phone's network drops and returns: the `online` event reconnects at once."""
        first, _ = self.check_in()
        ticket, _ = self.check_in()
        page, _ = self.open(ticket)
        page.wait("!document.getElementById('line').hidden")
        self.call("call-next")
        self.server.stop()
        page.wait("!document.getElementById('offline-banner').hidden", timeout=5)
        page.driver.execute_cdp_cmd("Network.enable", {})
        page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        page.wait("navigator.onLine === false", what="the browser to go offline")
        self.server.start()
        self.call("transition", first, "in_progress")
        page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        took = page.wait("document.getElementById('offline-banner').hidden && "
                         "document.getElementById('line').textContent.indexOf('Vor Ihnen: 0')==0",
                         timeout=1.0, what="the status within 1 s of the network's return")
        print(f"network back: status current {took * 1000:.0f} ms after the online event")

    def test_offline_check_in_turns_into_the_status_after_sync(self):
        key = self.server.practice_key()
        self.server.stop()
        ticket, _ = self.check_in(expect=3)  # stored offline, queued
        self.assertTrue(ticket)
        self.server.start()
        page = self.browser()
        token = w.status_token(key, ticket)
        page.driver.get(self.server.url + "/t/" + token)
        page.wait("document.getElementById('status').dataset.state=='pending'",
                  what="'wird übertragen'")
        self.assertEqual(page.text("message"), "Ihre Anmeldung wird übertragen …")
        self.assertIsNone(page.text("offline-banner"))
        page.screenshot(ARTIFACTS, "status-pending")
        rc, out = self.console.run("sync")
        self.assertEqual(rc, 0, out)
        page.wait("document.getElementById('status').dataset.state=='waiting'", timeout=2,
                  what="the status after the sync")
        self.assertEqual(page.text("number"), "A001")
        self.assertTrue(page.text("line").startswith("Vor Ihnen: 0"))
        page.screenshot(ARTIFACTS, "status-after-sync")
        self.assert_only_own_requests(page, [(token, TOKEN_PATHS)])

    def test_a_past_days_link_says_it_is_no_longer_valid(self):
        ticket, _ = self.check_in()
        token = w.status_token(self.server.practice_key(), ticket)
        with sqlite3.connect(os.path.join(self.server.data, "sanad.db"), timeout=10) as db:
            db.execute("UPDATE tickets SET day = '2000-01-01' WHERE id = ?", (ticket,))
        page = self.browser()
        page.driver.get(self.server.url + "/t/" + token)
        page.wait("document.getElementById('status').dataset.state=='expired'", what="expired")
        self.assertEqual(page.text("message"), "Dieser Link ist nicht mehr gültig.")
        self.assertIsNone(page.text("offline-banner"))
        self.assertIsNone(page.text("ticket"))
        page.screenshot(ARTIFACTS, "status-expired")


class Display(WebCase):
    def open(self):
        page = self.browser(width=1280, height=720)
        page.open_display(self.server.url, self.server.display, ARTIFACTS)
        return page

    def current(self, page):
        return page.js("return document.getElementById('display').dataset.calls || ''")

    def test_call_appears_and_recall_moves_to_the_top(self):
        first, _ = self.check_in()
        self.check_in()
        self.check_in("--urgent")
        page = self.open()
        self.assertEqual(self.current(page), "")

        self.call("call-next")  # the urgent one goes first
        page.wait("document.getElementById('display').dataset.calls=='A003'", timeout=1.0)
        self.assertEqual(page.text("current-call").replace("\u00a0", " "), "A003 → Zimmer 2")
        self.assertTrue(page.js("return document.getElementById('current')"
                                ".classList.contains('urgent')"))
        self.call("call-next")
        self.call("call-next")
        page.wait("document.getElementById('display').dataset.calls=='A002 A001 A003'",
                  timeout=1.0, what="the calls in order, newest first")
        page.screenshot(ARTIFACTS, "display-calls")

        self.call("transition", first, "called")  # a recall of A001
        page.wait("document.getElementById('display').dataset.calls=='A001 A002 A003'",
                  timeout=1.0, what="the recall on top")
        self.assertEqual(page.text("current-number"), "A001")
        self.assertEqual(page.js("return [...document.querySelectorAll('#recent li')]"
                                 ".map(e => e.dataset.number).join(' ')"), "A002 A003")
        page.wait("document.getElementById('display').dataset.announced=='4'",
                  what="four announcements")
        self.assertEqual(
            page.js("return document.getElementById('display').dataset.announcements"),
            "Nummer A 3, bitte in Zimmer 2|Nummer A 1, bitte in Zimmer 2|"
            "Nummer A 2, bitte in Zimmer 2|Nummer A 1, bitte in Zimmer 2")
        page.screenshot(ARTIFACTS, "display-recall")
        self.assert_only_own_requests(page, [(self.server.display, ())])

        # the token is kept: a reload shows the calls again without asking
        page.driver.refresh()
        page.wait("document.getElementById('display').dataset.calls=='A001 A002 A003'")
        self.assertIsNone(page.text("token-form"))

    def test_offline_marker_and_a_refused_token(self):
        page = self.open()
        self.server.stop()
        page.wait("!document.getElementById('offline').hidden", timeout=5, what="offline")
        self.server.start()
        self.check_in()
        self.call("call-next")
        page.wait("document.getElementById('offline').hidden && "
                  "document.getElementById('display').dataset.calls=='A001'", timeout=15,
                  what="back with the call made meanwhile")
        page.screenshot(ARTIFACTS, "display-back")

        self.server.admin("device", "revoke", "Wartezimmer")
        page.driver.refresh()
        page.wait("!document.getElementById('token-form').hidden", what="the form again (4401)")
        self.assertIsNotNone(page.text("token-error"))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[4:]])
