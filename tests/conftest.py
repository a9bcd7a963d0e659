import pytest

from .personas import Museum, build_museum


@pytest.fixture
def museum(db: None) -> Museum:
    return build_museum()
