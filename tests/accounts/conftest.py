"""Fixtures shared with the other apps' tests, for the start page's to-do lists."""

from tests.agreements.conftest import make_agreement  # noqa: F401  (shared fixtures)
from tests.followup.conftest import figures, service_ids  # noqa: F401
from tests.steering_group.conftest import apply, in_force, schedule  # noqa: F401
from tests.training.conftest import make_session, register  # noqa: F401
