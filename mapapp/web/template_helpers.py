"""Names available in every template."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

from mapapp.http.context import current_settings
from mapapp.i18n import LANGUAGE_NAMES, address_language
from mapapp.queries.common import death_date_means
from mapapp.text.script import language_if_other
from mapapp.web import blueprint, formatting
from mapapp.web.labels import (
    CONTRIBUTION_KIND_LABELS,
    DATE_LABELS,
    FATE_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    OBLAST_LABELS,
    OPERATION_LABELS,
    PRECISION_HELP,
    PRECISION_LABELS,
    label,
)


@blueprint.app_context_processor
def _helpers() -> dict:
    return {
        "current_locale": str(get_locale()),
        # A ?lang= in the address, for forms to pass on (None when there is none).
        "address_lang": address_language(),
        "script_formats": formatting.script_formats(),
        "language_names": {
            code: LANGUAGE_NAMES.get(code, code) for code in current_settings().languages
        },
        "decimal_coords": formatting.decimal_coords,
        "dms_coords": formatting.dms_coords,
        "km": formatting.km,
        "as_number": formatting.number,
        "long_date": formatting.long_date,
        "as_decimal": formatting.one_decimal,
        "direction_links": formatting.direction_links,
        "display_name": formatting.display_name,
        "person_line": lambda person: formatting.person_line(person, _("demo")),
        "kind_label": lambda code: label(KIND_LABELS, code),
        "precision_label": lambda code: label(PRECISION_LABELS, code),
        "precision_help": lambda code: label(PRECISION_HELP, code),
        "fate_label": lambda code: label(FATE_LABELS, code),
        # What a person's stored date is called, by their fate ("Missing since").
        "date_label": lambda fate: label(DATE_LABELS, death_date_means(fate)),
        "oblast_label": lambda code: label(OBLAST_LABELS, code),
        "lang_attr": lang_attr,
        "field_label": lambda code: label(FIELD_LABELS, code),
        "operation_label": lambda code: label(OPERATION_LABELS, code),
        "kind_name": lambda code: label(CONTRIBUTION_KIND_LABELS, code),
    }


def lang_attr(text: str | None) -> Markup:
    """` lang="ru"` (with its leading space) for a name from the data written in another
    language than the page's, so that screen readers speak it right; empty otherwise."""
    language = language_if_other(text, str(get_locale()))
    return Markup(' lang="{}"').format(escape(language)) if language else Markup("")


@blueprint.app_template_filter("one_full_stop")
def _one_full_stop(sentence: str) -> str:
    return formatting.one_full_stop(sentence)


@blueprint.app_template_filter("safe_url")
def _safe_url(url: str | None) -> str | None:
    return formatting.safe_url(url)
