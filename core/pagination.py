from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGE_SIZE = 50


class _CountedPaginator(Paginator):
    """A paginator told its count, for a list whose count the page has already (its totals)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def paginate(request, object_list, per_page: int = PAGE_SIZE, *, count: int | None = None):
    """The page of ``object_list`` that ``?sida=N`` asks for; a bad or too-large N gives the last.

    ``count``, when the caller has it already, spares the paginator its own COUNT query.
    """
    if count is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = _CountedPaginator(object_list, per_page, count=count)
    return paginator.get_page(request.GET.get("sida"))
