project = "gantt"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on
# PH_2 ended the day before: late; PH_4 started a week before with nothing done
implplan_today = "2027-02-01"
