"""TEMPORARY copy (s16ce): s16a's `auth.py` replaces this file at merge (issue 16's contract).

`SymblApp` gives the calling Symbl app's owner id (`symbl:<16 hex>`). Until s16a's token store
exists there is no token to check, so this refuses every request (401): fail closed. The unit
tests of the routes that use it override the dependency (`app.dependency_overrides[symbl_app]`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bleeper.errors import Unauthorized


def symbl_app() -> str:
    raise Unauthorized("Symbl-style access tokens are not available in this build")


SymblApp = Annotated[str, Depends(symbl_app)]
