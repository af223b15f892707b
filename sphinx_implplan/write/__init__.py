"""What runs once every document is read and while the pages are written: the
build's corpus and report, the pages an incremental build writes again, the cards,
links between pages, the views (:mod:`.views`), the report file, and freeing a
page's cards and views once it is written."""

from __future__ import annotations
