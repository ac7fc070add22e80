"""``crosswire serve``: the web interface and JSON API over a database."""
from __future__ import annotations

import typer

from . import app


@app.command()
def serve(
    db: str = typer.Option("sqlite:///crosswire.db", "--db",
                           help="database URL (or a path to a SQLite file)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", help="port to listen on"),
    token: str = typer.Option(None, "--token", envvar="CROSSWIRE_TOKEN", show_envvar=True,
                              help="allow POST /api/articles with this bearer token; "
                                   "without it the server is read-only"),
    max_chars: int = typer.Option(500_000, "--max-chars", min=1, metavar="N",
                                  help="refuse POSTed articles longer than N characters (413)"),
    workers: int = typer.Option(2, "--workers", min=1,
                                help="articles extracted at once from POSTs"),
) -> None:
    """Browse stories, articles, actors and conflicts in a web browser; JSON API under /api."""
    import uvicorn

    from ..web import create_app

    database = open_database(db)
    web_app = create_app(database, token=token, max_chars=max_chars, workers=workers)
    mode = "accepting POST /api/articles" if token else "read-only"
    typer.echo(f"crosswire: serving {database!r} at http://{host}:{port}/ ({mode}); "
               f"API index at http://{host}:{port}/docs. Ctrl-C to stop.")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def open_database(url: str):
    """The database, or a one-line error (exit status 1, as every command) instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from .db_access import DatabaseProblem, connect
    try:
        database = connect(url, create=True)
        empty = database.count_articles() == 0
    except DatabaseProblem as problem:
        typer.echo(f"crosswire: {problem}", err=True)
        raise typer.Exit(1) from None
    except SQLAlchemyError as problem:
        typer.echo(f"crosswire: cannot open {url}: {str(problem).splitlines()[0]}", err=True)
        raise typer.Exit(1) from None
    if empty:
        typer.echo(f"crosswire: {database!r} holds no articles yet; fill it with "
                   "`crosswire ingest PATH --db ...` (or try `crosswire demo`).", err=True)
    return database
