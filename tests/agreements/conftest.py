import datetime

import pytest

from agreements import services
from agreements.models import AgreementTemplate, Status
from municipalities.models import Municipality


@pytest.fixture
def nacka(reference_data):
    return Municipality.objects.get(code="0182")


@pytest.fixture
def make_agreement(users):
    """make_agreement("0182", status=Status.ACTIVE, start=date) walks the real transitions."""

    def make(code="0182", *, status=Status.DRAFT, start=datetime.date(2025, 3, 1), **fields):
        municipality = Municipality.objects.get(code=code)
        agreement = services.prepare_agreement(
            municipality=municipality, by=users["project_leader"]
        )
        path = [Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE, Status.NOTICE_GIVEN]
        target = Status(status)
        if target in (Status.ENDED,):
            path = [Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE, Status.ENDED]
        if target == Status.WITHDRAWN:
            path = [Status.WITHDRAWN]
        for step in path:
            if agreement.status == target:
                break
            if step == Status.ACTIVE:
                agreement.start_date = start
            agreement.transition(step, by=users["project_leader"])
        for name, value in fields.items():
            setattr(agreement, name, value)
        if fields:
            agreement.save()
        return agreement

    return make


@pytest.fixture
def template_2023(reference_data):
    return AgreementTemplate.objects.get(version="2023")
