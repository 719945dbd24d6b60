from django.db import models


class RateLimitCount(models.Model):
    """Tries of one client in one rate-limit window, counted here while the cache is down."""

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
