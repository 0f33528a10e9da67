"""The screening the app runs on job posts and room messages.

The rules (`marketplace.screening.screen`) always run. With the setting `SCREENING_CLASSIFIER` on (and the model
file built), their hits go through the classifier too (`marketplace.screening.model.screen_combined`, thresholds
from `SCREENING_THRESHOLDS`): it adds paraphrases the rules miss and drops rule hits it scores below the
threshold. On by default: on the fresh held-out files it is at least as precise as the rules alone and finds far
more (README "Screening"); scikit-learn is imported only when it is on.
"""

from __future__ import annotations

from django.conf import settings

from marketplace.screening import ScreeningResult, screen


def screen_text(text: str) -> ScreeningResult:
    if getattr(settings, "SCREENING_CLASSIFIER", False):
        from marketplace.screening import model as screening_model  # scikit-learn: loaded by the processes that use it

        classifier = screening_model.load_default()
        if classifier is not None:
            return screening_model.screen_combined(text, classifier, getattr(settings, "SCREENING_THRESHOLDS", None))
    return screen(text)
