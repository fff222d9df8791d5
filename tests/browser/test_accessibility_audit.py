"""The audit itself: it must catch what it is there to catch (no live server, no model)."""

from playwright.sync_api import expect

from tests.browser.accessibility import AccessibilityAudit, AuditedBrowser

SITE = "http://a11y.test"
PAGES = {
    "/": '<a href="/grey">Next</a><form action="/grey"><button>Go</button></form>',
    "/grey": '<p style="color: #999">Hard to read</p><a href="/">Back</a>',
}


def serve(route):
    path = route.request.url.removeprefix(SITE).split("?")[0]
    html = f'<!doctype html><html lang="en"><title>t</title><main><h1>Page</h1>{PAGES[path]}</main></html>'
    route.fulfill(body=html, content_type="text/html")


def test_each_document_is_audited_once_and_violations_name_rule_target_and_page(browser):
    audit = AccessibilityAudit()
    page = AuditedBrowser(browser.plain, audit).new_page()
    page.route(f"{SITE}/**", serve)
    page.goto(f"{SITE}/")
    page.click("button")  # audits "/" first, then leaves it through a form
    expect(page).to_have_url(f"{SITE}/grey?")
    page.click("text=Back")  # audits "/grey?"
    page.reload()
    audit.audit_open_pages()
    assert audit.pages_audited == 4  # "/", "/grey?", "/", and "/" again after the reload
    assert [(v.rule, v.impact, v.target, v.url) for v in audit.violations] == [
        ("color-contrast", "serious", "p", "/grey")]
    assert audit.failed
    assert "color-contrast (serious)" in audit.report() and "pages: /grey" in audit.report()
