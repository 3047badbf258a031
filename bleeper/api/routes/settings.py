"""/v2/settings/redaction: a key's default redaction options for new jobs (✚ bleeper)."""

from __future__ import annotations

from fastapi import APIRouter

from bleeper import policies
from bleeper.api.deps import JobStoreDep, Owner
from bleeper.api.schemas import CustomEntityCreate, RedactionSettings, TranscriptCreate
from bleeper.config import Settings
from bleeper.custom import definitions
from bleeper.models import JobOptions
from bleeper.state.accounts import AccountSettings
from bleeper.state.custom_entities import CustomEntityStore
from bleeper.state.jobs import JobStore

router = APIRouter(prefix="/v2/settings", tags=["settings"])


def load(store: JobStore, owner: str) -> RedactionSettings:
    """The defaults new jobs take (the account's custom entities are not among them: they are
    added to a job's own, see `shown`)."""
    return RedactionSettings.model_validate(AccountSettings(store.redis).get(owner))


def job_options(body: TranscriptCreate, store: JobStore, owner: str, settings: Settings) -> JobOptions:
    """A new job's options: the account's defaults fill what the job left out, and the account's
    custom entity types come with the job's own (the job's winning on a name)."""
    options = body.with_defaults(load(store, owner).model_dump(exclude_none=True)).to_options(settings)
    account = CustomEntityStore(store.redis).list(owner)
    if not account:
        return options
    return options.model_copy(update={"redact_pii_custom_entities": definitions.merge(
        account, options.redact_pii_custom_entities)})


def shown(store: JobStore, owner: str, values: RedactionSettings) -> RedactionSettings:
    entities = CustomEntityStore(store.redis).list(owner)
    return values.model_copy(update={"redact_pii_custom_entities": [
        CustomEntityCreate.model_validate(e.model_dump()) for e in entities] or None})


@router.get("/redaction", response_model=RedactionSettings, response_model_exclude_none=True)
def get_redaction_settings(owner: Owner, store: JobStoreDep) -> RedactionSettings:
    return shown(store, owner, load(store, owner))


@router.patch("/redaction", response_model=RedactionSettings, response_model_exclude_none=True)
def patch_redaction_settings(body: RedactionSettings, owner: Owner, store: JobStoreDep) -> RedactionSettings:
    """Fields sent replace the stored ones; a field sent as null clears it. The custom entities
    are the account's own entity types, the same list /v1/manage/entities manages."""
    given = body.model_dump(exclude_unset=True)
    entities_given = "redact_pii_custom_entities" in given
    entities = definitions.check_all(body.redact_pii_custom_entities) if entities_given \
        else CustomEntityStore(store.redis).list(owner)
    names = definitions.names(entities)
    if body.redact_pii_policies is not None:
        policies.validate(body.redact_pii_policies)
    if body.redact_pii_exclude is not None:
        policies.validate(body.redact_pii_exclude, field="redact_pii_exclude", custom=names)
    policies.validate_custom(body.redact_pii_custom, names)
    given.pop("redact_pii_custom_entities", None)
    merged = load(store, owner).model_copy(update=given)
    # the defaults alone must redact something; a job may still override them
    policies.check_redacts_something(merged.redact_pii_policies, merged.redact_pii_exclude,
                                     len(definitions.wanted(entities, merged.redact_pii_exclude)))
    if entities_given:
        CustomEntityStore(store.redis).replace_all(owner, entities)
    AccountSettings(store.redis).put(owner, merged.model_dump(exclude_none=True))
    return shown(store, owner, merged)
