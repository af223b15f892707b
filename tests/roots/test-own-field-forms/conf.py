project = "own-field-forms"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

# the project's own fields, of names the extension uses: three in a form that cannot
# hold what the extension stores there, and one that can
needs_fields = {
    "score": {"description": "A score of the project's", "schema": {"type": "string"}, "nullable": True},
    "plan": {"description": "A plan number of the project's", "schema": {"type": "integer"}, "nullable": True},
    "stage": {"description": "A stage name of the project's", "schema": {"type": "string"}, "nullable": True},
    "owner": {"description": "The team that answers for the need", "schema": {"type": "string"}, "nullable": True},
}
