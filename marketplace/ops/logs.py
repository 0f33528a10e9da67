"""One log line per request and per Celery task: JSON in production, readable text in development.

Each line carries its fields as `extra` on the record (request_id, user_id, method, path, status, duration_ms;
task_name, task_id, retries, state, duration_ms); the JSON formatter (python-json-logger) writes them as keys,
the development formatter shows the message, which repeats them in words.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from celery import signals
from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("marketplace.request")
task_logger = logging.getLogger("marketplace.task")

current_request_id: ContextVar[str] = ContextVar("request_id", default="")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_task_started: dict[str, float] = {}


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or the task's, in a worker) to every record, so related lines can be joined."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get()
        return True


class RequestLogMiddleware:
    """Reuses the proxy's X-Request-ID (or makes one), returns it on the response and logs the request once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s %.1fms user=%s request_id=%s",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                user_id,
                request_id,
                extra={
                    "request_id": request_id,
                    "user_id": user_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            current_request_id.reset(token)


@signals.before_task_publish.connect
def _pass_request_id(headers: dict | None = None, **kwargs) -> None:
    if headers is not None and current_request_id.get():
        headers["request_id"] = current_request_id.get()


@signals.task_prerun.connect
def _task_started_at(task_id: str, task, **kwargs) -> None:
    _task_started[task_id] = time.perf_counter()
    current_request_id.set(getattr(task.request, "request_id", None) or "")


def _log_task(task, task_id: str, state: str, level: int = logging.INFO, **fields) -> None:
    started = _task_started.pop(task_id, None) if state != "RETRY" else _task_started.get(task_id)
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
    retries = task.request.retries if task is not None else None
    name = task.name if task is not None else ""
    task_logger.log(
        level,
        "task %s[%s] %s in %sms retries=%s",
        name,
        task_id,
        state,
        duration_ms,
        retries,
        extra={
            "task_name": name,
            "task_id": task_id,
            "state": state,
            "retries": retries,
            "duration_ms": duration_ms,
            **fields,
        },
    )


@signals.task_postrun.connect
def _task_finished(task_id: str, task, state: str | None = None, **kwargs) -> None:
    if state in ("SUCCESS", "FAILURE", None):  # RETRY was logged by task_retry
        _log_task(task, task_id, state or "UNKNOWN", logging.INFO if state == "SUCCESS" else logging.ERROR)
    else:
        _task_started.pop(task_id, None)
    current_request_id.set("")


@signals.task_retry.connect
def _task_retried(sender=None, request=None, reason=None, **kwargs) -> None:
    _log_task(sender, request.id if request is not None else "", "RETRY", logging.WARNING, reason=str(reason))
