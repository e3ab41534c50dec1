import os

import pytest
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL")


@pytest.fixture
def redis_cache():
    config = {
        "default": {
            "BACKEND": "ocop_portal.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "shared-client-test",
        }
    }
    with override_settings(CACHES=config):
        cache = caches.create_connection("default")
        yield cache
        cache.clear()


def test_one_client_serves_every_operation_and_values_round_trip(redis_cache):
    redis_cache.set("a", {"ý": [1, 2]}, 30)
    first = redis_cache._cache.get_client(write=True)
    assert redis_cache.get("a") == {"ý": [1, 2]}
    assert redis_cache.get_many(["a", "b"]) == {"a": {"ý": [1, 2]}}
    assert redis_cache.add("n", 1, 30)
    assert redis_cache.incr("n") == 2
    assert redis_cache._cache.get_client() is first
    assert redis_cache._cache.get_client(write=True) is first
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"
