"""Settings of the site under `make bench` (scripts/bench): the production settings, and
one more address, the ceiling. Only scripts/bench names this module; no server of the
site loads it."""

from drugsite.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
