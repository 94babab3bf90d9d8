"""The webhook URL policy: checked when a URL is saved and again before every POST."""

from __future__ import annotations

import pytest

from assistant.watch.service import webhook_target_problem
from assistant.watch.webhook import WebhookSender


@pytest.mark.parametrize("url", ["http://127.0.0.1/h", "http://localhost:8080/h", "http://10.1.2.3/h",
                                 "http://192.168.0.1/h", "http://[::1]/h", "http://169.254.169.254/latest",
                                 "http://0.0.0.0/h", "http://[fd00::1]/h"])
def test_private_and_loopback_targets_are_refused_unless_allowed(url):
    assert "内网" in webhook_target_problem(url, allow_private=False)
    assert webhook_target_problem(url, allow_private=True) is None


@pytest.mark.parametrize("url", ["ftp://example.com/h", "javascript:alert(1)", "http:///nohost",
                                 "http://u:p@8.8.8.8/h"])
def test_malformed_or_credentialed_urls_are_refused_even_when_private_is_allowed(url):
    assert webhook_target_problem(url, allow_private=True)


def test_a_public_address_is_accepted():
    assert webhook_target_problem("https://8.8.8.8/hook", allow_private=False) is None


def test_the_sender_checks_again_before_posting_and_does_not_retry_a_refusal():
    class NeverCalled:
        def post(self, *args, **kwargs):
            raise AssertionError("a refused URL must not be contacted")

        def close(self) -> None:
            pass

    sender = WebhookSender(attempts=5, base_delay=0.01, client=NeverCalled(),
                           guard=lambda url: webhook_target_problem(url, allow_private=False))
    try:
        assert sender.submit("http://127.0.0.1:9/h", "secret", "d1", {"x": 1})
        assert sender.join(10)
        assert sender.stats.failed == 1 and sender.stats.attempts == 1 and sender.stats.delivered == 0
    finally:
        sender.close()
