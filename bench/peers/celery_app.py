"""The Celery app of the benchmark: its worker runs these tasks; broker and result backend are the Redis server
the driver started (CYCLONE_BENCH_REDIS=redis://127.0.0.1:PORT; database 0 the broker, 1 the results)."""
import os
import subprocess

from celery import Celery

url = os.environ.get("CYCLONE_BENCH_REDIS", "redis://127.0.0.1:6379")
app = Celery("cyclone_bench", broker=f"{url}/0", backend=f"{url}/1")
app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                worker_hijack_root_logger=False)


@app.task
def noop(i=None):
    return None


@app.task
def run_true(i=None):
    subprocess.run(["/bin/true"], check=True)
    return None
