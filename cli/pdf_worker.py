"""`flask --app app pdf-worker`: the consumer that renders PDFs off the web workers."""

from __future__ import annotations

import logging
import os

import click
from flask import current_app
from flask.cli import with_appcontext

from web.pdf_jobs import pdf_queue, queue_interrupted_jobs


@click.command("pdf-worker")
@with_appcontext
def pdf_worker_command() -> None:
    """Render the queued PDFs, one at a time, until stopped (SIGTERM or Ctrl-C)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s pdf-worker %(message)s")
    again = queue_interrupted_jobs()
    if again:
        click.echo(f"Queued again {again} PDF(s) a stopped worker had left unfinished.")
    # A PDF is CPU-bound: at a lower priority the worker takes the CPU the web workers leave,
    # so the site's other pages keep their pace while it renders (bench/pdf_load.py).
    os.nice(current_app.config["PDF_WORKER_NICENESS"])
    click.echo(f"Rendering PDFs queued in {current_app.config['PDF_QUEUE_FILE']}")
    # One worker thread: a PDF is CPU-bound, and the web workers keep the other cores. The
    # queue is polled at most a second apart, so a reader waits no longer than that.
    consumer = pdf_queue().create_consumer(workers=1, worker_type="thread", max_delay=1.0)
    consumer.run()
