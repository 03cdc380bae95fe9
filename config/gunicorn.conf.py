"""gunicorn's settings for kommunavtal: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

The number of workers and the address are given on the command line (README, bench/load.py).
"""

import gc


def post_worker_init(worker):
    """Freeze what the worker holds once Django has loaded (modules, URL patterns, settings).

    Those objects live as long as the worker, yet without this every full garbage collection
    walks them again, inside whichever request happens to trigger it; frozen, collections look
    only at what requests allocate. Measured with make bench's load step: a lower p95 and p99
    on the busy pages (docs/benchmarks.md).
    """
    gc.collect()
    gc.freeze()
