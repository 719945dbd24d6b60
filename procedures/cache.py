"""The public catalog, cached until an administrator edits it (ADR 0006: an accelerator only).

Its pages and the site's name change only when an administrator edits a procedure, a field,
a required document or an agency; procedures.signals then drops them all (`catalog.bump`).
With Redis unreachable every page is computed, as without a cache.
"""

from motcua.cache import Generation

catalog = Generation("catalog")
