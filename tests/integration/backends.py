"""An SMS sink slow enough for a worker to be killed in the middle of a batch."""

import time

from notifications.sms import FileBackend


class SlowFileBackend(FileBackend):
    """The file backend with 10 ms before and 10 ms after each write.

    The pause after the write widens the window in which a killed worker has written a
    message but not yet marked its row sent: exactly the case where a resend must not produce
    a second line.
    """

    def send(self, *, to: str, text: str, key: str) -> None:
        time.sleep(0.01)
        super().send(to=to, text=text, key=key)
        time.sleep(0.01)
