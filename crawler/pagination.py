"""The request for a listing's next page: a "next" link, a page-number or row-offset URL
template, or a form POST (boards whose pager calls JavaScript such as movePage(n) or pageLink(n))."""

from __future__ import annotations

from urllib.parse import urlencode

from scrapy.http import Request, TextResponse

from config.schema import SourceConfig
from crawler.discovery import next_page_url

FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


def next_list_request(source: SourceConfig, response: TextResponse, page: int) -> Request | None:
    """The request for list page number ``page`` (2 for the second), or None when there is none."""
    pagination = source.pagination
    if pagination is None:
        following = next_page_url(response, source.next_page)
        return Request(following) if following else None
    if pagination.kind == "template":
        assert pagination.template is not None
        return Request(response.urljoin(pagination.template.replace("{n}", str(page))))
    if pagination.kind == "offset":
        assert pagination.template is not None
        offset = (page - 1) * pagination.per_page
        return Request(response.urljoin(pagination.template.replace("{offset}", str(offset))))
    assert pagination.post_url is not None
    fields = {key: value.replace("{n}", str(page)) for key, value in pagination.post_fields.items()}
    encoding = response.encoding if source.encoding is None else source.encoding
    body = urlencode(fields, encoding=encoding)
    headers = dict(FORM_TYPE)
    headers["Content-Type"] = f"application/x-www-form-urlencoded; charset={encoding}"
    return Request(response.urljoin(pagination.post_url), method="POST", body=body, headers=headers)
