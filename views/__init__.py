"""Blueprints: thin views that parse arguments, call a service and render."""

from flask import Flask

from views.api import api
from views.claims import claims
from views.dossiers import dossiers


def register_blueprints(app: Flask) -> None:
    app.register_blueprint(dossiers)
    app.register_blueprint(claims)
    app.register_blueprint(api, url_prefix="/api/v1")
