"""/v2/settings/redaction: a key's default redaction options for new jobs (✚ bleeper)."""

from __future__ import annotations

from fastapi import APIRouter

from bleeper import policies
from bleeper.api.deps import JobStoreDep, Owner
from bleeper.api.schemas import RedactionSettings
from bleeper.state.accounts import AccountSettings
from bleeper.state.jobs import JobStore

router = APIRouter(prefix="/v2/settings", tags=["settings"])


def load(store: JobStore, owner: str) -> RedactionSettings:
    return RedactionSettings.model_validate(AccountSettings(store.redis).get(owner))


@router.get("/redaction", response_model=RedactionSettings, response_model_exclude_none=True)
def get_redaction_settings(owner: Owner, store: JobStoreDep) -> RedactionSettings:
    return load(store, owner)


@router.patch("/redaction", response_model=RedactionSettings, response_model_exclude_none=True)
def patch_redaction_settings(body: RedactionSettings, owner: Owner, store: JobStoreDep) -> RedactionSettings:
    """Fields sent replace the stored ones; a field sent as null clears it."""
    if body.redact_pii_policies is not None:
        policies.validate(body.redact_pii_policies)
    if body.redact_pii_exclude is not None:
        policies.validate(body.redact_pii_exclude, field="redact_pii_exclude")
    policies.validate_custom(body.redact_pii_custom)
    merged = load(store, owner).model_copy(update=body.model_dump(exclude_unset=True))
    # the defaults alone must redact something; a job may still override them
    policies.check_redacts_something(merged.redact_pii_policies, merged.redact_pii_exclude)
    AccountSettings(store.redis).put(owner, merged.model_dump(exclude_none=True))
    return merged
