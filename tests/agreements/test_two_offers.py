"""Two offers side by side: a municipality joins the second while its first agreement runs, signs
it, and sees both; another municipality's agreements of either offer answer 404; the mails, the
signed PDF, the quote and the letter name the offer they are about."""

import datetime
from decimal import Decimal

import pytest

from agreements import services, signing
from agreements.documents import document_fingerprint, render_agreement_pdf
from agreements.models import Agreement, Status
from municipalities.models import Municipality
from offers.models import Offer
from tests.clock import on
from tests.offers.factories import make_offer
from tests.pdf_text import check_pdf, words

pytestmark = [pytest.mark.django_db, on("2021-05-03")]

TODAY = "Mikamottagningen, KAST och regionkoordinatorer"
SECOND = "Resurscentrum mot hedersrelaterat våld"
TABY_DETAILS = {
    "org_number": "212000-2833",
    "department": "Socialtjänsten",
    "contact_person": "Tove Täbysson",
    "contact_details": "08-555 590 00, tove.tabysson@tabykommun.se",
    "postal_address": "Täby kommun\n183 80 Täby",
    "invoicing_address": "Täby kommun\nFakturor\n183 80 Täby",
}


@pytest.fixture
def second(reference_data):
    return make_offer(SECOND, slug="resurscentrum")


@pytest.fixture
def taby_active(make_agreement):
    """Täby's agreement of today's offer, in force."""
    return make_agreement("0160", status=Status.ACTIVE, start=datetime.date(2021, 3, 1))


def sign_both(agreement, users):
    """§ 1, the municipality's and the city's signatures, as the pages do it."""
    agreement = signing.save_details(agreement, **TABY_DETAILS)
    fingerprint = document_fingerprint(agreement)
    signing.sign_for_municipality(
        agreement,
        user=users["contact_taby"],
        full_name="Tove Täbysson",
        title="Socialchef",
        fingerprint=fingerprint,
        ip_address=None,
        user_agent="test",
    )
    signing.countersign(
        agreement,
        user=users["signatory"],
        full_name="Sara Direktörsdotter",
        title="Socialdirektör",
        fingerprint=fingerprint,
        ip_address=None,
        user_agent="test",
    )
    agreement.refresh_from_db()
    return agreement


def test_a_municipality_with_an_agreement_in_force_is_offered_and_signs_a_second_offer(
    client_for, users, second, taby_active, mailoutbox, django_capture_on_commit_callbacks
):
    leader = client_for("project_leader")
    form = leader.get("/avtal/nytt/?erbjudande=resurscentrum&kommun=0160").context["form"]
    assert "Täby" in [m.name for m in form.fields["municipality"].queryset]
    assert form.fields["template"].initial == second.templates.get().pk
    # The same offer again is refused, with the offer named.
    refused = leader.post(
        "/avtal/nytt/",
        {"municipality": taby_active.municipality_id, "template": taby_active.template_id},
    )
    assert f"Täby har redan ett avtal om {TODAY} som pågår eller gäller." in (
        refused.content.decode()
    )
    response = leader.post(
        "/avtal/nytt/",
        {"municipality": taby_active.municipality_id, "template": second.templates.get().pk},
    )
    agreement = Agreement.objects.get(offer=second)
    assert response["Location"] == f"/avtal/{agreement.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        leader.post(f"/avtal/{agreement.pk}/skicka/")
    (sent_mail,) = mailoutbox
    contact = client_for("contact_taby")
    todo = contact.get("/").content.decode()
    assert f"Avtalet om {SECOND} för Täby väntar på er underskrift." in todo
    detail = contact.get(f"/avtal/{agreement.pk}/").content.decode()
    assert f'<a href="/erbjudanden/resurscentrum/">{SECOND}</a>' in detail
    assert f"har skickat avtalet om {SECOND} till Täby" in sent_mail.body
    assert "Mikamottagningen" not in sent_mail.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = sign_both(agreement, users)
    assert agreement.status == Status.ACTIVE
    bodies = " ".join(m.body for m in mailoutbox)
    assert f"undertecknat avtalet om {SECOND}" in bodies
    assert f"Avtalet om {SECOND} mellan Stockholms stad och Täby" in bodies
    assert "Mikamottagningen" not in bodies

    # The signed PDF is the second offer's: its title, and its own Bilaga of five municipalities.
    text = words(check_pdf(render_agreement_pdf(agreement)).text)
    assert f"Avtal om nyttjande av insatser vid {SECOND}" in text
    assert "Mikamottagningen" not in text
    assert "Sollentuna" in text and "Huddinge" not in text

    # Täby's contact sees both offers: on the start page, the agreement list and the offers.
    home = contact.get("/").content.decode()
    assert TODAY in home and SECOND in home
    listing = contact.get("/avtal/")
    assert [a.offer.name for a in listing.context["page"].object_list] == [TODAY, SECOND]
    assert '<th scope="col">Erbjudande</th>' in listing.content.decode()
    only_second = contact.get("/avtal/?erbjudande=resurscentrum").context["page"].object_list
    assert list(only_second) == [agreement]
    offers = contact.get("/erbjudanden/").context["offers"]
    assert sorted(o.name for o in offers) == sorted([TODAY, SECOND])


def test_another_municipalitys_agreements_of_either_offer_answer_404(
    client_for, users, second, make_agreement
):
    nacka_first = make_agreement("0182", status=Status.SENT)
    nacka_second = services.prepare_agreement(
        municipality=Municipality.objects.get(code="0182"),
        by=users["project_leader"],
        template=second.templates.get(),
    )
    nacka_second.transition(Status.SENT, by=users["project_leader"])
    taby = client_for("contact_taby")
    for agreement in (nacka_first, nacka_second):
        for path in (f"/avtal/{agreement.pk}/", f"/avtal/{agreement.pk}/granska/"):
            assert taby.get(path).status_code == 404, path
    assert taby.get("/erbjudanden/resurscentrum/").status_code == 404
    assert taby.get("/avtal/").context["page"].paginator.count == 0
    nacka = client_for("contact_nacka")
    assert nacka.get(f"/avtal/{nacka_second.pk}/").status_code == 200
    assert nacka.get("/erbjudanden/resurscentrum/").status_code == 200


def test_a_single_offer_installation_shows_no_offer_column_or_filter(client_for, make_agreement):
    make_agreement("0182", status=Status.SENT)
    client = client_for("project_leader")
    html = client.get("/avtal/").content.decode()
    assert 'id="offer-filter"' not in html and '<th scope="col">Erbjudande</th>' not in html
    assert 'name="erbjudande"' not in client.get("/avtal/anslutning/").content.decode()


def test_the_pipeline_is_filtered_by_offer(client_for, users, second, taby_active):
    client = client_for("project_leader")
    rows = {r.municipality.code: r for r in client.get("/avtal/anslutning/").context["page"]}
    assert rows["0160"].state.label == "ansluten"
    page = client.get("/avtal/anslutning/?erbjudande=resurscentrum")
    rows = {r.municipality.code: r for r in page.context["page"].object_list}
    assert rows["0160"].state.label == "ej kontaktad"  # Täby has not joined the second offer
    assert f"Erbjudande: {SECOND}" in page.content.decode()
    detail = client.get("/avtal/anslutning/0160/").content.decode()
    assert "/avtal/anslutning/0160/offert/?erbjudande=resurscentrum" in detail
    assert client.get("/avtal/anslutning/?erbjudande=okant").status_code == 404


def _pdf_text(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return words(check_pdf(response.content).text)


def test_the_quote_and_the_letter_are_of_the_chosen_offer(client_for, users, second):
    client = client_for("project_leader")
    preview = client.get("/avtal/anslutning/0162/offert/?erbjudande=resurscentrum&datum=2021-06-10")
    cost = preview.context["offer"]
    assert (cost.offer, cost.table.pool) == (second, Decimal("1000000"))
    assert len(cost.table.rows) == 5
    assert "erbjudande=resurscentrum" in preview.content.decode()

    quote = _pdf_text(
        client, "/avtal/anslutning/0162/offert.pdf?datum=2021-06-10&erbjudande=resurscentrum"
    )
    assert f"Avtal om nyttjande av insatser vid {SECOND}" in quote
    assert "Mikamottagningen" not in quote and "Huddinge" not in quote

    letter = _pdf_text(client, "/avtal/anslutning/0162/brev.pdf?erbjudande=resurscentrum")
    assert f"Stockholms stad driver {SECOND} för hela länet" in letter
    assert "Rådgivningen" in letter and "Mikamottagningen" not in letter

    # A year without a confirmed pool: the second offer's own indexation (3 %) is named.
    preliminary = _pdf_text(
        client, "/avtal/anslutning/0162/offert.pdf?datum=2021-12-20&erbjudande=resurscentrum"
    )
    assert "uppräknad med 3 %" in preliminary

    # Today's offer, by default: its own name and services, as before.
    default = _pdf_text(client, "/avtal/anslutning/0162/offert.pdf?datum=2021-06-10")
    assert f"Avtal om nyttjande av insatser vid {TODAY}" in default
    assert Offer.objects.count() == 2
