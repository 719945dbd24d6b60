"""What a channel raises when it cannot deliver."""


class TransportError(Exception):
    """Worth retrying later: network down, timeout, the provider answered 5xx."""


class PermanentError(Exception):
    """Retrying cannot help: the address was refused, the provider rejected the request."""
