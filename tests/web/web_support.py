"""Shared parts of the browser tests and the browser benchmark: a real sanad-server process,
sanad-cli as the console, REST calls, the status token, and headless Chromium (Debian's
chromium + chromium-driver, driven by python3-selenium) with a fresh profile each time."""
import hashlib
import hmac
import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOM = "Zimmer 2"
QUEUE = "general"


def status_token(practice_key_hex, ticket_id):
    """DESIGN.md: the first 32 hex characters of HMAC-SHA256(practice_key, "status:" + id)."""
    digest = hmac.new(bytes.fromhex(practice_key_hex), ("status:" + ticket_id).encode(),
                      hashlib.sha256).hexdigest()
    return digest[:32]


class Server:
    """sanad-server on a data folder of its own; stop() and start() again keep folder and port."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.data = os.path.join(workdir, "server")
        os.makedirs(self.data, exist_ok=True)
        self.port = 0
        self.process = None
        self.desk = self.admin("device", "add", "Empfang 1")
        self.display = self.admin("device", "add", "Wartezimmer", "--role", "display")

    def admin(self, *args):
        out = subprocess.run([self.binary, *args, "--data", self.data], capture_output=True,
                             text=True, check=True).stdout
        return out.split()[-1]

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--data", self.data, "--log-level", "warning"],
            stdout=subprocess.PIPE, text=True)
        first = self.process.stdout.readline()  # "sanad-server listening on http://127.0.0.1:P"
        if "listening" not in first:
            raise RuntimeError("sanad-server did not start: " + first)
        self.port = int(first.strip().rsplit(":", 1)[1])
        return self

    def stop(self):
        """SIGTERM, as a service manager stops it; waits for the process to end."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)
        self.process.stdout.close()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def call(self, method, path, body=None, token=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Authorization": "Bearer " + (token or self.desk)}
        raw = None
        if body is not None:
            raw = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
            headers["X-Idempotency-Key"] = str(uuid.uuid4())
        connection.request(method, path, body=raw, headers=headers)
        answer = connection.getresponse()
        text = answer.read().decode()
        connection.close()
        return answer.status, (json.loads(text) if text.startswith("{") else text)

    def practice_key(self):
        status, config = self.call("GET", "/api/config")
        assert status == 200, config
        return config["practice_key"]


class Console:
    """sanad-cli with a console data folder of its own (its outbox survives a server outage)."""

    def __init__(self, binary, workdir, server):
        self.binary = binary
        self.server = server
        self.data = os.path.join(workdir, "console")
        self.config = os.path.join(workdir, "reception.ini")
        open(self.config, "w").close()

    def run(self, *args):
        command = [self.binary, "--config", self.config, "--server", self.server.url, "--token",
                   self.server.desk, "--data", self.data, "--queue", QUEUE, "--room", ROOM, *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout

    def check_in(self, *extra):
        """A walk-in; returns (exit code, ticket id, number)."""
        rc, out = self.run("check-in", "--walk-in", *extra)
        words = dict(w.split("=", 1) for w in out.split() if "=" in w)
        number = out.split(": ", 1)[1].split()[0] if ": " in out else None
        return rc, words.get("ticket"), number


class Browser:
    """Headless Chromium with a fresh profile; language German unless told otherwise."""

    def __init__(self, workdir, language="de-DE", width=412, height=860):
        self.profile = tempfile.mkdtemp(prefix="chromium-", dir=workdir)
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                    f"--user-data-dir={self.profile}", f"--lang={language}",
                    f"--window-size={width},{height}", "--autoplay-policy=no-user-gesture-required",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-features=Translate,MediaRouter"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.requests = []  # every URL the browser asked for (network log), collected by urls()

    def quit(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def text(self, element_id):
        return self.js("var e=document.getElementById(arguments[0]);"
                       "return e && !e.hidden ? e.textContent : null;", element_id)

    def wait(self, condition, timeout=10, what="condition"):
        """Waits for a JavaScript expression to be true; returns the seconds it took."""
        start = time.monotonic()
        WebDriverWait(self.driver, timeout, poll_frequency=0.02).until(
            lambda d: d.execute_script("return !!(" + condition + ");"),
            message=f"timed out after {timeout}s waiting for {what}: {condition}")
        return time.monotonic() - start

    def urls(self):
        """The URLs of all requests the browser made so far (DevTools Network events)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] in ("Network.requestWillBeSent",
                                     "Network.webSocketCreated"):
                url = message["params"].get("request", {}).get("url") or \
                    message["params"].get("url")
                # the network only: not the browser's own chrome:// pages or data: URLs
                if url and url.split(":", 1)[0] in ("http", "https", "ws", "wss"):
                    self.requests.append(url)
        return self.requests

    def open_display(self, base_url, token, artifacts=None):
        """/display: the token into the form once, the click that enables sound, then live."""
        self.driver.get(base_url + "/display")
        self.wait("!document.getElementById('token-form').hidden", what="the token form")
        if artifacts:
            self.screenshot(artifacts, "display-token-form")
        self.driver.find_element("id", "token-input").send_keys(token)
        self.driver.find_element("id", "token-save").click()
        self.wait("!document.getElementById('sound-overlay').hidden", what="the sound overlay")
        self.driver.find_element("id", "sound-overlay").click()
        self.wait("document.getElementById('display').dataset.online=='true'", what="live")

    def screenshot(self, artifacts, name):
        os.makedirs(artifacts, exist_ok=True)
        self.driver.save_screenshot(os.path.join(artifacts, name + ".png"))
