"""Demo users, one per role, for trying the product, and a contact for each of the other
municipalities of the demo. Never in production."""

from django.contrib.auth.hashers import make_password
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

# A municipal contact for each of the other thirteen municipalities that had joined by 2022 (the
# city's report of that year), so that each of them can sign its agreement, report its figures and
# register its staff. Only load_demo_data creates them: the test suite's users are DEMO_USERS.
# (username, first name, last name, title, municipality code)
DEMO_CONTACTS = [
    ("kontakt.ekero", "Elsa", "Ekström", "Socialchef", "0125"),
    ("kontakt.haninge", "Hanna", "Hansson", "Avdelningschef", "0136"),
    ("kontakt.jarfalla", "Jonas", "Järvholm", "Socialchef", "0123"),
    ("kontakt.nynashamn", "Nora", "Nyberg", "Enhetschef", "0192"),
    ("kontakt.salem", "Samir", "Salomonsson", "Socialchef", "0128"),
    ("kontakt.sigtuna", "Siri", "Sigvardsson", "Avdelningschef", "0191"),
    ("kontakt.sollentuna", "Sofia", "Solberg", "Avdelningschef", "0163"),
    ("kontakt.solna", "Sven", "Solander", "Socialchef", "0184"),
    ("kontakt.sundbyberg", "Sune", "Sundqvist", "Socialchef", "0183"),
    ("kontakt.sodertalje", "Signe", "Södergren", "Avdelningschef", "0181"),
    ("kontakt.upplands-vasby", "Ulla", "Uppström", "Socialchef", "0114"),
    ("kontakt.vaxholm", "Vera", "Vaxén", "Enhetschef", "0187"),
    ("kontakt.varmdo", "Valter", "Värnlund", "Avdelningschef", "0120"),
]


def demo_email(username: str) -> str:
    return f"{username}@demo.kommunavtal.se"


class _DemoPassword:
    """The hash of DEMO_PASSWORD, made once per load and shared by the users it creates (a
    password hash costs a tenth of a second by design)."""

    def __init__(self):
        self._encoded = None

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(DEMO_PASSWORD)
        return self._encoded


@transaction.atomic
def load_demo_users() -> list[User]:
    """The users of DEMO_USERS with their one role and DEMO_PASSWORD. A user that is already so
    is not written again (every save of a user is a row of the audit history)."""
    password = _DemoPassword()
    users = []
    for username, first, last, title, role, code in DEMO_USERS:
        values = {
            "first_name": first,
            "last_name": last,
            "title": title,
            "email": demo_email(username),
            "municipality": Municipality.objects.get(code=code) if code else None,
            "is_active": True,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, password=password.encoded, **values)
            user.save()
        else:
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            if not user.check_password(DEMO_PASSWORD):
                user.password = password.encoded
                changed.append("password")
            if changed:
                user.save(update_fields=changed)
        # get_or_create: a test that flushes the database also removes the migration's groups.
        group = Group.objects.get_or_create(name=role.value)[0]
        if list(user.groups.all()) != [group]:
            user.groups.set([group])
        users.append(user)
    return users


@transaction.atomic
def load_demo_contacts() -> list[User]:
    """The contacts of DEMO_CONTACTS, created once; a contact that exists is left as it is (its
    roles may have grown since, e.g. a seat in the steering group)."""
    contact_group = Group.objects.get_or_create(name=Role.MUNICIPAL_CONTACT.value)[0]
    password = _DemoPassword()
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=[c[4] for c in DEMO_CONTACTS])
    }
    users = []
    for username, first, last, title, code in DEMO_CONTACTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                title=title,
                email=demo_email(username),
                municipality=municipalities[code],
            )
            user.password = password.encoded
            user.save()
            user.groups.add(contact_group)
        users.append(user)
    return users


def load_demo_data(clock) -> None:
    """The demo's users, one per role, and a contact for each other municipality (config/loading.py
    calls each app's load_demo_data in turn)."""
    load_demo_users()
    load_demo_contacts()


def demo_summary() -> list[str]:
    """The logins, printed once the demo is loaded."""
    lines = [f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):"]
    for username, _first, _last, _title, role, code in DEMO_USERS:
        where = f" ({Municipality.objects.get(code=code).name})" if code else ""
        lines.append(f"  {username:<16} {role.label}{where}")
    lines.append(
        "  Kommunkontakter för de övriga kommunerna: "
        + ", ".join(username for username, *_rest in DEMO_CONTACTS)
    )
    return lines
