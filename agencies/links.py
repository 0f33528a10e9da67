"""Links from an agency's page to the higher layers' pages for its members (its contracts, its balance).

The agencies layer never names a higher layer's URLs: the setting `AGENCY_LINKS` names a function (dotted path,
loaded with `import_string`) that returns them for an agency as {"contracts", "payments"} -> URL. Empty setting:
no links.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol, cast

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Agency


class AgencyLinks(Protocol):
    def __call__(self, agency: Agency) -> dict[str, str]: ...


@cache
def _load(path: str) -> AgencyLinks:
    return cast(AgencyLinks, import_string(path))


def agency_links(agency: Agency) -> dict[str, str]:
    path = getattr(settings, "AGENCY_LINKS", "")
    return _load(path)(agency) if path else {}
