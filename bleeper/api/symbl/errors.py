"""Symbl-style error answers: `{"message": "…"}` with the HTTP status, as Symbl's APIs send them
(e.g. 404 `{"message": "The conversationId is either invalid or does not exist."}`).

Symbl routes use `SymblRoute` as their route class: bleeper's domain errors and FastAPI's
validation errors raised while a Symbl route runs (its dependencies included: the token check)
are answered in that shape; the rest of the API keeps its `{"error": …}` shape.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from bleeper.api import problems
from bleeper.errors import BleeperError

CONVERSATION_NOT_FOUND = "The conversationId is either invalid or does not exist."


def symbl_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


class SymblRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except BleeperError as exc:
                if exc.http_status >= 500:
                    raise  # the app's handler logs it (type only) and answers
                return symbl_error(exc.http_status, exc.message)
            except RequestValidationError as exc:
                # names the field and the problem, never the value sent (it may be PII)
                return symbl_error(400, problems.describe(exc.errors()))

        return answer
