"""Who may see and manage user accounts: the project leader only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import User
from .roles import Role


def can_manage_users(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_user_manager(user) -> None:
    if not can_manage_users(user):
        raise PermissionDenied


def managed_user_for_user(user, pk: int) -> User:
    require_user_manager(user)
    return get_object_or_404(User, pk=pk)
