"""Building the learned subject model (caravan/insight/similar/model.py) and storing it."""

from __future__ import annotations

from .model import SubjectModel, build_model, current_model, forget_current_model, save_model
from .selectors import index_version_text


def subject_model_refresh(*, force: bool = False) -> SubjectModel | None:
    """Count the model over the catalogue's indexed records and store it, unless the stored one
    was built at the same index version. None before the search index exists."""
    version = index_version_text()
    if version is None:
        return None
    stored = current_model()
    if not force and stored is not None and stored.version == version:
        return stored
    model = build_model(version=version)
    save_model(model)
    forget_current_model()
    return model
