"""The wiring: every ``app.add_*`` and ``app.connect`` of the extension, in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils.nodes import SkipNode

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import (
    check_config,
    check_requirement_types_known,
    register_config_values,
)
from sphinx_implplan.memory import (
    freeze_pages_waiting_for_writers,
    pause_collector,
    pause_on_pages_with,
    resume_collector,
    tune_memory,
)
from sphinx_implplan.read.applied_values import check_extended_items, check_imported_items
from sphinx_implplan.read.documents_read import note_documents_read
from sphinx_implplan.read.domain import ImplPlanDomain, get_domain
from sphinx_implplan.read.duplicate_ids import (
    documents_to_read_again,
    keep_first_of_parallel_duplicates,
    warn_left_out,
)
from sphinx_implplan.read.item_directive import PlanItemDirective, item_directive_names
from sphinx_implplan.read.parallel_reader import note_reading_process, send_back_only_what_is_read
from sphinx_implplan.read.speckit_directive import SpeckitDirective, folders_changed
from sphinx_implplan.read.validation import check_all_items
from sphinx_implplan.read.warning_replay import repeat_read_warnings
from sphinx_implplan.today_config import register_today
from sphinx_implplan.write.approval_states import (
    evaluate_approvals,
    forget_approvals,
    note_written_schedules,
)
from sphinx_implplan.write.baseline_file import forget_baseline
from sphinx_implplan.write.cards import render_cards
from sphinx_implplan.write.corpus import forget_corpus, make_corpus
from sphinx_implplan.write.files import write_if_changed
from sphinx_implplan.write.freeing import free_drawn
from sphinx_implplan.write.freshness import outdated_pages
from sphinx_implplan.write.report_file import write_report
from sphinx_implplan.write.requirement_checks import check_plan_requirements
from sphinx_implplan.write.result_fields import apply_test_results, forget_test_results
from sphinx_implplan.write.results_files import forget_results
from sphinx_implplan.write.task_boxes import (
    TaskBoxes,
    depart_task_item,
    task_item,
    visit_task_item,
)
from sphinx_implplan.write.views.directive import (
    ViewDirective,
    view_directive_names,
    view_placeholder,
)
from sphinx_implplan.write.views.render import render_views
from sphinx_implplan.write.views.traceability import remove_stale_csv_files
from sphinx_implplan.write.views.view_checks import check_views

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxTranslator
    from sphinx.util.typing import ExtensionMetadata

    from sphinx_implplan.needs_bridge import MutableNeeds

#: bump whenever what the extension stores in the environment changes shape, so that
#: an environment pickled by an older release is read again rather than misread
ENV_VERSION = 8

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "implplan.css"
#: the LaTeX package that styles cards and views in print
LATEX_PACKAGE = "implplan"
#: per builder format: the file of ``static/`` it needs, and its folder in the output
BUILD_ASSETS = {"html": (CSS_FILE, "_static"), "latex": (f"{LATEX_PACKAGE}.sty", "")}


def register_directives(app: Sphinx, _config: Config) -> None:
    # after sphinx-needs' ``load_config`` (500) has registered its generic directive
    # for every need type, ours included: the plan item directive replaces it
    for name in item_directive_names():
        app.add_directive(name, PlanItemDirective, override=True)


def check_sealed_needs(app: Sphinx, needs: MutableNeeds) -> None:
    """Once sphinx-needs has resolved every need: the records the views and the
    report read, the checks of every plan's ``:requirements:`` and of every view, and
    each item's approval state against the baseline."""
    corpus = make_corpus(app, needs)
    domain = get_domain(app.env)
    check_plan_requirements(corpus, domain.included)
    check_views(corpus, domain.all_views())
    evaluate_approvals(app, needs, corpus)


def skip_placeholder(_translator: SphinxTranslator, _node: nodes.Element) -> None:
    # every placeholder is replaced when its page is resolved; one a builder writes
    # without resolving it stands for nothing
    raise SkipNode


def add_html_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def copy_assets(app: Sphinx, _env: BuildEnvironment) -> None:
    """The stylesheet into an HTML build's ``_static``, the LaTeX package beside the
    ``.tex`` file, where LaTeX looks for it when the PDF is made.

    In every build (``env-updated``), before any page is written: Sphinx adds the
    checksum of the stylesheet it finds there to each page's link
    (``implplan.css?v=...``), so that a browser fetches a changed one, and a clean
    build's pages link it as an incremental build's do.
    """
    asset = BUILD_ASSETS.get(app.builder.format)
    if asset is not None:
        name, folder = asset
        write_if_changed(Path(app.outdir) / folder / name, (STATIC_DIR / name).read_bytes())


def setup_extension(app: Sphinx, version: str) -> ExtensionMetadata:
    needs_bridge.setup_sphinx_needs(app)
    register_config_values(app)
    register_today(app)

    # config-inited, in this order: our values checked (before Sphinx's own type
    # check at 800), our types/fields/links added between sphinx-needs' type
    # resolution (12) and its field loading (500), our directives after it
    app.connect("config-inited", check_config, priority=50)
    app.connect("config-inited", needs_bridge.register_needs_model, priority=100)
    app.connect("config-inited", register_directives, priority=700)
    # last, once implplan_tune_memory is checked: the collector is paused while
    # Sphinx loads the pickled environment, and what is alive when the build starts
    # is frozen until it ends
    app.connect("config-inited", tune_memory, priority=900)
    # once every need type is known, other extensions' included: requirement types
    # that are none of them
    app.connect("builder-inited", check_requirement_types_known)
    # and while sphinx-needs resolves every need before the first page is written
    # (sphinx-needs, 500), until that page is resolved
    app.connect("write-started", pause_collector, priority=100)

    app.add_domain(ImplPlanDomain)
    for name in view_directive_names():
        app.add_directive(name, ViewDirective)
    app.add_directive("impl-speckit", SpeckitDirective)
    skip = (skip_placeholder, None)
    app.add_node(
        view_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip, epub=skip
    )

    # read phase: every build gives every document's warnings, read now or not
    app.connect("env-get-outdated", documents_to_read_again)
    app.connect("env-get-outdated", folders_changed)
    # last, once every handler has added the documents it wants read
    app.connect("env-before-read-docs", note_documents_read, priority=900)
    # a parallel reader pickles back only what it read
    app.connect("env-before-read-docs", note_reading_process)
    app.connect("source-read", send_back_only_what_is_read, priority=1)
    # before sphinx-needs' own merge (500) picks whichever parallel reader came first
    app.connect("env-merge-info", keep_first_of_parallel_duplicates, priority=400)
    app.connect("env-updated", repeat_read_warnings)
    app.connect("env-updated", warn_left_out)

    # values that reach items without their directive: needimport's before the other
    # checks, needextend's once sphinx-needs has applied them, before the corpus
    needs_bridge.connect_post_processing(app, check_imported_items, priority=400)
    # each phase's dates as written, for its fingerprint, before the schedule (500)
    needs_bridge.connect_post_processing(app, note_written_schedules, priority=450)
    # each test's result in a field, for sphinx-needs' filters; judged again once
    # needextend is applied, before the corpus (500) reads it
    needs_bridge.connect_post_processing(app, apply_test_results, priority=460)
    needs_bridge.connect_post_processing(app, check_all_items)
    needs_bridge.connect_sealing(app, check_extended_items, priority=400)
    needs_bridge.connect_sealing(app, apply_test_results, priority=450)
    needs_bridge.connect_sealing(app, check_sealed_needs)
    app.connect("env-get-updated", outdated_pages)
    app.connect("env-updated", forget_corpus)
    # the baseline file is read anew, and the states worked out anew, in every build;
    # so are the test results files and each test's result
    app.connect("env-updated", forget_baseline)
    app.connect("env-updated", forget_approvals)
    app.connect("env-updated", forget_results)
    app.connect("env-updated", forget_test_results)
    # the collector, paused at write-started or for the page before, runs again as
    # each page is resolved, before anything is drawn on it; paused again for a page
    # with views until the next page, looked for before the cards (450) lengthen
    # the page and before the views (500) are drawn; in a parallel write, the pages
    # resolved so far are frozen there too
    app.connect("doctree-resolved", resume_collector, priority=400)
    app.connect("doctree-resolved", freeze_pages_waiting_for_writers, priority=400)
    app.connect("doctree-resolved", pause_on_pages_with(view_placeholder), priority=410)
    # before sphinx-needs (default priority 500) draws its own table for each need
    app.connect("doctree-resolved", render_cards, priority=450)
    app.connect("doctree-resolved", render_views)
    # after every other handler has seen the page
    app.connect("html-page-context", free_drawn, priority=999)

    app.connect("builder-inited", add_html_assets)
    app.connect("env-updated", copy_assets)
    app.add_latex_package(LATEX_PACKAGE)
    # task-list items (deliverables) keep their state where no HTML checkbox shows
    app.add_post_transform(TaskBoxes)
    app.add_node(task_item, latex=(visit_task_item, depart_task_item))
    app.connect("build-finished", write_report)
    app.connect("build-finished", remove_stale_csv_files)

    return {
        "version": version,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
