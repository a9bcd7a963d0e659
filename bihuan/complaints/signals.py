"""Signals the complaint workflow sends, for the modules that react to it (notices to
complainants, integrations) without the workflow importing them."""

from django.dispatch import Signal

# Sent by services._workflow.record() for every timeline event, inside the transaction
# that writes it: receivers' writes commit or roll back with the event. Arguments:
# ``complaint`` (the Complaint, with its new status) and ``event`` (the TimelineEvent).
event_recorded = Signal()
