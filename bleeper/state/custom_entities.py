"""An account's custom entity definitions (✚ issue 16), kept in Redis beside the job records.

One JSON list per owner at `bleeper:custom_entities:<owner>` (a Symbl app's `symbl:<id>`, or a v2
key's owner hash). Each record is a checked `CustomEntity` with the id the Management API names it
by and, for Symbl's shape, its `type` and `subType`. Jobs copy the definitions when they are
submitted, so changing them later does not change a job already made. Definitions can hold an
account's sensitive vocabulary: they are never logged.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import redis
from pydantic import BaseModel

from bleeper.custom import definitions
from bleeper.errors import InvalidRequest, NotFound
from bleeper.models import CustomEntity

PREFIX = "bleeper:custom_entities:"


class StoredEntity(BaseModel):
    id: str
    entity: CustomEntity
    type: str | None = None  # Symbl's `type` and `subType`, as the account wrote them
    sub_type: str | None = None


def new_id() -> str:
    return str(secrets.randbelow(9 * 10**15) + 10**15)  # Symbl's ids are 16 digits


class CustomEntityStore:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def _key(self, owner: str) -> str:
        return PREFIX + owner

    def records(self, owner: str) -> list[StoredEntity]:
        raw = self.redis.get(self._key(owner))
        return [StoredEntity.model_validate(r) for r in json.loads(raw)] if raw else []

    def list(self, owner: str) -> list[CustomEntity]:
        """The account's definitions, as jobs copy them into `redact_pii_custom_entities`."""
        return [r.entity for r in self.records(owner)]

    def for_job(self, owner: str, process_entities: list[dict] | None = None) -> list[CustomEntity]:
        """What a Symbl process call puts in `JobOptions.redact_pii_custom_entities`: the app's
        definitions with the call's `entities` (`[{"customType", "text"}]`), the call's winning on
        a name; checked (InvalidRequest naming the field)."""
        request = definitions.from_process_entities(process_entities)
        return definitions.check_all(definitions.merge(self.list(owner), request), "entities")

    def get(self, owner: str, entity_id: str) -> StoredEntity:
        for r in self.records(owner):
            if r.id == entity_id:
                return r
        raise NotFound("no custom entity with this id (or it is another account's)")

    def _change(self, owner: str, change: Any) -> Any:  # noqa: ANN401 — what `change` returns
        """Read, change and write the owner's list atomically (WATCH/MULTI): two requests at once
        never lose one's definition."""
        out: list[Any] = []

        def apply(pipe: redis.client.Pipeline) -> None:
            raw = pipe.get(self._key(owner))
            current = [StoredEntity.model_validate(r) for r in json.loads(raw)] if raw else []
            updated, result = change(current)
            definitions.check_all([r.entity for r in updated], "entities")
            pipe.multi()
            pipe.set(self._key(owner), json.dumps([r.model_dump() for r in updated]))
            out[:] = [result]

        self.redis.transaction(apply, self._key(owner))
        return out[0]

    def create(self, owner: str, items: list[StoredEntity]) -> list[StoredEntity]:
        def change(current: list[StoredEntity]) -> tuple[list[StoredEntity], list[StoredEntity]]:
            taken = {r.entity.name for r in current}
            for i, item in enumerate(items):
                if item.entity.name in taken:
                    raise InvalidRequest(f"entities[{i}]: a custom entity named {item.entity.name} exists already; "
                                         "update it instead (PUT) or choose another type/subType")
                taken.add(item.entity.name)
            return [*current, *items], items

        return self._change(owner, change)

    def update(self, owner: str, entity_id: str, item: StoredEntity) -> StoredEntity:
        def change(current: list[StoredEntity]) -> tuple[list[StoredEntity], StoredEntity]:
            if not any(r.id == entity_id for r in current):
                raise NotFound("no custom entity with this id (or it is another account's)")
            if any(r.entity.name == item.entity.name and r.id != entity_id for r in current):
                raise InvalidRequest(f"a custom entity named {item.entity.name} exists already; choose another "
                                     "type/subType")
            stored = item.model_copy(update={"id": entity_id})
            return [stored if r.id == entity_id else r for r in current], stored

        return self._change(owner, change)

    def replace_all(self, owner: str, entities: list[CustomEntity]) -> list[StoredEntity]:
        """The v2 settings' whole list at once; ids kept for names that stay."""
        def change(current: list[StoredEntity]) -> tuple[list[StoredEntity], list[StoredEntity]]:
            ids = {r.entity.name: r.id for r in current}
            updated = [StoredEntity(id=ids.get(e.name) or new_id(), entity=e) for e in entities]
            return updated, updated

        return self._change(owner, change)

    def delete(self, owner: str, entity_id: str) -> None:
        def change(current: list[StoredEntity]) -> tuple[list[StoredEntity], None]:
            if not any(r.id == entity_id for r in current):
                raise NotFound("no custom entity with this id (or it is another account's)")
            return [r for r in current if r.id != entity_id], None

        self._change(owner, change)
