project = "own-field"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

# the project's own ``owner`` field, on every need type
needs_fields = {
    "owner": {
        "description": "The team that answers for the need",
        "schema": {"type": "string"},
        "nullable": True,
    },
}
