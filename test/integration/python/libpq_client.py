"""Connects the way a Python application would, for test/integration/libpq-tls.test.ts.

    libpq_client.py django-psycopg2 SETTINGS   psycopg2.connect(**params), params built from
                                               DATABASES['default'] as Django's PostgreSQL
                                               backend builds them (OPTIONS merged last)
    libpq_client.py django-conninfo SETTINGS   prints those params as a libpq conninfo
                                               (without the password) for psql
    libpq_client.py sqlalchemy SETTINGS NAME   create_engine(<the URL in NAME>).connect()
    libpq_client.py call SETTINGS              the module's connect(): a psycopg2 connection
                                               or a SQLAlchemy engine, as the module makes it

SETTINGS is executed with runpy (it is a test fixture, not scanned code). Prints one line
`@@OUTCOME@@{json}`: connected and pg_stat_ssl.ssl, or the libpq error message.
"""
import json
import runpy
import sys

QUERY = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"


def report(outcome):
    print("@@OUTCOME@@" + json.dumps(outcome), flush=True)


def django_params(settings):
    db = settings["DATABASES"]["default"]
    params = {
        "dbname": db.get("NAME"),
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        **db.get("OPTIONS", {}),
    }
    return {k: v for k, v in params.items() if v not in (None, "")}


def main(mode, path, name=None):
    settings = runpy.run_path(path)
    if mode == "django-conninfo":
        from psycopg2.extensions import make_dsn

        params = django_params(settings)
        params.pop("password", None)
        print(make_dsn(**params), flush=True)
        return
    try:
        if mode == "django-psycopg2":
            import psycopg2

            connection = psycopg2.connect(**django_params(settings))
            cursor = connection.cursor()
            cursor.execute(QUERY)
            ssl = cursor.fetchone()[0]
            connection.close()
        elif mode == "call":
            made = settings["connect"]()
            if hasattr(made, "cursor"):
                cursor = made.cursor()
                cursor.execute(QUERY)
                ssl = cursor.fetchone()[0]
                made.close()
            else:
                with made.connect() as connection:
                    ssl = connection.exec_driver_sql(QUERY).scalar()
        elif mode == "sqlalchemy":
            from sqlalchemy import create_engine

            with create_engine(settings[name]).connect() as connection:
                ssl = connection.exec_driver_sql(QUERY).scalar()
        else:
            raise SystemExit("unknown mode " + mode)
        report({"connected": True, "ssl": bool(ssl)})
    except Exception as error:  # the libpq message is what the test classifies
        report({"connected": False, "message": str(error)})


if __name__ == "__main__":
    main(*sys.argv[1:])
