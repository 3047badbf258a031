"""The Symbl.ai-style API (issue 16): one router that includes each part's routes."""

from fastapi import APIRouter

from bleeper.api.symbl import entities_manage

router = APIRouter()
router.include_router(entities_manage.router)
