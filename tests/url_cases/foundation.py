from . import (
    ALL,
    CHANGED,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    POST_ONLY,
    PROJECT_LEADER,
    REDIRECT,
    ROLES,
)

# url name → (path, {role: status of GET}, {role: status of an empty POST} or None).
# Paths use Täby (0160) and Nacka (0182); {role} is replaced by that role's user id.
CASES = {
    "home": ("/", LOGGED_IN, None),
    "login": (
        "/konto/logga-in/",
        {**dict.fromkeys(ROLES, REDIRECT), "anonymous": OK},
        {**dict.fromkeys(ROLES, REDIRECT), "anonymous": OK},
    ),
    "logout": (
        "/konto/logga-ut/",
        POST_ONLY,
        {**dict.fromkeys(ROLES, CHANGED), "anonymous": LOGIN},
    ),
    "password_change": ("/konto/losenord/byt/", LOGGED_IN, LOGGED_IN),
    "password_change_done": ("/konto/losenord/byt/klart/", LOGGED_IN, None),
    "password_reset": ("/konto/losenord/aterstall/", ALL, ALL),
    "password_reset_done": ("/konto/losenord/aterstall/skickat/", ALL, None),
    "password_reset_confirm": ("/konto/losenord/aterstall/MQ/bad-token/", ALL, ALL),
    "password_reset_complete": ("/konto/losenord/aterstall/klart/", ALL, None),
    "set_language": ("/sprak/", dict.fromkeys(ROLES, REDIRECT), dict.fromkeys(ROLES, REDIRECT)),
    "accounts:user_list": ("/anvandare/", PROJECT_LEADER, None),
    "accounts:user_create": ("/anvandare/ny/", PROJECT_LEADER, PROJECT_LEADER),
    "accounts:user_edit": ("/anvandare/{contact_nacka}/", PROJECT_LEADER, PROJECT_LEADER),
    "accounts:user_send_reset": (
        "/anvandare/{contact_nacka}/losenordslank/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
    "municipalities:list": ("/kommuner/", LOGGED_IN, None),
    "municipalities:detail": ("/kommuner/0182/", {**LOGGED_IN, "contact_taby": NOT_FOUND}, None),
    "municipalities:population_upload": (
        "/kommuner/folkmangd/importera/",
        PROJECT_LEADER,
        PROJECT_LEADER,
    ),
    "municipalities:population_confirm": (
        "/kommuner/folkmangd/bekrafta/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
}
