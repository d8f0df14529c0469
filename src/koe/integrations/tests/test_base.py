"""The connector table: plug-ins are found by network name and imported on first use."""

import pytest

from koe.integrations import base
from koe.integrations.base import ConnectorError, connector_class, connector_for

pytestmark = pytest.mark.django_db


def test_every_table_entry_is_a_connector_named_for_its_network():
    for network in base.CONNECTORS:
        cls = connector_class(network)
        assert issubclass(cls, base.Connector)
        assert cls.name == network


def test_an_unknown_network_is_an_error_that_retrying_cannot_fix():
    with pytest.raises(ConnectorError) as err:
        connector_for("myspace")
    assert err.value.retryable is False
    assert "myspace" in err.value.message


def test_an_error_is_stored_on_the_connector_row_and_cleared():
    from koe.monitoring.models import ConnectorState

    connector = connector_for("bluesky", state_name="bluesky-test")
    connector.record_error(ConnectorError("the relay refused us", retryable=False))

    state = ConnectorState.objects.get(name="bluesky-test")
    assert (state.last_error, state.retryable) == ("the relay refused us", False)
    connector.clear_error()
    state.refresh_from_db()
    assert (state.last_error, state.retryable) == ("", True)
