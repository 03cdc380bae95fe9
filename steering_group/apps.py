from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringGroupConfig(AppConfig):
    """The steering group, follow-up of use and training under § 4 and § 5 (issue: steering group)."""

    name = "steering_group"
    verbose_name = _("Styrgrupp")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save

        from accounts.models import User

        post_save.connect(link_saved_user, sender=User, dispatch_uid="steering_group_link_user")
        m2m_changed.connect(
            keep_member_role, sender=User.groups.through, dispatch_uid="steering_group_keep_role"
        )


def link_saved_user(sender, instance, created, update_fields=None, **kwargs):
    """A user created, or saved with a (possibly new) e-mail, is linked at once to the steering
    group memberships with that e-mail (services.link_accounts). A save of other fields only (the
    last login, say) does nothing."""
    if kwargs.get("raw") or not instance.email or not instance.is_active:
        return
    if not created and update_fields is not None and "email" not in update_fields:
        return
    from .services import link_accounts

    link_accounts(instance.email)


def keep_member_role(sender, instance, action, reverse, **kwargs):
    """The user form sets a user's roles after saving them: a member of this year's group keeps
    (or gets) the Styrgruppsledamot role, which follows the membership rows."""
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if kwargs.get("raw") or not instance.email or not instance.is_active:
        return
    from .services import link_accounts

    link_accounts(instance.email)
