from django import forms
from django.utils.translation import gettext_lazy as _

from plein.careers.antispam import HONEYPOT_FIELD
from plein.careers.candidate_questions.models import Limits


class AskForm(forms.Form):
    """The public question form. `prefix`-free names: the static page's form posts them."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=Limits.QUESTION,
        help_text=_(
            "Your question and its answer are shown on this page for everyone. Leave out "
            "personal details such as your phone number."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": Limits.QUESTION}),
        error_messages={"required": _("Write your question.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=Limits.NAME,
        help_text=_("Shown with your question. Leave it empty to ask anonymously."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Only to tell you when your question is answered. We never show it, and we delete "
            "it once we have sent you that one e-mail."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my question (with my name, if I gave it) is shown on this page with "
            "the answers, and that my e-mail address is used only to tell me of the answer."
        ),
        error_messages={"required": _("Tick the box to agree, or your question cannot be shown.")},
    )
    send_anyway = forms.BooleanField(
        label=_("Send my question as it is: someone checks it before it is shown."),
        required=False,
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)
    pow_challenge = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)
    pow_nonce = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=Limits.ANSWER,
        help_text=_("Shown in public on the vacancy page, with your name and function."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": Limits.ANSWER}),
        error_messages={"required": _("Write your answer.")},
    )
    send_anyway = forms.BooleanField(label=_("Publish my answer as it is"), required=False)
