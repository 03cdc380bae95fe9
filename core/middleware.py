from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .site import RequestAddressMiddleware  # noqa: F401 (listed in MIDDLEWARE)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Swedish unless the user has chosen another language with the switcher at the foot of the
    page. The browser's Accept-Language is not consulted: municipal staff often have English
    browsers but work in Swedish, and the agreement itself is Swedish."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
