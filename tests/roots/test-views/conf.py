project = "views"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on
# before the plans start: the timelines' statuses stay as written whatever the day
implplan_today = "2026-12-01"
