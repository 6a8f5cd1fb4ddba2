"""Blueprints: thin views that parse arguments, call a service and render."""

from flask import Flask

# The API's routes attach themselves to its blueprint when their modules are imported.
import views.api_indexes  # noqa: F401
import views.api_read  # noqa: F401
import views.api_search  # noqa: F401
import views.api_source_text  # noqa: F401
import views.api_write  # noqa: F401
from views.api import api
from views.api_docs import api_docs
from views.auth import auth
from views.briefing import briefing
from views.claims import claims
from views.dossiers import dossiers
from views.editing import editing
from views.entities import entities
from views.exports import exports_blueprint
from views.imports import imports_blueprint
from views.indexes import indexes
from views.languages import languages
from views.search import search_pages
from views.sources import sources
from web.extensions import csrf
from web.urls import DatabaseIdConverter


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter
    app.register_blueprint(dossiers)
    app.register_blueprint(claims)
    app.register_blueprint(api, url_prefix="/api/v1")
    csrf.exempt(api)  # bearer tokens only, never the session cookie: see views/api.py
    app.register_blueprint(api_docs)
    app.register_blueprint(exports_blueprint)
    app.register_blueprint(imports_blueprint)
    app.register_blueprint(briefing)
    app.register_blueprint(indexes)
    app.register_blueprint(entities)
    app.register_blueprint(sources)
    app.register_blueprint(search_pages)
    app.register_blueprint(auth)
    app.register_blueprint(editing)
    app.register_blueprint(languages)
