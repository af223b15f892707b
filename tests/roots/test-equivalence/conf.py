project = "equivalence"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on
# needs.json beside the HTML, so that one build gives every output compared
needs_build_json = True
# the JUnit XML of a test run: each impl-test's result, read in every build
implplan_test_results = ["results/*.xml"]
