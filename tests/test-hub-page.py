#!/usr/bin/env python3
# TAP test: the local engagement hub's agent page in headless Chromium.
#
# `virtual-agent-cli chat --json --local-hub` talks with the sample bot until it hands off; the
# page it names is opened in Chromium, driven over the DevTools protocol (a minimal WebSocket
# client below: the standard library has none). The agent types and clicks like a person would,
# and the CLI's event stream must show the reply and the status. A second, shorter run in French
# checks that the page speaks the app's language.
#
# Usage: test-hub-page.py PATH/TO/virtual-agent-cli
import base64
import json
import os
import queue
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

TIMEOUT = 20
n = 0
failures = 0


def ok(condition, description):
    global n, failures
    n += 1
    if condition:
        print(f"ok {n} - {description}")
    else:
        failures += 1
        print(f"not ok {n} - {description}")
    sys.stdout.flush()
    return condition


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


# {{{ A minimal WebSocket client (RFC 6455: handshake, masked frames out, frames in)

class WebSocket:
    def __init__(self, url):
        match = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the DevTools socket closed during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("no WebSocket upgrade: " + head.decode(errors="replace"))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the DevTools socket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self):
        message = b""
        while True:
            first, second = self._read(2)
            opcode = first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the DevTools socket was closed")
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if first & 0x80:
                    return message.decode()

    def close(self):
        try:
            self._send_frame(0x8, b"")
        except OSError:
            pass
        self.sock.close()

# }}}
# {{{ DevTools protocol


class DevTools:
    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.on_event(message)

    def on_event(self, message):
        self.events.append(message)
        # An alert() would block the page: note it and dismiss it.
        if message["method"] == "Page.javascriptDialogOpening":
            self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": True}}))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        return None

    def click(self, selector):
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def screenshot(self, name):
        directory = os.environ.get("VA_SCREENSHOT_DIR")
        if not directory:
            return
        os.makedirs(directory, exist_ok=True)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(directory, name), "wb") as out:
            out.write(base64.b64decode(data))

# }}}
# {{{ The CLI


class Cli:
    def __init__(self, path, env=None):
        self.process = subprocess.Popen([path, "chat", "--json", "--local-hub"], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def say(self, text):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def expect(self, predicate, timeout=TIMEOUT):
        """The first event (new or already seen) that matches, or None after the timeout."""
        for event in self.seen:
            if predicate(event):
                self.seen.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if predicate(event):
                return event
            self.seen.append(event)
        return None

    def close(self):
        try:
            self.say("/quit")
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        return self.process.returncode

# }}}


def start_chromium(chromium, profile):
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-extensions", "--no-first-run",
         "--no-default-browser-check", "--disable-dev-shm-usage",
         f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as f:
                lines = f.read().split("\n")
            if len(lines) >= 2 and lines[0].strip():
                return process, int(lines[0])
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("Chromium did not start its DevTools server")


def page_socket_url(port):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as r:
            targets = json.load(r)
        for target in targets:
            if target.get("type") == "page":
                return target["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise RuntimeError("Chromium has no page")


def stop_browser(browser, devtools):
    if devtools is not None:
        devtools.ws.close()
    if browser is not None:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()


def csp_violations(devtools):
    """What the browser logged against the page's Content-Security-Policy."""
    return [e for e in devtools.events if e["method"] == "Log.entryAdded" and
            "Content Security Policy" in e["params"]["entry"].get("text", "")]


def texts(selector):
    return ("Array.from(document.querySelectorAll(" + json.dumps(selector) +
            ")).map((e) => e.textContent)")


def run(cli_path, chromium):
    cli = Cli(cli_path)
    profile = tempfile.mkdtemp(prefix="va-hub-page-")
    browser = None
    devtools = None
    try:
        hostile = "<script>alert(1)</script> <b>&</b>"
        for line in ("where is my order", "4711", hostile, "talk to a person"):
            cli.say(line)
        status = cli.expect(lambda e: e.get("event") == "handoff-status" and "data" in e)
        if not ok(status is not None and status.get("name") == "accepted",
                  "the CLI's conversation is handed off to the local hub"):
            return
        url = status["data"]
        ok(re.match(r"^http://127\.0\.0\.1:\d+/c/[0-9a-f]{16}\?token=[0-9a-f]{32}$", url),
           "the hub answers with the agent page's address and its token")

        browser, port = start_chromium(chromium, profile)
        devtools = DevTools(page_socket_url(port))
        for domain in ("Page", "Runtime", "Network", "Log"):
            devtools.call(domain + ".enable")

        devtools.call("Page.navigate", url=url)
        ok(devtools.wait_for("document.body && document.body.dataset.ready === 'true'"),
           "the page loads and fetches the conversation (its nonce'd script runs)")
        shown = devtools.evaluate(texts("#transcript .text"))
        ok("where is my order" in shown and "4711" in shown,
           "the page shows the transcript")
        ok(hostile in shown, "HTML in the transcript shows as text")
        ok(devtools.evaluate("document.querySelectorAll('#transcript b, #transcript script')"
                             ".length") == 0,
           "no <b> or <script> element is made from the transcript")
        roles = devtools.evaluate(texts("#transcript .author"))
        ok("Customer" in roles and "Bot" in roles, "the page says who said what")
        ok(devtools.evaluate("document.getElementById('agent-message').textContent") ==
           "The customer asked for help with: Order status",
           "the page shows the private message to the agent")
        context = devtools.evaluate(texts("#context .row"))
        ok(any(row.startswith("va_BotName") and "Sample support bot" in row for row in context)
           and any(row.startswith("va_LastPhrase") for row in context),
           "the page shows the va_* context variables")
        variables = devtools.evaluate(texts("#variables .row"))
        ok(any(row.startswith("OrderNumber") and row.endswith("4711") for row in variables),
           "the page shows the bot's variables")
        ok("Waiting" in devtools.evaluate("document.getElementById('status').textContent"),
           "the page shows that no agent has taken the conversation yet")
        devtools.screenshot("hub-page-light.png")

        # The user types in the terminal while handed off: the page shows it (long poll).
        cli.say("are you there?")
        ok(devtools.wait_for("Array.from(document.querySelectorAll('#transcript .text'))"
                             ".some((e) => e.textContent === 'are you there?')"),
           "the user's message reaches the page")

        # The agent types a reply and clicks Send, as a person would.
        reply = "Hi, I'm Sam <i>from support</i> & co."
        devtools.evaluate("document.getElementById('reply').focus()")
        devtools.call("Input.insertText", text=reply)
        devtools.click("#send")
        event = cli.expect(lambda e: e.get("event") == "agent-message")
        ok(event is not None and event.get("text") == reply,
           "a reply typed on the page arrives as an agent message in the engine's events")
        accepted = cli.expect(lambda e: e.get("event") == "handoff-status" and
                              e.get("name") == "accepted")
        ok(accepted is not None, "answering takes the conversation (accepted)")
        ok(devtools.wait_for("Array.from(document.querySelectorAll('#transcript .agent .text'))"
                             f".some((e) => e.textContent === {json.dumps(reply)})"),
           "the page shows the agent's reply")
        ok(devtools.evaluate("document.getElementById('reply').value") == "",
           "the reply box is emptied")
        ok(devtools.evaluate("document.querySelectorAll('#transcript i').length") == 0,
           "the agent's HTML is text too")

        devtools.call("Emulation.setEmulatedMedia",
                      features=[{"name": "prefers-color-scheme", "value": "dark"}])
        dark = devtools.evaluate("getComputedStyle(document.body).backgroundColor")
        ok(dark == "rgb(36, 36, 36)", "the page follows a dark colour scheme")
        devtools.screenshot("hub-page-dark.png")
        devtools.call("Emulation.setEmulatedMedia", features=[])

        devtools.click("#resolve")
        event = cli.expect(lambda e: e.get("event") == "handoff-status" and
                           e.get("name") == "completed")
        ok(event is not None, "Resolve sends completed")
        ok(devtools.wait_for("document.getElementById('send').disabled && "
                             "!document.getElementById('banner').hidden"),
           "the page shows that the conversation is resolved")
        cli.seen.clear()
        cli.say("what are your opening hours")
        event = cli.expect(lambda e: e.get("event") == "bot-message")
        ok(event is not None and event.get("text") == "Which store are you asking about?",
           "after completed, the bot has the conversation again")

        dialogs = [e for e in devtools.events if e["method"] == "Page.javascriptDialogOpening"]
        ok(not dialogs, "no alert ever opened")
        ok(not csp_violations(devtools), "the page breaks none of its own Content-Security-Policy")
        injected = devtools.evaluate(
            "(() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = 1'; document.body.append(s);"
            " return window.injected === undefined; })()")
        ok(injected, "an injected inline script is refused by the Content-Security-Policy")

        # A wrong token: the browser gets 403 and nothing of the conversation.
        wrong = re.sub(r"token=[0-9a-f]{32}", "token=" + "0" * 32, url)
        devtools.events.clear()
        devtools.call("Page.navigate", url=wrong)
        devtools.wait_for("document.readyState === 'complete'")
        statuses = [e["params"]["response"]["status"] for e in devtools.events
                    if e["method"] == "Network.responseReceived" and
                    e["params"]["response"]["url"] == wrong]
        ok(statuses == [403], "a wrong token gets 403 in the browser")
        body = devtools.evaluate("document.body ? document.body.innerText : ''")
        ok("4711" not in body and "Sample support bot" not in body,
           "…and shows nothing of the conversation")
        try:
            urllib.request.urlopen(url.split("?")[0], timeout=TIMEOUT)
            code = 200
        except urllib.error.HTTPError as error:
            code = error.code
        ok(code == 403, "no token gets 403")
    finally:
        stop_browser(browser, devtools)
        ok(cli.close() == 0, "the chat ends cleanly")
        shutil.rmtree(profile, ignore_errors=True)


def run_french(cli_path, chromium):
    """The page in the language of the app that serves it: French here, from the build's own
    catalog (<build>/po, beside <build>/src/cli), as the i18n suite uses it."""
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(cli_path))))
    localedir = os.path.join(build, "po")
    if not ok(os.path.exists(os.path.join(localedir, "fr", "LC_MESSAGES", "virtual-agent.mo")),
              "the French catalog is built"):
        return
    env = dict(os.environ, LANGUAGE="fr", VA_LOCALEDIR=localedir)
    cli = Cli(cli_path, env)
    profile = tempfile.mkdtemp(prefix="va-hub-page-fr-")
    browser = None
    devtools = None
    try:
        cli.say("talk to a person")
        status = cli.expect(lambda e: e.get("event") == "handoff-status" and "data" in e)
        if not ok(status is not None, "in French too, the conversation reaches the local hub"):
            return
        browser, port = start_chromium(chromium, profile)
        devtools = DevTools(page_socket_url(port))
        for domain in ("Page", "Runtime", "Log"):
            devtools.call(domain + ".enable")
        devtools.call("Page.navigate", url=status["data"])
        ok(devtools.wait_for("document.body && document.body.dataset.ready === 'true'"),
           "the French page loads")
        ok(devtools.evaluate("document.documentElement.lang") == "fr", "the page says it is French")
        ok(devtools.evaluate("document.getElementById('accept').textContent") == "Accepter" and
           devtools.evaluate("document.getElementById('reply').placeholder").startswith("Écrivez"),
           "the page's own texts are French")
        roles = devtools.evaluate(texts("#transcript .author"))
        ok("Client" in roles and "Bot" in roles and "Customer" not in roles,
           "page.js shows French texts (who said what)")
        ok(devtools.evaluate("document.getElementById('status').textContent") ==
           "En attente d’un agent", "the status is French")
        ok(devtools.evaluate("document.title").startswith("Discussion de l’agent — "),
           "the tab's title is French")
        ok(not csp_violations(devtools), "the texts block breaks none of the Content-Security-Policy")
        devtools.screenshot("hub-page-fr.png")
    finally:
        stop_browser(browser, devtools)
        ok(cli.close() == 0, "the French chat ends cleanly")
        shutil.rmtree(profile, ignore_errors=True)


def run_hub_command(cli_path):
    """`virtual-agent-cli hub` alone: takes a handoff from any bot and serves its page."""
    process = subprocess.Popen([cli_path, "hub"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, bufsize=1)
    try:
        first = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", first)
        if not ok(match is not None, "hub prints its address"):
            return
        activity = {"type": "event", "name": "handoff.initiate",
                    "value": {"va_ConversationId": "from-elsewhere", "va_BotName": "Other bot"}}
        request = urllib.request.Request(match.group(1) + "handoff",
                                         data=json.dumps(activity).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = json.load(response)
        url = answer.get("chatUrl", "")
        ok(answer.get("value", {}).get("state") == "accepted" and url.startswith(match.group(1)),
           "hub takes a handoff posted to its webhook")
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            ok(response.status == 200, "hub serves the handoff's page")
        printed = ""
        while "from-elsewhere" not in printed:
            line = process.stdout.readline()
            if not line:
                break
            printed += line
        ok(url in printed, "hub prints the page's address")
        process.send_signal(signal.SIGINT)
        ok(process.wait(timeout=10) == 0, "hub stops on Ctrl+C")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    code = subprocess.run([cli_path, "hub", "--port", "70000"], capture_output=True).returncode
    ok(code == 2, "hub refuses a port out of range")


def main():
    if len(sys.argv) != 2:
        print("usage: test-hub-page.py PATH/TO/virtual-agent-cli", file=sys.stderr)
        return 2
    chromium = find_chromium()
    if chromium is None:
        print("1..0 # SKIP chromium not installed")
        return 0
    try:
        run_hub_command(sys.argv[1])
        run(sys.argv[1], chromium)
        run_french(sys.argv[1], chromium)
    except Exception as error:  # a broken run is one failure with its reason, then the plan
        ok(False, f"the browser run went through ({type(error).__name__}: {error})")
    print(f"1..{n}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
