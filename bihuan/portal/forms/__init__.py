"""The portal's forms: they parse what the complainant typed; the services decide."""

from .status import LookupForm, RateForm, SupplementForm
from .submit import SubmitForm

__all__ = ["LookupForm", "RateForm", "SubmitForm", "SupplementForm"]
