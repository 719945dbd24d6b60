"""The Celery wiring: beat entries name real tasks, routes reach the notifications queue."""

from django.conf import settings

from motcua.celery import app


def test_the_beat_entries_name_registered_tasks():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    ours = {"notifications.tasks.requeue_pending", "dossiers.tasks.send_officer_digests"}
    assert ours <= names
    assert ours <= set(app.tasks)


def test_the_sweep_runs_every_minute_and_the_digest_every_morning():
    sweep = settings.CELERY_BEAT_SCHEDULE["notifications-requeue-pending"]
    assert sweep["schedule"] == 60.0
    digest = settings.CELERY_BEAT_SCHEDULE["dossiers-officer-digest"]["schedule"]
    assert digest.hour == {7} and digest.minute == {0}
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_outbox_tasks_go_to_the_notifications_queue():
    app.loader.import_default_modules()
    route = app.amqp.router.route({}, "notifications.tasks.send_notification")
    assert route["queue"].name == "notifications"
    assert app.amqp.router.route({}, "dossiers.tasks.send_officer_digests")["queue"].name == (
        "celery"
    )


def test_the_sweep_task_and_the_command(db, capsys):
    from django.core.management import call_command

    from notifications.tasks import requeue_pending

    assert requeue_pending.acks_late is True
    assert requeue_pending.run(older_than=0) == 0
    call_command("send_pending_notifications")
    assert "0 pending notification(s) queued." in capsys.readouterr().out
