"""Attack strings shared by the security tests.

XSS_VECTORS follow the OWASP XSS Filter Evasion cheat sheet (script tags, event handlers,
javascript: URLs in several encodings, SVG, malformed tags, attribute breaking, Markdown link
tricks); they must come out inert wherever they are stored or reflected.
"""

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<img src=x onerror=alert(1)>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<BODY ONLOAD=alert('XSS')>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    '![x](x" onerror="alert(1))',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    '<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
]

SQL_METACHARACTERS = [
    "'",
    '"',
    "' OR '1'='1",
    "1 OR 1=1",
    "1; DROP TABLE claims; --",
    "%",
    "_",
    "\\",
    "*",
    "NEAR(",
    '" OR ""="',
    "') UNION SELECT password_hash FROM users --",
    "\x00",
    "ʼ",
]

TRAVERSALS = [
    "/dossiers/..%2F..%2Fetc%2Fpasswd/",
    "/dossiers/../../instance/config.py/",
    "/entities/..%2F..%2Finstance%2Fconfig.py",
    "/static/../instance/config.py",
    "/static/..%2Finstance%2Fconfig.py",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/dossiers/openai-chips/..%2F..%2Fapp.py",
    "/claims/1/../../../etc/passwd",
]
