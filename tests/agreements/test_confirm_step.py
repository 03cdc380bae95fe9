"""The confirm step of a previewed form (templates/includes/confirm.html): the button on the
preview sends back exactly what was previewed, and registers it."""

import re

from django.utils import timezone

from agreements.models import BillingDetailsChange, Status


def confirm_form(html: str) -> dict[str, str]:
    """The hidden fields of the preview's form, as the browser would post them."""
    form = re.search(r'<form method="post">(.*?)</form>', html, re.S).group(1)
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    return {name: value for name, value in fields if name != "csrfmiddlewaretoken"}


def test_confirming_a_notice_registers_what_the_preview_showed(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE, start=timezone.localdate().replace(day=1))
    client = client_for("project_leader")
    path = f"/avtal/{agreement.pk}/uppsagning/"
    date = timezone.localdate().isoformat()
    preview = client.post(
        path, {"notice_date": date, "party": "stockholms_stad", "comment": "Budget  "}
    ).content.decode()
    sent = confirm_form(preview)
    assert sent == {
        "notice_date": date,
        "party": "stockholms_stad",
        "comment": "Budget",
        "confirmed": "1",
    }
    assert client.post(path, sent)["Location"] == f"/avtal/{agreement.pk}/"
    agreement.refresh_from_db()
    assert (agreement.status, agreement.notice_party) == (Status.NOTICE_GIVEN, "stockholms_stad")


def test_confirming_a_billing_change_registers_what_the_preview_showed(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE, start=timezone.localdate().replace(day=1))
    client = client_for("contact_nacka")
    path = f"/avtal/{agreement.pk}/fakturauppgifter/"
    today = timezone.localdate().isoformat()
    details = {"invoicing_address": "Ny adress\r\nBox 1", "buyer_reference": " REF-9 "}
    preview = client.post(path, details | {"effective_from": today, "reason": ""})
    sent = confirm_form(preview.content.decode())
    assert (sent["buyer_reference"], sent["effective_from"]) == ("REF-9", today)
    assert (sent["reason"], sent["confirmed"]) == ("", "1")
    assert client.post(path, sent).status_code == 302
    (change,) = BillingDetailsChange.objects.all()
    assert change.buyer_reference == "REF-9"
    assert change.invoicing_address.splitlines() == ["Ny adress", "Box 1"]
