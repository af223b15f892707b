project = "results"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
show_warning_types = True
# the test run's JUnit XML, as pytest --junitxml writes it
implplan_test_results = ["results/*.xml"]
# PH_LATE ends before this day, PH_IDLE starts before it with nothing done
implplan_today = "2027-03-08"
needs_build_json = True
