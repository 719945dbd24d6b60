"""Settings of `make bench`'s pages section: the shipped settings, one URL added.

The only difference is ROOT_URLCONF (bench.pages_urls): the project's URLs plus a bare view,
so that the pages and the bare view are served by the same processes with the same middleware.
"""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
