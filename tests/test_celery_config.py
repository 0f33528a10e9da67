"""Celery configuration: limits on every task, mail on its own queue, late acknowledgement for mail."""

from django.conf import settings

from marketplace.celery import app


def _our_tasks() -> dict:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def _queue(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


def test_every_task_has_soft_and_hard_time_limits():
    tasks = _our_tasks()
    assert "messaging.deliver_notification_email" in tasks and "ops.beat_heartbeat" in tasks
    for name, task in tasks.items():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert soft and hard and soft < hard, name


def test_mail_tasks_go_to_the_email_queue_late_acked_with_short_limits():
    tasks = _our_tasks()
    for name in settings.MAIL_TASKS:
        task = tasks[name]
        assert _queue(name) == "email"
        assert task.acks_late is True
        assert task.soft_time_limit == settings.EMAIL_TASK_SOFT_TIME_LIMIT
        assert task.time_limit == settings.EMAIL_TASK_TIME_LIMIT
        # The claim of a row being sent outlives the task that holds it.
        assert task.time_limit < settings.NOTIFICATION_CLAIM_TIMEOUT.total_seconds()
    assert app.conf.worker_prefetch_multiplier == 1


def test_housekeeping_tasks_stay_off_the_email_queue():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert _queue(entry["task"]) == "housekeeping", entry["task"]
    assert {queue.name for queue in app.conf.task_queues} == {"email", "housekeeping"}
