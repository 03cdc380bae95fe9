from .roles import Role


def roles(request):
    """``Role`` and the user's roles in every template, for the navigation."""
    user = getattr(request, "user", None)
    user_roles = user.roles if user is not None and user.is_authenticated else frozenset()
    return {"Role": Role, "user_roles": user_roles}
