"""An axe-core audit of every page the browser tests visit.

axe-core comes from a package (axe-playwright-python bundles `axe.min.js`), never from a CDN.
It is injected with `page.evaluate`, a DevTools evaluation the page's Content-Security-Policy
does not govern, so the tests keep the CSP in force (no `bypass_csp`).

The pages a test gets from the `browser` fixture are `AuditedPage`s: before each call a test
makes on a page (click, fill, goto, locator, screenshot...), the document the page shows is
audited if it has not been yet, and the documents still open are audited when the test ends.
So every document a test acts on or looks at is audited once, from the test's own thread,
with no race against its steps. (Auditing from a route just before a navigation leaves the
page cannot work: Chromium evaluates nothing in a frame while its navigation request waits.)
"""

from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import urlsplit

from playwright.sync_api import Error, Page

AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")

# Resolves once the document and its stylesheet have loaded (contrast needs the real styles),
# or after 10 s: a page that never loads is audited as it stands rather than hanging the test.
_LOADED = """() => document.readyState === "complete" ? null : new Promise(resolve => {
  window.addEventListener("load", () => resolve(null), {once: true});
  setTimeout(() => resolve(null), 10000);
})"""

_RUN = """async () => {
  window.__axeAudited = true;
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""

# Page calls that neither show nor act on the document: no audit before them.
_NOT_ACTIONS = {"close", "is_closed", "on", "once", "remove_listener", "set_default_timeout",
                "set_default_navigation_timeout", "wait_for_timeout"}


@dataclass(frozen=True)
class Violation:
    """One axe rule broken by one element of one page."""

    rule: str
    impact: str
    help: str
    target: str
    summary: str
    url: str


class AccessibilityAudit:
    """Runs axe once on each document of the watched pages and keeps what it finds."""

    def __init__(self):
        self.violations = []
        self.errors = []  # documents that could not be audited: a failure too, never a pass
        self.pages_audited = 0
        self.pages = []

    def audit(self, page):
        """Run axe on the page's current document unless it was audited already."""
        if page.is_closed() or not page.url.startswith("http"):
            return
        for attempt in range(3):
            try:
                found = self._run(page)
            except Error as error:
                # The document was replaced under the evaluation: audit the new one.
                if "context was destroyed" in error.message and attempt < 2:
                    continue
                self.errors.append(f"{_path(page.url)}: {error.message.splitlines()[0]}")
                return
            break
        if found is None:
            return
        self.pages_audited += 1
        for rule in found["violations"]:
            for node in rule["nodes"]:
                self.violations.append(Violation(
                    rule["id"], rule["impact"] or "", rule["help"], node["target"],
                    (node["summary"] or "").replace("\n", " "), _path(found["url"]),
                ))

    @staticmethod
    def _run(page):
        page.evaluate(_LOADED)
        if page.evaluate("() => window.__axeAudited === true"):
            return None
        url = page.evaluate("() => location.href")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SOURCE)
        return {"url": url, "violations": page.evaluate(_RUN)}

    def audit_open_pages(self):
        """Audit the documents the test left open."""
        for page in self.pages:
            self.audit(page)

    @property
    def failed(self):
        return bool(self.violations or self.errors)

    def report(self):
        """Violations grouped by rule and element, with the pages they were found on."""
        groups = {}
        for v in self.violations:
            groups.setdefault((v.rule, v.impact, v.help, v.target, v.summary), []).append(v.url)
        lines = [f"axe-core found {len(groups)} accessibility violation(s) "
                 f"on {self.pages_audited} audited page(s):"]
        for (rule, impact, help_text, target, summary), urls in sorted(groups.items()):
            pages = ", ".join(dict.fromkeys(urls))
            lines.append(f"- {rule} ({impact}): {help_text}\n    target: {target}\n    pages: {pages}"
                         f"\n    {summary}")
        lines += [f"- could not audit {error}" for error in self.errors]
        return "\n".join(lines)


class AuditedPage(Page):
    """A Playwright page (the same object underneath; `expect(page)` works) that has its
    current document audited before each call the test makes on it."""

    def __init__(self, page, audit):
        super().__init__(page._impl_obj)
        object.__setattr__(self, "_plain", page)
        object.__setattr__(self, "_audit", audit)
        audit.pages.append(page)

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name.startswith("_") or name in _NOT_ACTIONS or not callable(attribute):
            return attribute
        audit, plain = super().__getattribute__("_audit"), super().__getattribute__("_plain")

        def audited_call(*args, **kwargs):
            audit.audit(plain)
            return attribute(*args, **kwargs)

        return audited_call


class AuditedContext:
    """A browser context whose pages are AuditedPages."""

    def __init__(self, context, audit):
        self._context = context
        self._audit = audit

    def new_page(self):
        """A new page of this context, audited."""
        return AuditedPage(self._context.new_page(), self._audit)

    def __getattr__(self, name):
        return getattr(self._context, name)


class AuditedBrowser:
    """The Playwright browser, whose every new context is audited."""

    def __init__(self, browser, audit):
        self.plain = browser  # the Playwright browser itself, for a test with its own audit
        self.audit = audit

    def new_context(self, **options):
        """A browser context whose pages are audited."""
        return AuditedContext(self.plain.new_context(**options), self.audit)

    def new_page(self, **options):
        """A page in a new audited context."""
        return self.new_context(**options).new_page()

    def __getattr__(self, name):
        return getattr(self.plain, name)


def _path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
