from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, object_list, per_page: int = PAGE_SIZE):
    """The page of ``object_list`` that ``?sida=N`` asks for; a bad or too-large N gives the last."""
    return Paginator(object_list, per_page).get_page(request.GET.get("sida"))
