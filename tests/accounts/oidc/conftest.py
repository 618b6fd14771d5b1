"""A real OpenID Connect provider (npm ``oidc-provider``, ``provider.mjs``) on 127.0.0.1 for
the single sign-on tests, and a helper that walks a browser's way through it.

Without Node.js or the npm package (``npm ci``, which ``make test`` runs) the tests skip,
except when WAYPOINT_REQUIRE_SERVICES is set (CI), where that fails them.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("provider.mjs")
PORTS = range(8121, 8130)
PROVIDER_ID = "testidp"
CLIENT_ID = "waypoint-tests"
CLIENT_SECRET = "not-a-real-secret-only-for-tests"
CALLBACK_PATH = f"/accounts/oidc/{PROVIDER_ID}/login/callback/"


def _unavailable(message: str):
    if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    # Each test process (make test runs two) starts looking at a port of its own, so that
    # two starting at once do not both find the same one free.
    process = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    first = (process * 3) % len(PORTS)
    for port in [*PORTS[first:], *PORTS[:first]]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    _unavailable(f"no free port for the OpenID provider in {PORTS.start}-{PORTS.stop - 1}")


@dataclass
class RunningProvider:
    issuer: str
    state_file: Path

    def set(self, **state) -> None:
        """Who signs in next and what the provider says (see provider.mjs)."""
        base = {"account": "", "deny": False, "amr": ["pwd"], "mode": "", "accounts": {}}
        self.state_file.write_text(json.dumps({**base, **state}))

    def person(self, account: str, *, amr=None, mode: str = "", deny: bool = False, **claims):
        self.set(account=account, amr=amr or ["pwd"], mode=mode, deny=deny,
                 accounts={account: claims})  # fmt: skip


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        _unavailable("needs Node.js (scripts/ensure-system-deps)")
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        _unavailable("needs the npm package oidc-provider (npm ci, run by make test)")
    folder = tmp_path_factory.mktemp("oidc")
    port = _free_port()
    state_file = folder / "state.json"
    config = {
        "port": port,
        "state": str(state_file),
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"http://testserver{CALLBACK_PATH}"],
            }
        ],
    }
    (folder / "config.json").write_text(json.dumps(config))
    running = RunningProvider(issuer=f"http://127.0.0.1:{port}", state_file=state_file)
    running.set()
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [node, str(SCRIPT), str(folder / "config.json")],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_ready(running.issuer, process, folder / "provider.log")
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_until_ready(issuer: str, process, log_path: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the OpenID provider stopped: {log_path.read_text()[-2000:]}")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"the OpenID provider did not start: {log_path.read_text()[-2000:]}")


@pytest.fixture
def oidc(oidc_server, settings):
    """The provider, configured in Waypoint as "Ministry ID" (trusted for no second factor)."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Ministry ID",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": oidc_server.issuer,
                        "oauth_pkce_enabled": True,
                        "email_authentication": True,
                        "mfa_amr": [],
                    },
                }
            ]
        }
    }
    oidc_server.set()
    return oidc_server


def trust_provider_mfa(settings, *values: str) -> None:
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"]["mfa_amr"] = list(
        values
    )


def sign_in_at_provider(client, *, next_url: str = ""):
    """Press "Sign in with Ministry ID", let the provider do its part (it logs in the
    state's person at once), and bring its answer back to Waypoint's callback, as a browser
    would. Returns Waypoint's response to the callback."""
    login_url = f"/accounts/oidc/{PROVIDER_ID}/login/?process=login"
    if next_url:
        login_url += f"&next={next_url}"
    started = client.post(login_url)
    assert started.status_code == 302, started.content[:500]
    location = started["Location"]
    browser = requests.Session()
    for _ in range(10):
        parts = urlsplit(location)
        if parts.netloc == "testserver":
            return client.get(f"{parts.path}?{parts.query}")
        response = browser.get(location, allow_redirects=False, timeout=5)
        assert response.is_redirect, (response.status_code, response.text[:500])
        location = requests.compat.urljoin(location, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back to Waypoint")
