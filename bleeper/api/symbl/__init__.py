"""The Symbl-style API (README, Moving from Symbl.ai): code written for Symbl's REST API moves by
changing its base URL. Served on the API's port beside the AssemblyAI-style v2 API; its error
bodies are Symbl's `{"message": …}` (bleeper.api.app's handlers ask `symbl_path`)."""

from __future__ import annotations

from fastapi import APIRouter

from bleeper.api.symbl import auth, conversations, entities_manage, jobs, manage, process, reads

PATHS = ("/oauth2/", "/v1/")


def symbl_path(path: str) -> bool:
    return path.startswith(PATHS)


router = APIRouter()
router.include_router(auth.router)
router.include_router(process.router)
router.include_router(jobs.router)
router.include_router(conversations.router)
router.include_router(reads.router)
router.include_router(manage.router)
router.include_router(entities_manage.router)
