"""Names available in every template."""

from __future__ import annotations

from flask_babel import get_locale

from mapapp.i18n import LANGUAGE_NAMES
from mapapp.web import blueprint, formatting
from mapapp.web.labels import (
    CONTRIBUTION_KIND_LABELS,
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
        "language_names": LANGUAGE_NAMES,
        "decimal_coords": formatting.decimal_coords,
        "dms_coords": formatting.dms_coords,
        "km": formatting.km,
        "direction_links": formatting.direction_links,
        "display_name": formatting.display_name,
        "kind_label": lambda code: label(KIND_LABELS, code),
        "precision_label": lambda code: label(PRECISION_LABELS, code),
        "precision_help": lambda code: label(PRECISION_HELP, code),
        "fate_label": lambda code: label(FATE_LABELS, code),
        "oblast_label": lambda code: label(OBLAST_LABELS, code),
        "field_label": lambda code: label(FIELD_LABELS, code),
        "operation_label": lambda code: label(OPERATION_LABELS, code),
        "kind_name": lambda code: label(CONTRIBUTION_KIND_LABELS, code),
    }


@blueprint.app_template_filter("safe_url")
def _safe_url(url: str | None) -> str | None:
    return formatting.safe_url(url)
