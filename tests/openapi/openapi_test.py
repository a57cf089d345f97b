#!/usr/bin/python3
"""The OpenAPI document (docs/openapi.yaml) against a real sanad-server (label integration).

Starts `sanad-server --port 0` on a temporary data folder, registers a desk and a display, makes
the calls of CALLS and checks each answer: its status is one the document names for that path and
method, and its JSON body validates against the document's schema for that status (JSON Schema
2020-12, the dialect of OpenAPI 3.1, by Debian's python3-jsonschema). Also: every schema of the
document is a valid 2020-12 schema, and every built path of the document is called at least once.

usage: openapi_test.py SANAD_SERVER OPENAPI_YAML
"""
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid

import jsonschema
import yaml

SERVER, DOCUMENT = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(DOCUMENT, encoding="utf-8"))
failures = []


def deref(node):
    """Follows a local $ref (#/components/…) to what it names."""
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def operation(method, path):
    """The document's path template and operation for a concrete path."""
    for template, item in doc["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path.split("?")[0]) and method.lower() in item:
            return template, item[method.lower()]
    return None, None


def check(method, path, status, body):
    template, op = operation(method, path)
    where = f"{method} {path} -> {status}"
    if op is None:
        failures.append(f"{where}: no such operation in the document")
        return None
    responses = op.get("responses", {})
    if str(status) not in responses:
        failures.append(f"{where}: status {status} not documented for {method} {template}")
        return template
    response = deref(responses[str(status)])
    content = response.get("content", {})
    if "application/json" not in content:
        if body:
            try:
                json.loads(body)
                failures.append(f"{where}: a JSON body where the document says none")
            except ValueError:
                pass
        return template
    schema = content["application/json"]["schema"]
    try:
        instance = json.loads(body)
    except ValueError as e:
        failures.append(f"{where}: not JSON: {e}")
        return template
    validator = jsonschema.Draft202012Validator(
        schema, resolver=jsonschema.RefResolver(base_uri="", referrer=doc))
    for error in validator.iter_errors(instance):
        failures.append(f"{where}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return template


data = tempfile.mkdtemp(prefix="sanad-openapi-")


def admin(*args):
    out = subprocess.run([SERVER, *args, "--data", data], capture_output=True, text=True,
                         check=True).stdout
    return out.split()[-1]


desk = admin("device", "add", "Empfang 1")
display = admin("device", "add", "Wartezimmer", "--role", "display")
server = subprocess.Popen([SERVER, "--port", "0", "--data", data, "--demo", "--log-level",
                           "warning"], stdout=subprocess.PIPE, text=True)
try:
    first = server.stdout.readline()
    port = int(first.strip().rsplit(":", 1)[1])

    def call(method, path, body=None, token=desk, key=True, content_type="application/json"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + token
        if key and method in ("POST", "PUT", "DELETE") and not path.startswith("/api/number"):
            headers["X-Idempotency-Key"] = str(uuid.uuid4())
        raw = None
        if body is not None:
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        connection.request(method, path, body=raw, headers=headers)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        connection.close()
        return answer.status, text

    called = set()

    def run(method, path, body=None, expect=None, **kw):
        status, text = call(method, path, body, **kw)
        if expect is not None and status != expect:
            failures.append(f"{method} {path}: expected {expect}, got {status}: {text[:200]}")
        template = check(method, path, status, text)
        if template:
            called.add((method.lower(), template))
        return json.loads(text) if text.startswith("{") else None

    now = "2026-12-03T09:00:00.000Z"
    run("GET", "/api/health", token=None, expect=200)
    config = run("GET", "/api/config", expect=200)
    run("GET", "/api/queues", expect=200)
    run("GET", "/api/queues/general/tickets?all=1", expect=200)
    run("GET", "/api/queues/nowhere/tickets", expect=404)
    run("GET", "/api/changes?since=0", expect=200)
    run("GET", "/api/config", token="wrong", expect=401)
    run("GET", "/api/queues", token=display, expect=403)
    card_ref = "ab" * 32
    walk_in = run("POST", "/api/desk/check-in",
                  {"ticket_id": str(uuid.uuid4()), "queue_id": "general", "patient": "Erika",
                   "priority": "urgent", "note": "Rollstuhl"}, expect=201)
    tap = run("POST", "/api/nfc/check-in",
              {"ticket_id": str(uuid.uuid4()), "queue_id": "general", "card_ref": card_ref,
               "checked_in_at": None, "number": None}, expect=201)
    run("POST", "/api/nfc/check-in", {"ticket_id": "x"}, expect=400)
    run("POST", "/api/nfc/check-in", {"queue_id": "general"}, key=False, expect=400)
    run("POST", "/api/nfc/check-in", b"{" + b" " * 70000 + b"}", expect=413)
    run("POST", "/api/nfc/check-in", b"{}", content_type="text/plain", expect=415)
    tid = tap["ticket"]["id"]
    run("POST", f"/api/tickets/{tid}/transitions",
        {"to": "called", "base_version": 1, "at": now, "room": "Zimmer 2", "force": False},
        expect=200)
    run("POST", f"/api/tickets/{tid}/transitions",
        {"to": "completed", "base_version": 2, "at": now, "room": None, "force": False},
        expect=422)
    run("POST", "/api/number-blocks", {"queue_id": "general", "size": 5}, expect=201)
    run("GET", f"/api/cards/{card_ref}", expect=404)
    run("PUT", f"/api/cards/{card_ref}", {"patient": "Jürgen Müller", "patient_id": "4711"},
        expect=200)
    run("GET", f"/api/cards/{card_ref}", expect=200)
    run("GET", "/api/cards/not-a-card", expect=400)
    wid = walk_in["ticket"]["id"]
    run("POST", f"/api/tickets/{wid}/edits", {"base_version": 1, "note": None}, expect=200)
    run("POST", f"/api/tickets/{wid}/edits", {"base_version": 2, "queue_id": "lab"}, expect=200)
    run("POST", f"/api/tickets/{wid}/edits", {"base_version": 3, "priority": None}, expect=400)
    run("GET", f"/api/tickets/{wid}", expect=200)
    run("GET", f"/api/tickets/{uuid.uuid4()}", expect=404)
    run("GET", f"/api/tickets/{wid}/history", expect=200)
    run("GET", "/api/stats", expect=200)
    run("GET", "/api/stats?day=2026-12-03&queue_id=general", expect=200)
    run("GET", "/api/stats?day=03.12.2026", expect=400)
    run("GET", "/api/stats?queue_id=nowhere", expect=404)
    run("DELETE", f"/api/cards/{card_ref}", expect=204)
    run("GET", "/api/live", expect=426)
    # the pages for patients and waiting rooms (no token but the display's)
    key = bytes.fromhex(config["practice_key"])
    status_token = hmac.new(key, ("status:" + wid).encode(), hashlib.sha256).hexdigest()[:32]
    unknown_token = hmac.new(key, f"status:{uuid.uuid4()}".encode(),
                             hashlib.sha256).hexdigest()[:32]
    run("GET", f"/api/public/tickets/{status_token}", token=None, expect=200)
    run("GET", f"/api/public/tickets/{unknown_token}", token=None, expect=404)
    run("GET", "/api/public/tickets/NOT-A-TOKEN", token=None, expect=404)
    run("GET", f"/api/public/live/{status_token}", token=None, expect=426)
    run("GET", f"/t/{unknown_token}", token=None, expect=200)
    run("GET", "/t/not-a-token", token=None, expect=404)
    run("GET", "/display", token=None, expect=200)
    run("GET", "/web/status.js", token=None, expect=200)
    run("GET", "/web/nothing-here.js", token=None, expect=404)
    run("GET", "/api/display/calls", token=display, expect=200)
    run("GET", "/api/display/calls", token=desk, expect=200)
    run("GET", "/api/display/calls", token=None, expect=401)
    run("GET", "/api/display/live", token=None, expect=426)

    # every schema a valid 2020-12 schema
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            failures.append(f"components/schemas/{name}: not a valid schema: {e.message}")
    # every built operation called at least once (planned ones and WebSockets aside: their
    # frames are checked by tests/integration/server_pages_test.cpp)
    for template, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or op.get("x-status") == "planned":
                continue
            if template.endswith("/live") or "responses" not in op:
                continue
            if (method, template) not in called:
                failures.append(f"{method.upper()} {template}: never called by this test")
finally:
    server.terminate()
    server.wait(timeout=10)

if failures:
    print("\n".join(failures))
    print(f"FAILED: {len(failures)} mismatches between the server and docs/openapi.yaml")
    sys.exit(1)
print(f"ok: {len(called)} operations, every answer valid against docs/openapi.yaml")
