"""gunicorn settings for the moderation service (`gunicorn -c gunicorn.conf.py 'wsgi:app'`,
or `moderation serve`, which uses this file).

The app is preloaded, so the model is loaded once in the master and shared by the forked
workers. Bind address, worker count and threads come from the environment:
MODERATION_BIND (default 127.0.0.1:8000), MODERATION_WORKERS (2), MODERATION_THREADS (1;
more than one selects the threaded worker). Prometheus metrics are aggregated across
workers through PROMETHEUS_MULTIPROC_DIR (a fresh temporary directory unless set).
"""
import os
import tempfile

bind = os.environ.get("MODERATION_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MODERATION_WORKERS", "2"))
threads = int(os.environ.get("MODERATION_THREADS", "1"))
preload_app = True
timeout = int(os.environ.get("MODERATION_TIMEOUT", "30"))
graceful_timeout = 20
accesslog = None
errorlog = "-"
loglevel = os.environ.get("MODERATION_GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Must be set before prometheus_client is first imported (when the app is preloaded).
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="moderation-metrics-")


def child_exit(server, worker):
    """Drop a dead worker's live gauges from the multi-process metrics."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
