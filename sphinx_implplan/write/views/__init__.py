"""The five views of a plan: traceability, risk matrix, timeline, item table and
summary.

Each view directive only records what was asked (:mod:`.spec`, :mod:`.directive`);
once every document is read the views are checked (:mod:`.view_checks`) and, page by
page, drawn from the plan's records as real docutils tables (:mod:`.render` and one
module per view), so every builder renders them.
"""
