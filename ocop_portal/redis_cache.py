"""Django's Redis cache backend, with one Redis client per connection pool instead of a new
one for every cache operation.

Django's `RedisCacheClient.get_client()` builds a `redis.Redis` object on each call, and the
constructor registers some 170 response callbacks: ~70 µs, half the cost of the GET itself on
loopback, paid several times by every page. A `redis.Redis` object holds no connection of its
own (it borrows one from the pool for each command, and the pool notices a fork), so one per
pool is safe to share between the threads of a process."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None or client.connection_pool is not pool:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
