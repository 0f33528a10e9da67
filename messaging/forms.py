from django import forms

from marketplace.forms import Form

from .models import PREFERENCE_GROUPS, email_default, email_when
from .services import MESSAGE_MAX_LENGTH


class MessageForm(Form):
    body = forms.CharField(
        label="Message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a message first."},
    )


class PreferencesForm(Form):
    """One "Email me when ..." checkbox per notification kind the person can receive."""

    def __init__(self, *args, user, chosen: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        roles = {"everyone"}
        if user.is_freelancer:
            roles.add("freelancer")
        if user.is_client:
            roles.add("client")
        if roles == {"everyone"}:  # no role yet (e.g. a moderator): show everything
            roles = {key for key, _, _ in PREFERENCE_GROUPS}
        self.sections: list[tuple[str, list[str]]] = []
        for key, title, kinds in PREFERENCE_GROUPS:
            if key not in roles:
                continue
            names = []
            for kind in kinds:
                self.fields[str(kind)] = forms.BooleanField(
                    label=f"Email me when {email_when(kind)}",
                    required=False,
                    initial=chosen.get(kind, email_default(kind)),
                )
                names.append(str(kind))
            self.sections.append((title, names))

    def grouped(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections]
