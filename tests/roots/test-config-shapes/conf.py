project = "config-shapes"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

# both of the wrong shape: each is warned about and replaced by its default
implplan_risk_levels = "high"
implplan_requirement_types = 5
