"""GET and PATCH /v1/manage/settings: an app's user settings (its redaction defaults), changed
with a JSON Patch array as Symbl's Management API takes it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from bleeper.api.deps import JobStoreDep
from bleeper.api.symbl.auth import SymblApp
from bleeper.state.symbl_settings import SymblSettings, account_custom_names, settings_id
from bleeper.symbl.settings import apply_patch

router = APIRouter(prefix="/v1/manage", tags=["symbl"])


def _shown(app: str, settings: dict[str, Any]) -> dict[str, Any]:
    # Symbl's GET puts the settings in a `settings` object, its PATCH answers them beside `id`:
    # both, so clients of either read what they expect
    return {"id": settings_id(app), **settings, "settings": settings}


@router.get("/settings")
def get_settings(app: SymblApp, store: JobStoreDep) -> dict[str, Any]:
    return _shown(app, SymblSettings(store.redis).get(app))


@router.patch("/settings")
def patch_settings(app: SymblApp, store: JobStoreDep, operations: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """`[{"op": "add" | "replace" | "remove", "path": "/redaction", "value": {…}}]`."""
    stored = SymblSettings(store.redis)
    changed = apply_patch(stored.get(app), operations, account_custom_names(store.redis, app))
    stored.put(app, changed)
    return _shown(app, changed)
