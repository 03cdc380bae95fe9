from tests.training.conftest import make_session, register  # noqa: F401
