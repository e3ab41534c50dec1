"""Several web servers over one database, one Redis and one media folder (issue 13).

Two gunicorn processes (A and B, one worker each, on two free loopback ports) serve the test
database of this run in production settings: DEBUG=0, one SECRET_KEY, ALLOWED_HOSTS and
SITE_URL of the public name, SECURE_SSL_REDIRECT and secure cookies left on, BEHIND_PROXY=1 and
PROXY_COUNT=1. The test client plays the visitor *and* nginx: every request carries the
public Host, `X-Forwarded-Proto: https` and `X-Forwarded-For`, as the proxy in front of both
would send, and one cookie jar is used against both servers (a load balancer may send any
request to either). Four differences from a real deployment, on purpose:

- static files: `StaticFilesStorage` instead of the manifest storage, so the test needs no
  collectstatic (no static file is fetched);
- Celery tasks (emails, thumbnails) run inside the request (CELERY_TASK_ALWAYS_EAGER=1): there
  is no worker here, and nothing is left queued in the shared Redis;
- email goes to the console (gunicorn's log, in the test's temporary folder);
- media: gunicorn does not serve /media/ with DEBUG off (production's nginx serves it from
  MEDIA_ROOT, see README "Production"), so the photo uploaded through A is checked in the
  shared MEDIA_ROOT under the URL that B's page gives for it.

Shown: a session opened on A is valid on B; an Excel import previewed on A is confirmed on B
(the file waits in the private import storage, here the shared PRIVATE_MEDIA_ROOT); failed
logins (django-axes, counted in PostgreSQL) and enquiries (the portal's rate limit, counted in
Redis) sent alternately to A and B are refused at the limit; an edit on A makes B's cached
public page stale at once; a photo uploaded through A is on B's page.

Runs on PostgreSQL and Redis only (DATABASE_URL, REDIS_URL), as in CI."""

import io
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from PIL import Image

from bench.run import process_stop
from cooperatives.models import Cooperative
from products.models import Product, ProductPhoto
from showcase.models import Enquiry
from tests.factories import CertificateFactory, MembershipFactory, StaffUserFactory
from tests.factories.registry import xlsx_bytes
from tests.products.test_import_export import COOPERATIVE_HEADERS
from tests.showcase.test_enquiries import VALID as ENQUIRY

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "ocop.example.vn"  # the public name the proxy forwards to both servers
PASSWORD = "mat-khau-123"  # UserFactory's
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")),
        reason="two gunicorn processes share one database: needs DATABASE_URL of a PostgreSQL (as in CI)",
    ),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="two gunicorn processes share one cache: needs REDIS_URL (as in CI)"
    ),
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed beside this Python"),
    # The servers see only committed rows; the migrations' data (groups, criteria) come back after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- The two servers ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """The URL of the test database pytest-django made (test_<name>), for the servers."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name, self.env, self.port = name, env, _free_port()
        self.log = log_dir / f"gunicorn-{name}.log"
        self.process = None

    def start(self):
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "ocop_portal.wsgi",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, deadline: float):
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                conn = HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz", headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not start:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self):
        process_stop(self.process)


@pytest.fixture(scope="module")
def shared(django_db_setup, tmp_path_factory):
    """Servers A and B over the test database, the Redis of REDIS_URL (a key prefix of their
    own) and one MEDIA_ROOT and PRIVATE_MEDIA_ROOT."""
    folder = tmp_path_factory.mktemp("servers")
    media, private = folder / "media", folder / "private_media"
    media.mkdir()
    private.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "COV_"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),  # one key for both: sessions and signatures
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        BEHIND_PROXY="1",
        PROXY_COUNT="1",
        DATABASE_URL=_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        CACHE_KEY_PREFIX=f"ocop-servers-{uuid.uuid4().hex[:12]}",
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private),
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
    )
    servers = {name: Server(name, env, folder) for name in ("A", "B")}
    try:
        for server in servers.values():
            server.start()
        deadline = time.monotonic() + 60
        for server in servers.values():
            server.wait_ready(deadline)
        yield {"A": servers["A"], "B": servers["B"], "media": media, "private": private}
    finally:
        for server in servers.values():
            server.stop()


# --- A visitor behind the proxy -----------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class Browser:
    """One visitor's cookies, sent to whichever server a request goes to. Secure cookies are
    sent too: the visitor talks HTTPS to the proxy; the proxy talks HTTP to gunicorn."""

    def __init__(self, shared, address: str = "203.0.113.10"):
        self.shared, self.address, self.cookies = shared, address, {}

    def request(self, server: str, method: str, path: str, *, body: bytes = b"", content_type: str = "") -> Response:
        port = self.shared[server].port
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Accept-Language": "vi",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers.update(
                {"Origin": f"https://{HOST}", "Referer": f"https://{HOST}{path}", "Content-Type": content_type}
            )
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body or None, headers=headers)
        raw = conn.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
        conn.close()
        for line in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value or morsel.value == '""':
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        assert response.status < 500, f"{server} {method} {path} → {response.status}\n{self.shared[server].log_tail()}"
        return response

    def get(self, server: str, path: str) -> Response:
        return self.request(server, "GET", path)

    def post(self, server: str, path: str, data: dict | list, files: dict | None = None) -> Response:
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        if "csrftoken" in self.cookies and not any(name == "csrfmiddlewaretoken" for name, _ in fields):
            fields.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        if not files:
            return self.request(
                server, "POST", path, body=urlencode(fields).encode(), content_type="application/x-www-form-urlencoded"
            )
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields:
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, kind) in files.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {kind}\r\n\r\n".encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request(
            server, "POST", path, body=out.getvalue(), content_type=f"multipart/form-data; boundary={boundary}"
        )

    def login(self, server: str, email: str, password: str) -> Response:
        self.get(server, reverse("accounts:login"))
        return self.post(server, reverse("accounts:login"), {"username": email, "password": password})


class _Forms(HTMLParser):
    """What a browser would submit for each <form> of a page (no file, no button)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        if self._form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            select, self._select = self._select, None
            values = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            self._form["fields"].extend((select["name"], value) for value in values)
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_fields(html: str, form_id: str, **changes) -> list:
    """The submission of the form `form_id` with `changes` applied (a field named in changes
    replaces the page's values for it)."""
    parser = _Forms()
    parser.feed(html)
    form = next(f for f in parser.forms if f["attrs"].get("id") == form_id)
    fields = [(name, value) for name, value in form["fields"] if name not in changes]
    return fields + [(name, str(value)) for name, value in changes.items()]


def _servers_can_check(user):
    """The test settings hash passwords with MD5 (fast), which production settings do not
    accept: store the password with the production hasher (few iterations; the server
    upgrades it at the first login)."""
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def staff_signed_in_on_a(shared) -> Browser:
    """Alliance staff, signed in on A."""
    user = _servers_can_check(StaffUserFactory(email="canbo@lienminh.vn", full_name="Nguyễn Thị Lan"))
    browser = Browser(shared, address="203.0.113.20")
    assert browser.login("A", user.email, PASSWORD).status == 302
    return browser


# --- What is shown, part by part --------------------------------------------------------------


def a_session_opened_on_a_is_valid_on_b(shared):
    member = _servers_can_check(
        MembershipFactory(user__email="giamdoc@htx.vn", cooperative__name="HTX Nếp cái hoa vàng").user
    )
    visitor = Browser(shared)
    assert visitor.get("B", reverse("cooperatives:dashboard")).status == 302  # not signed in yet

    signed_in = visitor.login("A", member.email, PASSWORD)
    space_on_b = visitor.get("B", reverse("cooperatives:dashboard"))

    assert signed_in.status == 302 and signed_in.header("Location") == reverse("cooperatives:dashboard")
    assert space_on_b.status == 200
    assert "HTX Nếp cái hoa vàng" in space_on_b.text
    # Signing out on B ends the session on A as well.
    visitor.post("B", reverse("accounts:logout"), {})
    assert visitor.get("A", reverse("cooperatives:dashboard")).status == 302


def an_excel_import_previewed_on_a_is_confirmed_on_b(shared, staff):
    sheet = xlsx_bytes(
        COOPERATIVE_HEADERS, [["HTX Mây tre đan Phú Vinh", "HTX", "2700999999", "14608", "", 2021, None]]
    )
    before = {p.name for p in shared["private"].rglob("*") if p.is_file()}

    preview = staff.post(
        "A",
        reverse("admin:cooperatives_cooperative_import"),
        {"format": "0", "resource": "0"},
        files={"import_file": ("htx.xlsx", sheet, XLSX_TYPE)},
    )
    waiting = {p.name for p in shared["private"].rglob("*") if p.is_file()} - before
    # The confirmation form: its hidden fields name the waiting file (as the browser posts them).
    form = preview.text.split('name="confirm"')[0].rsplit("<form", 1)[1]
    confirm = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert preview.status == 200 and confirm.get("import_file_name"), preview.text[-2000:]
    assert waiting, "the preview's file waits in the shared private storage"
    assert not Cooperative.objects.filter(registration_number="2700999999").exists()

    confirmed = staff.post("B", reverse("admin:cooperatives_cooperative_process_import"), confirm)

    assert confirmed.status == 302
    assert Cooperative.objects.get(registration_number="2700999999").name == "HTX Mây tre đan Phú Vinh"


def failed_logins_alternating_a_and_b_are_refused_at_the_limit(shared):
    _servers_can_check(MembershipFactory(user__email="chu@htx.vn").user)
    attacker = Browser(shared, address="198.51.100.7")
    statuses = [attacker.login("AB"[i % 2], "chu@htx.vn", "sai").status for i in range(settings.AXES_FAILURE_LIMIT)]
    right_password = attacker.login("B", "chu@htx.vn", PASSWORD)

    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429  # the 5th failure, on A, counts the 2 made on B
    assert right_password.status == 429


def enquiries_alternating_a_and_b_are_counted_together(shared):
    """The portal's own rate limit (5 enquiries an hour per address) is counted in Redis."""
    product = CertificateFactory(stars=4).product
    buyer = Browser(shared, address="198.51.100.8")
    buyer.get("A", product.get_absolute_url())
    statuses = [buyer.post("AB"[i % 2], product.get_absolute_url(), ENQUIRY).status for i in range(6)]

    assert statuses == [302] * 5 + [429]
    assert Enquiry.objects.filter(product=product).count() == 5


def an_edit_on_a_refreshes_the_cached_public_page_on_b(shared, staff):
    product = CertificateFactory(stars=4, product__name="Nếp cái hoa vàng").product
    page = product.get_absolute_url()
    assert Browser(shared).get("B", page).header("X-Page-Cache") == "miss"
    cached = Browser(shared).get("B", page)
    assert cached.header("X-Page-Cache") == "hit" and "Nếp cái hoa vàng" in cached.text

    change = reverse("admin:products_product_change", args=[product.pk])
    edit = staff.get("A", change)
    saved = staff.post("A", change, form_fields(edit.text, "product_form", name="Nếp cái hoa vàng Kim Sơn", _save="1"))
    after = Browser(shared).get("B", page)

    assert saved.status == 302, saved.text[-3000:]
    assert Product.objects.get(pk=product.pk).name == "Nếp cái hoa vàng Kim Sơn"
    assert after.header("X-Page-Cache") == "miss"
    assert "Nếp cái hoa vàng Kim Sơn" in after.text


def a_photo_uploaded_through_a_is_on_the_page_b_serves(shared, staff):
    product = CertificateFactory(stars=4).product
    page = product.get_absolute_url()
    assert Browser(shared).get("B", page).status == 200  # cached on B without a photo

    add = reverse("admin:products_productphoto_add")
    form = staff.get("A", add)
    uploaded = staff.post(
        "A",
        add,
        form_fields(form.text, "productphoto_form", product=product.pk, alt_text="Túi nếp 2 kg", _save="1"),
        files={"image": ("anh.jpg", _jpeg(), "image/jpeg")},
    )
    photo = ProductPhoto.objects.get(product=product)
    on_b = Browser(shared).get("B", page)

    assert uploaded.status == 302, uploaded.text[-3000:]
    assert photo.image.url in on_b.text
    # nginx serves MEDIA_URL from the shared MEDIA_ROOT: the file B's page points to is there.
    stored = shared["media"] / photo.image.url.removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (64, 48))
    assert photo.thumbnail and (shared["media"] / photo.thumbnail.name).is_file()  # made by A's task


# --- The test -----------------------------------------------------------------------------------


def test_two_web_servers_share_sessions_imports_rate_limits_the_page_cache_and_media(shared):
    """One test, not six: each transactional test reloads the migrations' data (the communes)
    afterwards, which costs more than the parts themselves."""
    a_session_opened_on_a_is_valid_on_b(shared)
    staff = staff_signed_in_on_a(shared)
    an_excel_import_previewed_on_a_is_confirmed_on_b(shared, staff)
    failed_logins_alternating_a_and_b_are_refused_at_the_limit(shared)
    enquiries_alternating_a_and_b_are_counted_together(shared)
    an_edit_on_a_refreshes_the_cached_public_page_on_b(shared, staff)
    a_photo_uploaded_through_a_is_on_the_page_b_serves(shared, staff)
