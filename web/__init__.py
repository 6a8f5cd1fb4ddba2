"""Request plumbing shared by every blueprint: who is signed in, who may read what, HTTP
caching, security headers, problem responses, URL converters and Jinja filters. Nothing here is
a view; blueprints in `views/` import from here, never the other way."""
