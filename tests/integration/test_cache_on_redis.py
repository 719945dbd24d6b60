"""The cache as production runs it (motcua.cache.RedisCache on a real Redis): the lookup's rate
limit counted there with an expiry, the catalog and the site's name kept until an edit."""

import pytest
import redis

from django.core.cache import caches
from django.urls import reverse

from motcua.models import RateLimitCount
from procedures.cache import catalog
from tests.factories import AgencyFactory, FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

LOOKUP = reverse("dossiers:lookup")


@pytest.fixture
def redis_cache(settings, redis_url, key_prefix):
    settings.CACHES = {
        "default": {
            "BACKEND": "motcua.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": key_prefix,
        }
    }
    return redis.Redis.from_url(redis_url)


def test_the_lookup_rate_limit_counts_in_redis_with_an_expiry(client, redis_cache, settings):
    settings.LOOKUP_RATE_LIMIT = 2
    asked = {"ma": "KHONG-CO", "so": "1234"}
    statuses = [client.get(LOOKUP, asked).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert not RateLimitCount.objects.exists()  # counted in Redis, not in the database
    (key,) = redis_cache.keys(caches["default"].make_key("ratelimit:lookup:*"))
    assert int(redis_cache.get(key)) == 3
    assert 0 < redis_cache.ttl(key) <= 65  # the window (60 s) and a margin, never forever
    other = {"REMOTE_ADDR": "10.0.0.9"}
    assert client.get(LOOKUP, asked, **other).status_code == 200  # another client counts apart


def test_the_catalog_is_kept_until_an_edit(client, redis_cache, django_assert_num_queries):
    AgencyFactory(name="UBND tỉnh Mẫu", identifier="001.00.00.H33", level="province")
    birth = ProcedureFactory(name="Đăng ký khai sinh", field=FieldFactory(name="Hộ tịch"))
    client.get(reverse("procedures:list"))
    with django_assert_num_queries(0):
        page = client.get(reverse("procedures:list"))
    assert "Đăng ký khai sinh" in page.text and "UBND tỉnh Mẫu" in page.text
    birth.name = "Đăng ký lại khai sinh"
    birth.save()  # procedures.signals: catalog.bump()
    assert "Đăng ký lại khai sinh" in client.get(reverse("procedures:list")).text


def test_an_entry_counts_only_in_the_generation_it_was_computed_in(redis_cache):
    computed = []

    def compute() -> str:
        computed.append(len(computed) + 1)
        return f"value {len(computed)}"

    assert catalog.get_or_set(("test-entry",), compute) == "value 1"
    assert catalog.get_or_set(("test-entry",), compute) == "value 1"
    catalog.bump()
    assert catalog.get_or_set(("test-entry",), compute) == "value 2"
    redis_cache.delete(caches["default"].make_key("generation:catalog"))  # Redis emptied
    assert catalog.get_or_set(("test-entry",), compute) == "value 3"
    assert computed == [1, 2, 3]
