"""axe-core scan of every page type: no serious or critical WCAG 2.1 A/AA violations."""

import pytest

from .conftest import serious_accessibility_violations

PAGES = [
    "/",
    "/samenwerkingen/",
    "/samenwerkingen/bel-combinatie/",
    "/gemeenten/",
    "/gemeenten/ridderkerk/",
    "/documenten/",
    "/documenten/?collaboration=bar-organisatie&year=abc",
    "/documenten/verrekenen-in-de-bar-samenwerking/",
    "/publicaties/",
    "/publicaties/ambtelijk-fuseren-groei/",
    "/nieuws/",
    "/nieuws/btw-plicht-gemeenten-bij-ambtelijke-fusie/",
    "/evenementen/",
    "/evenementen/dag-van-de-ambtelijke-fusie-2017/",
    "/over/",
    "/zoeken/",
    "/zoeken/?q=verrekenen",
    "/zoeken/?q=verrekenen&collaboration=bar-organisatie&year=2013&sort=date",
    "/zoeken/?q=zzzqqqxx&collaboration=de-kompanjie",
    "/zoeken/?q=verekenmodel",
    "/bestaat-niet/",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_accessibility_violations(page, axe_source, url):
    page.goto(url)
    assert serious_accessibility_violations(page, axe_source) == []
