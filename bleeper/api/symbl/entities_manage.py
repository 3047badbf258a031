"""/v1/manage/entities: an app's custom entity types, as Symbl's Management API keeps them.

Symbl's shape is `{"id", "type", "subType", "category": "Custom", "values": [...]}`; the entity
is redacted, excluded and given a custom string under its name, `type` and `subType` in upper
snake case (`Vehicle`/`TeslaModel` → VEHICLE_TESLA_MODEL) unless ✚ `name` says otherwise. ✚
bleeper extensions: `pattern` (a regular expression, checked for catastrophic backtracking) and
`context` (words that must be said near a match). Both spellings of Symbl's documented paths are
served (`/v1/manage/entity/{id}` and `/v1/manage/entities/{id}`; bulk creation as a list posted
to `/v1/manage/entities` or `/v1/manage/entities/bulk`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bleeper.api import problems
from bleeper.api.deps import JobStoreDep
from bleeper.api.symbl.auth import SymblApp
from bleeper.custom import definitions, patterns
from bleeper.errors import InvalidRequest
from bleeper.models import CustomEntity
from bleeper.state.custom_entities import CustomEntityStore, StoredEntity, new_id

router = APIRouter(prefix="/v1/manage", tags=["symbl: custom entities"])

Phrase = Annotated[str, Field(max_length=definitions.MAX_PHRASE_LENGTH)]
Word = Annotated[str, Field(max_length=definitions.MAX_CONTEXT_LENGTH)]


class EntityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    type: Annotated[str, Field(min_length=1, max_length=64)]
    subType: Annotated[str, Field(max_length=64)] | None = None  # noqa: N815 — Symbl's name
    category: Literal["Custom"] = "Custom"
    values: Annotated[list[Phrase], Field(max_length=definitions.MAX_PHRASES)] = Field(default_factory=list)
    pattern: Annotated[str, Field(max_length=patterns.MAX_PATTERN_LENGTH)] | None = None  # ✚
    context: Annotated[list[Word], Field(max_length=definitions.MAX_CONTEXT)] = Field(default_factory=list)  # ✚
    name: Annotated[str, Field(max_length=64)] | None = None  # ✚ the redaction name, when not derived

    def stored(self, field: str) -> StoredEntity:
        name = self.name or definitions.from_symbl(self.type, self.subType)
        entity = definitions.check_one(
            CustomEntity(name=name, phrases=self.values, pattern=self.pattern, context=self.context), field)
        return StoredEntity(id=new_id(), entity=entity, type=self.type, sub_type=self.subType)


def parse(body: Any, *loc: str | int) -> StoredEntity:  # noqa: ANN401 — a JSON value
    """An entity of the body at `loc` (("entity",) or ("entities", 2)), checked: 400 naming the field."""
    try:
        return EntityCreate.model_validate(body).stored(problems.field(loc))
    except ValidationError as exc:
        raise InvalidRequest(problems.describe([{**e, "loc": (*loc, *e["loc"])} for e in exc.errors()])) from None


def public(r: StoredEntity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "type": r.type or r.entity.name, "subType": r.sub_type,
                           "category": "Custom", "values": r.entity.phrases, "name": r.entity.name}
    if r.entity.pattern is not None:
        out["pattern"] = r.entity.pattern
    if r.entity.context:
        out["context"] = r.entity.context
    return out


def _many(items: list[dict[str, Any]]) -> list[StoredEntity]:
    if not items:
        raise InvalidRequest("entities: the list is empty; send at least one entity")
    if len(items) > definitions.MAX_ENTITIES:
        raise InvalidRequest(f"entities: at most {definitions.MAX_ENTITIES} custom entities per account")
    return [parse(item, "entities", i) for i, item in enumerate(items)]


@router.post("/entities", status_code=201)
def create_entities(app: SymblApp, store: JobStoreDep,
                    body: Annotated[dict[str, Any] | list[dict[str, Any]], Body()]) -> Any:  # noqa: ANN401
    """One entity (an object) → the entity; several (a list) → `{"entities": [...]}`."""
    entities = CustomEntityStore(store.redis)
    if isinstance(body, list):
        return {"entities": [public(r) for r in entities.create(app, _many(body))]}
    return public(entities.create(app, [parse(body, "entity")])[0])


@router.post("/entity", status_code=201)
def create_entity(app: SymblApp, store: JobStoreDep, body: EntityCreate) -> dict[str, Any]:
    return public(CustomEntityStore(store.redis).create(app, [body.stored("entity")])[0])


@router.post("/entities/bulk", status_code=201)
def create_bulk(app: SymblApp, store: JobStoreDep, body: Annotated[list[dict[str, Any]], Body()]) -> dict[str, Any]:
    return {"entities": [public(r) for r in CustomEntityStore(store.redis).create(app, _many(body))]}


@router.get("/entities")
def list_entities(app: SymblApp, store: JobStoreDep) -> dict[str, Any]:
    return {"entities": [public(r) for r in CustomEntityStore(store.redis).records(app)]}


def get_entity(entity_id: str, app: SymblApp, store: JobStoreDep) -> dict[str, Any]:
    return public(CustomEntityStore(store.redis).get(app, entity_id))


def update_entity(entity_id: str, app: SymblApp, store: JobStoreDep, body: EntityCreate) -> dict[str, Any]:
    return public(CustomEntityStore(store.redis).update(app, entity_id, body.stored("entity")))


def delete_entity(entity_id: str, app: SymblApp, store: JobStoreDep) -> dict[str, Any]:
    CustomEntityStore(store.redis).delete(app, entity_id)
    return {"id": entity_id, "deleted": True}


for _path in ("/entities/{entity_id}", "/entity/{entity_id}"):
    router.add_api_route(_path, get_entity, methods=["GET"])
    router.add_api_route(_path, update_entity, methods=["PUT"])
    router.add_api_route(_path, delete_entity, methods=["DELETE"])
