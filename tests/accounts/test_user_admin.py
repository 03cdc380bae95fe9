"""The project leader manages users and their municipality in the product (not only the admin)."""

from django.core import mail

from accounts.models import User
from accounts.roles import Role
from municipalities.models import Municipality


def form_data(**overrides):
    data = {
        "username": "kontakt.solna",
        "first_name": "Sol",
        "last_name": "Solnasson",
        "email": "sol@solna.se",
        "title": "Socialchef",
        "phone": "08-123 45",
        "roles": [Role.MUNICIPAL_CONTACT.value],
        "municipality": Municipality.objects.get(code="0184").pk,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_project_leader_adds_a_municipal_contact_who_gets_a_mail(client_for):
    client = client_for("project_leader")
    response = client.post("/anvandare/ny/", form_data())
    assert response["Location"] == "/anvandare/"
    user = User.objects.get(username="kontakt.solna")
    assert user.roles == {Role.MUNICIPAL_CONTACT}
    assert user.municipality.name == "Solna"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sol@solna.se"]
    assert "/konto/losenord/aterstall/" in mail.outbox[0].body
    # The new contact sees Solna and nothing else.
    client.force_login(user)
    assert client.get("/kommuner/0184/").status_code == 200
    assert client.get("/kommuner/0160/").status_code == 404


def test_a_municipal_contact_must_have_exactly_one_municipality(client_for):
    client = client_for("project_leader")
    response = client.post("/anvandare/ny/", form_data(municipality=""))
    assert "En kommunkontakt måste höra till en kommun." in response.content.decode()
    response = client.post(
        "/anvandare/ny/", form_data(roles=[Role.FINANCE.value], username="eko2", email="e@x.se")
    )
    assert "Bara en kommunkontakt kan höra till en kommun." in response.content.decode()
    assert not User.objects.filter(username__in=["kontakt.solna", "eko2"]).exists()


def test_email_must_be_unique_regardless_of_case(client_for):
    client = client_for("project_leader")
    response = client.post("/anvandare/ny/", form_data(email="KONTAKT.TABY@demo.kommunavtal.se"))
    assert "Det finns redan en användare med den e-posten." in response.content.decode()


def test_project_leader_moves_a_contact_and_deactivates_a_user(client_for, users):
    client = client_for("project_leader")
    nacka = users["contact_nacka"]
    response = client.post(
        f"/anvandare/{nacka.pk}/",
        form_data(
            username=nacka.username,
            email=nacka.email,
            municipality=Municipality.objects.get(code="0160").pk,
            is_active="",
        ),
    )
    assert response.status_code == 302
    nacka.refresh_from_db()
    assert nacka.municipality.code == "0160" and not nacka.is_active


def test_project_leader_cannot_lock_themself_out(client_for, users):
    client = client_for("project_leader")
    me = users["project_leader"]
    data = form_data(
        username=me.username, email=me.email, roles=[Role.PROJECT_LEADER.value], municipality=""
    )
    data["is_active"] = ""
    response = client.post(f"/anvandare/{me.pk}/", data)
    assert "Du kan inte inaktivera ditt eget konto." in response.content.decode()
    me.refresh_from_db()
    assert me.is_active


def test_user_list_searches_filters_and_uses_constant_queries(
    client_for, django_assert_max_num_queries
):
    client = client_for("project_leader")
    response = client.get("/anvandare/", {"roll": Role.MUNICIPAL_CONTACT.value})
    names = [u.username for u in response.context["page"].object_list]
    assert names == ["kontakt.nacka", "kontakt.taby"]
    response = client.get("/anvandare/", {"q": "täby"})
    assert [u.username for u in response.context["page"].object_list] == ["kontakt.taby"]

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get("/anvandare/")
        return len(ctx.captured_queries)

    before = queries()
    taby = Municipality.objects.get(code="0160")
    for i in range(30):
        User.objects.create(username=f"extra{i}", email=f"x{i}@t.se", municipality=taby)
    assert queries() == before
