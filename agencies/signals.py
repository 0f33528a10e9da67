"""`membership_ended`: sent inside the transaction that removes a member or lets one leave; `agency_suspended`:
sent inside the transaction in which a moderator suspends an agency.

Layers above (proposals, contracts) connect to it to take the person out of the agency's rooms at once; this
layer never imports them.
"""

from django.dispatch import Signal

# Arguments: agency, user, by.
membership_ended = Signal()

# Sent inside the transaction in which a moderator suspends an agency, so the hiring layer closes its open
# applications. Arguments: agency, by, note.
agency_suspended = Signal()
