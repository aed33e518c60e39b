"""The real app in a real browser: Debian's chromium driven by Playwright, against `crosswire serve` on 127.0.0.1.

Skips with a message when /usr/bin/chromium or the playwright package is absent (`.ci/run` installs
chromium with apt; no browser is ever downloaded). Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import contextlib
import pathlib

import pytest
from web_corpus import DAM_A, DAM_B, EXAMPLES, TOKEN

CHROMIUM = pathlib.Path("/usr/bin/chromium")
SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
                allow_module_level=True)  # fmt: skip
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (pip)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def browsing(browser, server: str):
    """A page on `server` that may reach nothing else, recording any dialog an article's text would open."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.dialogs = []  # an alert() from article text would land here
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    # nothing but the test server: any other request fails
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser, server):
    with browsing(browser, server) as page:
        yield page


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=False)


def test_open_a_story_click_a_conflict_and_see_its_sentence_highlighted_in_both_articles(page, story_ids):
    page.goto("/")
    sync_api.expect(page.locator("table.stories")).to_contain_text("Kestrel Bridge closed after cable cracks found")
    for _ in range(300):  # the server compares the stories in the background; their counts then show
        if page.locator("td.dim").count() == 0:
            break
        page.wait_for_timeout(200)
        page.reload()
    sync_api.expect(page.locator("table.stories .badge.conflicting").first).to_be_visible()
    shot(page, "stories.png")
    page.click("text=Kestrel Bridge closed after cable cracks found")
    page.wait_for_url(f"**/stories/{story_ids['bridge']['id']}")
    cell = page.locator("#key-facts tr.conflicting a[data-finding]").first
    fid = cell.get_attribute("data-finding")
    marks = [page.locator(f"#text-{n} mark[data-finding~='{fid}']") for n in (1, 2)]
    assert all(m.count() >= 1 for m in marks)
    assert page.locator("mark.active").count() == 0
    shot(page, "story.png")
    cell.click()
    for m in marks:
        sync_api.expect(m.first).to_have_class("conflicting active")
    assert "9 million euros" in marks[1].first.inner_text() and "6 million euros" in marks[0].first.inner_text()
    shot(page, "story-highlight.png")
    # what an article says is shown as text and runs nothing
    sync_api.expect(page.locator("#text-2")).to_contain_text("<script>alert(1)</script> and <img src=x onerror=alert(1)>")
    assert page.locator("#articles img").count() == 0 and page.dialogs == []


def test_clicking_a_marked_sentence_lights_up_the_matching_one_in_the_other_article(page, story_ids):
    page.goto(f"/stories/{story_ids['bridge']['id']}")
    first = page.locator("#text-1 mark.corroborated").first
    fid = first.get_attribute("data-finding").split()[0]
    first.click()
    sync_api.expect(page.locator(f"#text-2 mark[data-finding~='{fid}']").first).to_have_class("corroborated active")


def test_article_page_shows_marks_and_escaped_text(page, story_ids):
    page.goto(f"/articles/{story_ids['bridge']['article_ids'][1]}")
    sync_api.expect(page.locator(".article-marks")).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator(".article-marks mark.amount").count() >= 1 and page.locator(".article-marks img").count() == 0
    shot(page, "article.png")
    assert page.dialogs == []


def test_upload_two_files_on_the_compare_page_and_get_a_report(page):
    page.goto("/compare")
    page.set_input_files("input[name=files]", [str(EXAMPLES / "harbor-strike-gazette.txt"),
                                                str(EXAMPLES / "harbor-strike-wire.json")])  # fmt: skip
    page.click("button[type=submit]")
    sync_api.expect(page.locator("#key-facts")).to_be_visible(timeout=60_000)
    assert page.locator("#articles article.source").count() == 2
    assert page.locator("#key-facts tbody tr").count() >= 3
    shot(page, "compare.png")


def test_save_from_the_compare_page_with_the_token_and_open_the_saved_story(browser, writable_server):
    with browsing(browser, writable_server) as page:
        page.goto("/compare")
        page.fill("textarea[name=text] >> nth=0", DAM_A)
        page.fill("textarea[name=text] >> nth=1", DAM_B)
        page.check("input[name=save]")
        page.fill("input[name=token]", "not the token")
        page.click("button[type=submit]")
        sync_api.expect(page.locator("p.error")).to_contain_text("Not saved: wrong token", timeout=60_000)
        page.fill("textarea[name=text] >> nth=0", DAM_A)
        page.fill("textarea[name=text] >> nth=1", DAM_B)
        page.check("input[name=save]")
        page.fill("input[name=token]", TOKEN)
        page.click("button[type=submit]")
        sync_api.expect(page.locator("p.saved")).to_contain_text("Saved to the store (2 new", timeout=60_000)
        shot(page, "compare-saved.png")
        page.click("a.saved-story")
        page.wait_for_url("**/stories/s-*")
        sync_api.expect(page.locator("#key-facts tr.conflicting").first).to_be_visible()
        assert page.locator("#articles article.source").count() == 2 and page.dialogs == []
