"""Symbl.ai's Conversations and Management APIs over bleeper's pipeline (issue 16)."""

from fastapi import APIRouter

from bleeper.api.symbl import manage, reads

router = APIRouter()
router.include_router(reads.router)
router.include_router(manage.router)
