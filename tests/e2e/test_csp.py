"""No page the portal serves logs a Content-Security-Policy violation in Chromium: public pages,
the space, the staff pages and the admin (the policy blocks inline scripts without a nonce and
every third-party origin)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.e2e.helpers import e2e_db
from tests.factories import CertificateFactory, MembershipFactory, StaffUserFactory

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @" + e.sourceFile + ":" + e.lineNumber);
});
"""


def _signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def _violations(context, urls) -> dict:
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    found = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)  # let deferred scripts run
        events = page.evaluate("window.__csp")
        if events or console:
            found[url] = events + console
            console.clear()
    context.close()
    return found


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@e2e_db
def test_no_page_logs_a_csp_violation(browser, live_server):
    certificate = CertificateFactory(stars=4)
    product = certificate.product
    member = MembershipFactory(cooperative=product.cooperative).user
    staff = StaffUserFactory(is_superuser=True)
    public = [
        reverse("home"),
        reverse("showcase:catalogue"),
        product.get_absolute_url(),
        reverse("showcase:producers"),
        reverse("showcase:producer", kwargs={"slug": product.cooperative.slug}),
        reverse("showcase:certificate_check") + f"?code={certificate.product_code}",
        reverse("accounts:login"),
        reverse("accounts:signup"),
    ]
    space = [reverse("cooperatives:dashboard"), reverse("showcase:space_enquiries")]
    staff_pages = [
        "/admin/",
        reverse("admin:products_product_changelist"),
        reverse("admin:products_product_change", args=[product.pk]),
        reverse("admin:cooperatives_cooperative_import"),
        reverse("registrations:staff_queue"),
    ]
    anonymous = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")

    found = {
        **_violations(anonymous, public),
        **_violations(_signed_in(browser, live_server, member), space),
        **_violations(_signed_in(browser, live_server, staff), staff_pages),
    }

    assert found == {}
