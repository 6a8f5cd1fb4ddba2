"""Cross-site scripting probes, and a check that a page rendered them inert.

Shared: any page that shows stored text (timeline, claim page, print page, feeds) can post
PAYLOADS into every text field and run `assert_inert` on what it renders.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript&#58;alert(1))",
    '![img](x" onerror="alert(1))',
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](https://example.org "t" onmouseover=alert(1))',
    '<https://example.org/" onmouseover="alert(1)>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    '<img src="x" onerror="alert(1)"',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<form action=javascript:alert(1)><input type=submit></form>",
    "<object data=javascript:alert(1)></object>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<a href='vbscript:msgbox(1)'>vb</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ 7*7 }} {% raw %}",
    "</textarea><script>alert(1)</script>",
    "\u202e<script>alert(1)</script>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "style", "frame", "frameset", "applet"}


def assert_inert(html: str) -> None:
    """Fail if the page holds anything a payload could have turned into active content:
    an event handler, a style attribute, a script or frame of its own, a dangerous URL."""
    page = BeautifulSoup(html, "html.parser")
    for tag in page.find_all(True):
        assert tag.name not in FORBIDDEN_TAGS, f"<{tag.name}> on the page"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"<{tag.name} {name}=...>"
            assert name.lower() != "style", f"<{tag.name} style=...>"
            if name.lower() in URL_ATTRIBUTES:
                url = "".join(str(value).split()).lower()
                assert not url.startswith(DANGEROUS_SCHEMES), f"<{tag.name} {name}={value!r}>"
        if tag.name == "script":
            _assert_own_script(tag)
        if tag.name == "meta":
            assert "refresh" not in str(tag.get("http-equiv", "")).lower()
        assert tag.name != "foreignobject", "<foreignObject> inside an <svg>"


def _assert_own_script(tag) -> None:
    if tag.get("src"):
        assert tag["src"].startswith("/static/"), f"script from {tag['src']}"
        assert not tag.get_text(strip=True)
    else:
        # Only data may be inline, never code: structured data, and the scripts' words in
        # the page's language (base.html), which must parse as JSON whatever was typed.
        kind = tag.get("type")
        assert kind == "application/ld+json" or (
            kind == "application/json" and tag.get("id") == "claimline-words"
        ), "an inline script"
        json.loads(tag.get_text())
