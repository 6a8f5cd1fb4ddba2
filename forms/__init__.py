"""Flask-WTF forms. Field names are the API's, and values are read by the same services
the JSON API and imports use, so a form and a JSON body accept the same things."""
