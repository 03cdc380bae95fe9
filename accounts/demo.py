"""Demo users, one per role, for trying the product. Never in production."""

from django.contrib.auth.models import Group
from django.db import transaction

from municipalities.models import Municipality

from .models import User
from .roles import Role

DEMO_PASSWORD = "kommunavtal-demo"

# (username, first name, last name, title, role, municipality code or None)
DEMO_USERS = [
    ("projektledare", "Petra", "Projektsson", "Projektledare", Role.PROJECT_LEADER, None),
    ("ekonomi", "Erik", "Ekonomsson", "Controller", Role.FINANCE, None),
    ("socialdirektor", "Sara", "Direktörsdotter", "Socialdirektör", Role.SIGNATORY, None),
    ("kontakt.taby", "Tove", "Täbysson", "Avdelningschef", Role.MUNICIPAL_CONTACT, "0160"),
    ("kontakt.nacka", "Nils", "Nackasson", "Socialchef", Role.MUNICIPAL_CONTACT, "0182"),
    ("styrgrupp", "Stina", "Styrgren", "Enhetschef", Role.STEERING_GROUP_MEMBER, None),
]


@transaction.atomic
def confirm_demo_pools(through_year: int) -> None:
    """Confirm each year's proposed pool (× 1,02) up to ``through_year``, so the demo can invoice."""
    from invoicing.costs import proposal
    from invoicing.models import CostPool

    first = CostPool.objects.order_by("year").first()
    if first is None:
        return
    for year in range(first.year + 1, through_year + 1):
        if not CostPool.objects.filter(year=year).exists():
            CostPool.objects.create(
                year=year, amount=proposal(year), note="Demodata: föreslaget belopp (× 1,02)."
            )


@transaction.atomic
def load_demo_users() -> list[User]:
    users = []
    for username, first, last, title, role, code in DEMO_USERS:
        municipality = Municipality.objects.get(code=code) if code else None
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "title": title,
                "email": f"{username}@demo.kommunavtal.se",
                "municipality": municipality,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        # get_or_create: a test that flushes the database also removes the migration's groups.
        user.groups.set([Group.objects.get_or_create(name=role.value)[0]])
        users.append(user)
    return users
